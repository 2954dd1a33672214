package dev.invitekit.internal.account;

import dev.invitekit.account.Account;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.internal.contacts.Directory;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.password.Argon2idHasher;
import dev.invitekit.internal.ratelimit.TokenAttempts;
import dev.invitekit.internal.signup.FormRules;
import dev.invitekit.internal.text.Utf16;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.internal.tx.Outcome;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.FounderSignup;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A founder confirms the address with the link and the password chosen with it (A3): the account gets
 * its first admin.
 */
final class ConfirmFounder {
  private final UnitOfWork work;
  private final Clock clock;
  private final EventBus events;
  private final Argon2idHasher hasher;
  private final TokenAttempts tokenAttempts;
  private final Directory directory;

  ConfirmFounder(UnitOfWork work, Clock clock, EventBus events, Argon2idHasher hasher, TokenAttempts tokenAttempts,
      Directory directory) {
    this.work = work;
    this.clock = clock;
    this.events = events;
    this.hasher = hasher;
    this.tokenAttempts = tokenAttempts;
    this.directory = directory;
  }

  /** What the first read found: an answer already, or the open sign-up and any identity of its address. */
  private sealed interface Looked permits Answered, Found {}

  private record Answered(FounderConfirmation answer) implements Looked {}

  private record Found(FounderSignup signup, Optional<StoredUser> existing) implements Looked {}

  FounderConfirmation confirmFounder(String token, String password, @Nullable String clientKey) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(password, "password");
    Instant now = clock.instant();
    Looked looked = work.tx("reading a founder sign-up", tx -> {
      // A token is looked up first and only a miss is counted (V6.3): a valid link is never refused.
      Optional<FounderSignup> signup = Tokens.isWellFormed(token)
          ? tx.founderSignups().findByToken(Tokens.digest(token)) : Optional.empty();
      if (signup.isEmpty()) {
        return new Answered(new FounderConfirmation.Unusable(tokenAttempts.miss(tx, clientKey)
            ? FounderConfirmation.Status.UNKNOWN : FounderConfirmation.Status.TOO_MANY_ATTEMPTS));
      }
      if (signup.get().confirmedAt() != null) {
        return new Answered(new FounderConfirmation.Unusable(FounderConfirmation.Status.ALREADY_USED));
      }
      if (!signup.get().isOpenAt(now)) {
        return new Answered(new FounderConfirmation.Unusable(FounderConfirmation.Status.EXPIRED));
      }
      return new Found(signup.get(), tx.users().findByEmail(signup.get().founder().user().email()));
    });
    if (looked instanceof Answered answered) {
      return answered.answer();
    }
    Found found = (Found) looked;
    // A3: the mail proves the address, the password proves the person who chose it. The owner of an address
    // that already has an identity proves it with that identity's password; a sign-up someone else made for
    // the address can then found an account only for the identity the owner holds, never with a password a
    // stranger chose. The hash is verified outside any unit of work (it takes ~100 ms).
    PasswordHash expected = found.existing().map(StoredUser::passwordHash)
        .orElse(found.signup().founder().passwordHash());
    // S4: never truncated. Over the maximum is a wrong password, after the work of one of the maximum
    // length, so a huge input costs no more than an allowed one (as at sign-in).
    boolean wellFormed = Utf16.isWellFormed(password);
    String normalized = wellFormed ? Normalizer.normalize(password, Normalizer.Form.NFKC) : "";
    boolean tooLong = normalized.codePointCount(0, normalized.length()) > FormRules.MAX_PASSWORD;
    String candidate = tooLong ? normalized.substring(0, normalized.offsetByCodePoints(0, FormRules.MAX_PASSWORD))
        : normalized;
    boolean matches = wellFormed && hasher.verify(candidate, expected) && !tooLong;
    if (!matches) {
      work.tx("counting a wrong founder password", tx -> tokenAttempts.miss(tx, clientKey));
      return new FounderConfirmation.WrongPassword();
    }
    TokenDigest digest = Tokens.digest(token);
    FounderConfirmation outcome = work.decide("confirming a founder", tx -> {
      Optional<Account> account = tx.accounts().find(found.signup().accountId());
      if (account.isEmpty()) {
        return Outcome.commit(new FounderConfirmation.Unusable(FounderConfirmation.Status.EXPIRED));
      }
      if (!tx.founderSignups().confirm(digest, now)) {
        // Confirmed by a concurrent click, or expired in between.
        return Outcome.rollback(new FounderConfirmation.Unusable(FounderConfirmation.Status.ALREADY_USED));
      }
      User founder = found.signup().founder().user();
      if (found.existing().isPresent()) {
        founder = found.existing().get().user();
      } else if (!tx.users().insert(found.signup().founder())) {
        // The owner got an identity between the two looks: the password was checked against the sign-up,
        // not against that identity, so nothing is founded; the owner confirms again with their password.
        return Outcome.rollback(new FounderConfirmation.WrongPassword());
      }
      tx.memberships().insert(new Membership(account.get().id(), founder.id(), Role.ADMIN, true, null, null, now));
      return Outcome.commit(new FounderConfirmation.Confirmed(account.get(), founder));
    });
    if (outcome instanceof FounderConfirmation.Confirmed confirmed) {
      directory.invalidate(confirmed.account().id());
      events.publish(List.of(new InvitekitEvent.AccountCreated(now, confirmed.account().id(), confirmed.founder().id())));
    }
    return outcome;
  }
}
