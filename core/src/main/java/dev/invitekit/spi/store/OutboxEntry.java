package dev.invitekit.spi.store;

import dev.invitekit.secret.Secret;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.InvitationId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message in the transactional outbox (SPEC §5): recorded in the same unit of work as the change it
 * reports (an invitation and its email), then delivered, at least once, by core's dispatcher. Stores keep
 * it as is; they never read the payload.
 *
 * @param id unique id; also the message's stable {@code Message-ID}, so duplicates can be recognized
 * @param accountId the account the message belongs to, or null
 * @param invitationId the invitation whose mail this is, or null
 * @param tokenDigest the digest of the invitation token the message's link carries, or null
 * @param payload the message as core serialized it; opaque to stores, and erased (made empty) once the
 *     entry is final, since it may hold a link with a token
 * @param status where the entry is in its life
 * @param attempts delivery attempts so far
 * @param createdAt when it was recorded
 * @param nextAttemptAt when it is due next
 * @param claimedUntil while a dispatcher holds it, until when; null when unclaimed
 * @param lastError what the last failed attempt reported, for operators; never the payload
 * @param recipient whom the message is addressed to, kept in the clear for operators when the payload is
 *     erased (an address is not a secret, the link is); null for entries recorded without it
 */
public record OutboxEntry(
    String id,
    @Nullable AccountId accountId,
    @Nullable InvitationId invitationId,
    @Nullable TokenDigest tokenDigest,
    String payload,
    Status status,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    @Nullable Instant claimedUntil,
    @Nullable String lastError,
    @Nullable EmailAddress recipient) {

  /** An outbox entry's life: {@code PENDING → SENT | GAVE_UP}. */
  public enum Status {
    /** Waiting for delivery, or between attempts. */
    PENDING,
    /** Delivered: the provider accepted it. Final. */
    SENT,
    /** Not delivered: a permanent failure, or the give-up time passed. Final. */
    GAVE_UP
  }

  /** Requires the non-optional components. */
  public OutboxEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
    }
  }

  /** An entry without its recipient, as entries were recorded before stores kept it. */
  public OutboxEntry(String id, @Nullable AccountId accountId, @Nullable InvitationId invitationId,
      @Nullable TokenDigest tokenDigest, String payload, Status status, int attempts, Instant createdAt,
      Instant nextAttemptAt, @Nullable Instant claimedUntil, @Nullable String lastError) {
    this(id, accountId, invitationId, tokenDigest, payload, status, attempts, createdAt, nextAttemptAt, claimedUntil,
        lastError, null);
  }

  /** A new pending entry, due at once, never attempted. */
  public static OutboxEntry pending(String id, @Nullable AccountId accountId, @Nullable InvitationId invitationId,
      @Nullable TokenDigest tokenDigest, String payload, Instant now) {
    return new OutboxEntry(id, accountId, invitationId, tokenDigest, payload, Status.PENDING, 0, now, now, null, null);
  }

  /** This entry addressed to {@code to}, which it keeps once its payload is erased. */
  public OutboxEntry withRecipient(@Nullable EmailAddress to) {
    return new OutboxEntry(id, accountId, invitationId, tokenDigest, payload, status, attempts, createdAt,
        nextAttemptAt, claimedUntil, lastError, to);
  }

  /** This entry claimed by a dispatcher until {@code leaseUntil} (what {@link Outbox#claim} returns). */
  public OutboxEntry claimedUntil(Instant leaseUntil) {
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    return new OutboxEntry(id, accountId, invitationId, tokenDigest, payload, status, attempts, createdAt,
        nextAttemptAt, leaseUntil, lastError, recipient);
  }

  /** This entry pending again for another attempt, its claim released (what {@code rescheduleOutbox} stores). */
  public OutboxEntry rescheduled(int newAttempts, Instant newNextAttemptAt, String error) {
    Objects.requireNonNull(error, "error");
    return new OutboxEntry(id, accountId, invitationId, tokenDigest, payload, Status.PENDING, newAttempts, createdAt,
        newNextAttemptAt, null, error, recipient);
  }

  /**
   * This entry ended as {@code SENT} or {@code GAVE_UP}, its claim released and its payload erased, its
   * recipient kept (what {@link Outbox#complete} stores).
   *
   * @throws IllegalArgumentException if {@code finalStatus} is {@code PENDING}
   */
  public OutboxEntry completed(Status finalStatus, int newAttempts, @Nullable String error) {
    if (finalStatus == Status.PENDING) {
      throw new IllegalArgumentException("an outbox entry is completed as SENT or GAVE_UP, not PENDING");
    }
    return new OutboxEntry(id, accountId, invitationId, tokenDigest, "", finalStatus, newAttempts, createdAt,
        nextAttemptAt, null, error, recipient);
  }

  /** Never shows the payload. */
  @Override
  public String toString() {
    return "OutboxEntry[id=" + id + ", invitationId=" + invitationId + ", status=" + status + ", attempts=" + attempts
        + ", nextAttemptAt=" + nextAttemptAt + ", claimedUntil=" + claimedUntil + ", lastError=" + lastError
        + ", recipient=" + recipient + ", payload=" + Secret.REDACTED + "]";
  }
}
