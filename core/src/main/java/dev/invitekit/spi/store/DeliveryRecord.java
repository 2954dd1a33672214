package dev.invitekit.spi.store;

import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.id.InvitationId;
import java.time.Instant;
import java.util.Objects;

/**
 * One step of {@link InvitationStore#recordDeliveries}: the arguments of one
 * {@link InvitationStore#recordDelivery} call.
 *
 * @param id the invitation
 * @param tokenDigest the digest of the token the mail carried
 * @param status the delivery status to record
 * @param at when
 */
public record DeliveryRecord(InvitationId id, TokenDigest tokenDigest, DeliveryStatus status, Instant at) {
  /** Checks that nothing is null. */
  public DeliveryRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tokenDigest, "tokenDigest");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
  }
}
