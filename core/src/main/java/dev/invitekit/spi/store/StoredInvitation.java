package dev.invitekit.spi.store;

import dev.invitekit.invite.Invitation;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An invitation as stored: the public record and its token's digest (I5).
 *
 * @param invitation the invitation
 * @param tokenDigest the digest of its current token; null while it awaits approval (L1) and has none
 */
public record StoredInvitation(Invitation invitation, @Nullable TokenDigest tokenDigest) {
  /** Requires the invitation. */
  public StoredInvitation {
    Objects.requireNonNull(invitation, "invitation");
  }
}
