package dev.invitekit.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store contract's Accounts (A1, A2) group. Runs as a {@code @Nested} group of {@link StoreContractKit};
 * an adapter author may also extend it alone and return the store under test from {@link #store()}
 * (a fresh, empty one per test).
 */
public abstract class AccountStoreContract extends ContractGroup {

  @Test
  @DisplayName("A1: an inserted account is found by its id with every component intact")
  void insertAndFind() {
    Account account = StoreFixtures.account()
        .name("Zürich Works AG")
        .companyDomains("zurich-works.example", "xn--zrich-kva.example")
        .proPlus(7)
        .policy(InvitePolicy.defaults().withLinksEnabled(false).withLinkLimits(Duration.ofDays(3), 10))
        .locale(Locale.GERMAN)
        .build();

    write(tx -> tx.accounts().insert(account));

    assertThat(find(tx -> tx.accounts().find(account.id()))).contains(account);
  }

  @Test
  @DisplayName("A1: an unknown account id finds nothing")
  void unknownAccount() {
    newOrg();

    assertThat(find(tx -> tx.accounts().find(AccountId.random()))).isEmpty();
  }

  @Test
  @DisplayName("A2: accounts.update replaces the account, policy included")
  void updateReplaces() {
    Org org = newOrg();
    Account changed = org.account().withPolicy(InvitePolicy.defaults()
        .withGuestInviters(InvitePolicy.GuestInviters.NO_ONE)
        .withInvitationLifetime(Duration.ofDays(30)));

    write(tx -> tx.accounts().update(changed));

    assertThat(find(tx -> tx.accounts().find(org.id()))).contains(changed);
  }

  @Test
  @DisplayName("A2: updating an account that was never inserted creates none")
  void updateOfUnknownCreatesNothing() {
    Account never = StoreFixtures.account().build();

    attempt(tx -> tx.accounts().update(never));

    assertThat(find(tx -> tx.accounts().find(never.id()))).isEmpty();
  }
}
