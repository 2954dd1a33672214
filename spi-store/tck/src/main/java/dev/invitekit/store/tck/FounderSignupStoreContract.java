package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.NOW;
import static dev.invitekit.store.tck.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.account.Account;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.member.Membership;
import dev.invitekit.spi.store.FounderSignup;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The founder sign-up part of the store contract (A3, U1): a founder's identity waits, unproven, until the
 * founder confirms the address by mail; it blocks nobody and expires. Run as a {@code @Nested} group of
 * {@link StoreContractKit}.
 */
public abstract class FounderSignupStoreContract extends ContractGroup {

  /** An account with a founder sign-up for {@code email} expiring {@code expiresIn} seconds from now, stored. */
  private FounderSignup pending(EmailAddress email, long expiresIn) {
    Account account = StoreFixtures.account().build();
    FounderSignup signup = new FounderSignup(StoreFixtures.freshDigest(), account.id(),
        StoreFixtures.user().email(email).name("Fay", "Founder").build(), at(expiresIn), null);
    tx(t -> {
      t.accounts().insert(account);
      t.founderSignups().insert(signup);
      return null;
    });
    return signup;
  }

  // Typed, so AssertJ's overloaded assertThat is not ambiguous over a lambda's result.
  private Optional<FounderSignup> found(Function<StoreTransaction, Optional<FounderSignup>> read) {
    return tx(read);
  }

  private Optional<Account> account(FounderSignup signup) {
    return tx(t -> t.accounts().find(signup.accountId()));
  }

  @Test
  @DisplayName("A3: a founder sign-up reads back as written, by its token digest, and takes no user's address")
  void roundTrip() {
    EmailAddress email = StoreFixtures.freshEmail();
    FounderSignup signup = pending(email, 86_400);
    assertThat(found(t -> t.founderSignups().findByToken(signup.tokenDigest()))).contains(signup);
    assertThat(found(t -> t.founderSignups().findByToken(StoreFixtures.freshDigest()))).isEmpty();
    // Unproven, it is no user: the address's owner can still get an identity (U1).
    Optional<StoredUser> user = tx(t -> t.users().findByEmail(email));
    assertThat(user).isEmpty();
    StoredUser owner = StoreFixtures.user().email(email).build();
    assertThat(flag(t -> t.users().insert(owner))).isTrue();
    assertThat(found(t -> t.founderSignups().findByToken(signup.tokenDigest()))).contains(signup);
  }

  @Test
  @DisplayName("A3: several open sign-ups may name one address; the newest open one is found, expired and "
      + "confirmed ones never")
  void latestOpen() {
    EmailAddress email = StoreFixtures.freshEmail();
    FounderSignup older = pending(email, 3_600);
    FounderSignup newer = pending(email, 7_200);
    pending(StoreFixtures.freshEmail(), 9_000);
    assertThat(found(t -> t.founderSignups().latestOpen(email, NOW))).contains(newer);
    assertThat(found(t -> t.founderSignups().latestOpen(email, at(7_200)))).as("expired at its expiry").isEmpty();
    assertThat(flag(t -> t.founderSignups().confirm(newer.tokenDigest(), NOW))).isTrue();
    assertThat(found(t -> t.founderSignups().latestOpen(email, NOW))).contains(older);
    assertThat(found(t -> t.founderSignups().latestOpen(email, at(3_600)))).isEmpty();
    assertThat(found(t -> t.founderSignups().latestOpen(StoreFixtures.freshEmail(), NOW))).isEmpty();
  }

  @Test
  @DisplayName("A3: a sign-up is confirmed once, only while open; the confirmation reads back")
  void confirmOnce() {
    FounderSignup signup = pending(StoreFixtures.freshEmail(), 3_600);
    TokenDigest digest = signup.tokenDigest();
    assertThat(flag(t -> t.founderSignups().confirm(digest, at(10)))).isTrue();
    assertThat(flag(t -> t.founderSignups().confirm(digest, at(20)))).isFalse();
    assertThat(found(t -> t.founderSignups().findByToken(digest)).orElseThrow().confirmedAt()).isEqualTo(at(10));
    FounderSignup expiring = pending(StoreFixtures.freshEmail(), 3_600);
    assertThat(flag(t -> t.founderSignups().confirm(expiring.tokenDigest(), at(3_600)))).as("at its expiry").isFalse();
    assertThat(flag(t -> t.founderSignups().confirm(StoreFixtures.freshDigest(), NOW))).as("unknown").isFalse();
    assertThat(found(t -> t.founderSignups().findByToken(expiring.tokenDigest()))).contains(expiring);
  }

  @Test
  @DisplayName("A3: a confirmation in a unit of work that fails is not recorded")
  void confirmRolledBack() {
    FounderSignup signup = pending(StoreFixtures.freshEmail(), 3_600);
    assertThatThrownBy(() -> tx(t -> {
      t.founderSignups().confirm(signup.tokenDigest(), NOW);
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(found(t -> t.founderSignups().findByToken(signup.tokenDigest()))).contains(signup);
  }

  @Test
  @DisplayName("A3: expired unconfirmed sign-ups are deleted with their memberless accounts; confirmed ones and "
      + "open ones stay")
  void expiredAreDiscarded() {
    FounderSignup expired = pending(StoreFixtures.freshEmail(), 60);
    FounderSignup open = pending(StoreFixtures.freshEmail(), 7_200);
    FounderSignup confirmed = pending(StoreFixtures.freshEmail(), 60);
    StoredUser founder = confirmed.founder();
    tx(t -> {
      t.founderSignups().confirm(confirmed.tokenDigest(), NOW);
      t.users().insert(founder);
      t.memberships().insert(StoreFixtures.membership(confirmed.accountId(), founder.user().id()).build());
      return null;
    });
    assertThat(number(t -> t.founderSignups().deleteExpired(at(60)))).isEqualTo(1);
    assertThat(found(t -> t.founderSignups().findByToken(expired.tokenDigest()))).isEmpty();
    assertThat(account(expired)).isEmpty();
    assertThat(found(t -> t.founderSignups().findByToken(open.tokenDigest()))).contains(open);
    assertThat(account(open)).isPresent();
    assertThat(found(t -> t.founderSignups().findByToken(confirmed.tokenDigest()))).isPresent();
    assertThat(account(confirmed)).isPresent();
    List<Membership> members = tx(t -> t.memberships().ofAccount(confirmed.accountId()));
    assertThat(members).extracting(Membership::userId)
        .containsExactly(founder.user().id());
    assertThat(number(t -> t.founderSignups().deleteExpired(at(60)))).isZero();
  }

  @Test
  @DisplayName("A3: of concurrent confirmations of one sign-up, exactly one succeeds")
  void concurrentConfirmations() {
    for (int round = 0; round < 5; round++) {
      FounderSignup signup = pending(StoreFixtures.freshEmail(), 3_600);
      List<Boolean> outcomes = Race.run(8, racer -> flag(t -> t.founderSignups().confirm(signup.tokenDigest(), NOW)));
      assertThat(outcomes).as("round %d", round).filteredOn(Boolean::booleanValue).hasSize(1);
    }
  }
}
