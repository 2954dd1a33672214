package dev.invitekit.spi.store;

import dev.invitekit.id.AccountId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A founder's sign-up waiting for the founder to prove by mail that the address is theirs (A3, U1). Until
 * it is confirmed, the founder's identity exists only here: not among the users, so it blocks nobody, and
 * its account has no member, so nobody can use it. On confirmation the identity becomes a user and the
 * account's first admin.
 *
 * @param tokenDigest SHA-256 digest of the emailed confirmation token; the token itself is never stored
 *     (as I5 asks of invitation tokens); unique among founder sign-ups
 * @param accountId the account recorded with it, which has no member until confirmation
 * @param founder the founder's identity and password hash, stored as a user on confirmation
 * @param expiresAt from this instant on it can no longer be confirmed
 * @param confirmedAt when it was confirmed, or null while it is not
 */
public record FounderSignup(TokenDigest tokenDigest, AccountId accountId, StoredUser founder, Instant expiresAt,
    @Nullable Instant confirmedAt) {

  /** Requires every component but {@code confirmedAt}. */
  public FounderSignup {
    Objects.requireNonNull(tokenDigest, "tokenDigest");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(founder, "founder");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Whether it can still be confirmed at {@code now}: not confirmed, and not expired. */
  public boolean isOpenAt(Instant now) {
    return confirmedAt == null && now.isBefore(expiresAt);
  }

  /** Never shows the digest or the password hash. */
  @Override
  public String toString() {
    return "FounderSignup[accountId=" + accountId + ", founder=" + founder.user().id() + ", expiresAt=" + expiresAt
        + ", confirmedAt=" + confirmedAt + "]";
  }
}
