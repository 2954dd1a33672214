package dev.invitekit.internal.signup;

import dev.invitekit.secret.Password;
import dev.invitekit.email.AddressCheck;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.internal.password.Argon2idHasher;
import dev.invitekit.internal.text.Utf16;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.member.SignInResult;
import dev.invitekit.member.Users;
import dev.invitekit.spi.store.FounderSignup;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoredUser;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Signing in (U1, S4), with the same answer and the same Argon2id work whether or not the address is known. */
public final class SignInService implements Users {
  private static final SignInResult REFUSED = new SignInResult.Refused();
  private static final SignInResult UNCONFIRMED = new SignInResult.Unconfirmed();
  /** A password nobody has, hashed once at the configured parameters, to verify against for unknown addresses. */
  private static final String DECOY_PASSWORD = "decoy password for unknown addresses, never matched";

  private final UnitOfWork work;
  private final Clock clock;
  private final Argon2idHasher hasher;
  private final PasswordHash decoy;

  /** Sign-in on the store's units of work, verifying with {@code hasher} (S4). */
  public SignInService(UnitOfWork work, Clock clock, Argon2idHasher hasher) {
    this.work = work;
    this.clock = clock;
    this.hasher = hasher;
    this.decoy = hasher.hash(DECOY_PASSWORD);
  }

  @Override
  public SignInResult signIn(String email, Password given) {
    Objects.requireNonNull(email, "email");
    String password = Objects.requireNonNull(given, "password").reveal();
    // S4: malformed UTF-16 was never a password; refused after the same work as any other refusal.
    boolean malformed = !Utf16.isWellFormed(password);
    String normalized = malformed ? DECOY_PASSWORD : Normalizer.normalize(password, Normalizer.Form.NFKC);
    // S4: never truncated. Over the maximum is refused, after the same work as any other refusal.
    boolean tooLong = normalized.codePointCount(0, normalized.length()) > FormRules.MAX_PASSWORD;
    record Found(Optional<StoredUser> user, Optional<FounderSignup> unconfirmed) {}
    Found found;
    if (EmailAddress.check(email) instanceof AddressCheck.Valid valid) {
      Instant now = clock.instant();
      found = work.tx("finding a user to sign in", tx -> {
        Optional<StoredUser> stored = tx.users().findByEmail(valid.address());
        // A3: an address without a user may have a founder's sign-up awaiting its confirmation by mail.
        return new Found(stored, stored.isPresent() ? Optional.empty()
            : tx.founderSignups().latestOpen(valid.address(), now));
      });
    } else {
      found = new Found(Optional.empty(), Optional.empty());
    }
    Found lookedUp = found;
    Optional<StoredUser> user = found.user();
    // One Argon2id verification whatever was found, so the work tells nobody what exists.
    PasswordHash against = user.map(StoredUser::passwordHash)
        .or(() -> lookedUp.unconfirmed().map(s -> s.founder().passwordHash())).orElse(decoy);
    // A password over the maximum is verified cut to the maximum, so a huge input costs no more than an
    // allowed one; whatever that gives, the answer is Refused.
    String candidate = tooLong ? normalized.substring(0, normalized.offsetByCodePoints(0, FormRules.MAX_PASSWORD))
        : normalized;
    boolean matches = hasher.verify(candidate, against);
    if (user.isEmpty() && found.unconfirmed().isPresent() && !tooLong && !malformed && matches) {
      return UNCONFIRMED;
    }
    if (user.isEmpty() || tooLong || malformed || !matches) {
      return REFUSED;
    }
    StoredUser signedIn = user.get();
    if (hasher.needsRehash(signedIn.passwordHash())) {
      PasswordHash stronger = hasher.hash(normalized);
      work.tx("re-hashing a password", tx -> {
        tx.users().updatePasswordHash(signedIn.user().id(), stronger);
        return null;
      });
    }
    return new SignInResult.SignedIn(signedIn.user());
  }
}
