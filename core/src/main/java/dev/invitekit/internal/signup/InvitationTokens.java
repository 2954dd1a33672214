package dev.invitekit.internal.signup;

import dev.invitekit.internal.ratelimit.TokenAttempts;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.invite.Invitation;
import dev.invitekit.signup.TokenStatus;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.TokenDigest;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an invitation token answers now (S1, I5, I7), shared by every use case that takes one. The token is
 * looked up first: a known token is never counted or refused for what others sent; only a miss counts,
 * against the client and the global cap, and past them answers TOO_MANY_ATTEMPTS (SPEC §5, issue 8 item 2).
 */
final class InvitationTokens {
  private final TokenAttempts tokenAttempts;

  InvitationTokens(TokenAttempts tokenAttempts) {
    this.tokenAttempts = tokenAttempts;
  }

  /** What a token answers. */
  sealed interface Checked permits Usable, Unusable {}

  /** The token's invitation can be used now. */
  record Usable(StoredInvitation stored) implements Checked {
    Invitation invitation() {
      return stored.invitation();
    }
  }

  /** Why the token cannot be used now. */
  record Unusable(TokenStatus status) implements Checked {}

  /** A token's invitation if it is usable now, else why not (S1). */
  Checked check(StoreTransaction tx, String token, Instant now, @Nullable String clientKey) {
    if (!Tokens.isWellFormed(token)) {
      return new Unusable(miss(tx, clientKey));
    }
    // Found by the digest's indexed equality in the store, never by comparing tokens here (I5).
    TokenDigest digest = Tokens.digest(token);
    Optional<StoredInvitation> stored = tx.invitations().findByToken(digest);
    if (stored.isEmpty()) {
      // I7: the link of an older mail of an invitation sent again answers for itself, never as unknown.
      Optional<StoredInvitation> replaced = tx.invitations().findBySupersededToken(digest);
      if (replaced.isEmpty()) {
        return new Unusable(miss(tx, clientKey));
      }
      return new Unusable(supersededStatus(replaced.get().invitation(), now));
    }
    TokenStatus status = statusOf(stored.get().invitation(), now);
    return status != null ? new Unusable(status) : new Usable(stored.get());
  }

  private TokenStatus miss(StoreTransaction tx, @Nullable String clientKey) {
    return tokenAttempts.miss(tx, clientKey) ? TokenStatus.UNKNOWN : TokenStatus.TOO_MANY_ATTEMPTS;
  }

  /**
   * What an older, replaced token of the invitation answers (I7): SUPERSEDED while the invitation could
   * still be used with its newest link; once it cannot, the same status its newest link answers.
   */
  static TokenStatus supersededStatus(Invitation invitation, Instant now) {
    TokenStatus status = statusOf(invitation, now);
    return status == null || status == TokenStatus.UNKNOWN ? TokenStatus.SUPERSEDED : status;
  }

  /** Why the invitation cannot be used now, or null when it can (S1). */
  static @Nullable TokenStatus statusOf(Invitation invitation, Instant now) {
    return switch (invitation.state()) {
      case ACCEPTED -> TokenStatus.ALREADY_USED;
      case REVOKED -> TokenStatus.REVOKED;
      case DECLINED -> TokenStatus.DECLINED;
      case EXPIRED -> TokenStatus.EXPIRED;
      case AWAITING_APPROVAL -> TokenStatus.UNKNOWN;
      case PENDING -> invitation.isExpiredAt(now) ? TokenStatus.EXPIRED
          : invitation.ageCheckLocked() ? TokenStatus.LOCKED : null;
    };
  }
}
