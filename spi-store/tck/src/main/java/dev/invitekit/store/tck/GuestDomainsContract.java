package dev.invitekit.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.account.Account;
import dev.invitekit.account.InvitePolicy.GuestDomains;
import dev.invitekit.account.InvitePolicy;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A2, issue 8 item 9: an account's guest domain list and company domains are read back exactly as they
 * were written, on every store: the same mode and the same entries, however many, whatever characters a
 * normalized domain may hold (letters, digits, hyphens, dots, {@code xn--} labels). A store that joins
 * entries into one column must escape its separator.
 */
public abstract class GuestDomainsContract extends ContractGroup {

  private static Set<String> manyDomains() {
    Set<String> domains = new LinkedHashSet<>();
    domains.add("evil.org");
    domains.add("mail.evil.org");
    domains.add("xn--bcher-kva.example");
    domains.add("xn--strae-oqa.de");
    domains.add("a-b-c.1-2.example");
    domains.add("x".repeat(63) + ".example");
    for (int i = 0; i < 200; i++) {
      domains.add("partner-" + i + ".sub" + (i % 7) + ".example");
    }
    return domains;
  }

  private Account roundTrip(Account account) {
    tx(t -> {
      t.accounts().insert(account);
      return null;
    });
    return tx(t -> t.accounts().find(account.id())).orElseThrow();
  }

  @Test
  @DisplayName("A2: a block list of 206 normalized domains is read back equal, entry for entry")
  void blockListRoundTrips_A2_issue8_9() {
    GuestDomains block = GuestDomains.block(manyDomains());
    Account account = StoreFixtures.account().policy(InvitePolicy.defaults().withGuestDomains(block)).build();

    Account read = roundTrip(account);

    assertThat(read.policy().guestDomains().mode()).isEqualTo(GuestDomains.Mode.BLOCK_LIST);
    assertThat(read.policy().guestDomains().domains()).containsExactlyInAnyOrderElementsOf(block.domains());
    assertThat(read).isEqualTo(account);
  }

  @Test
  @DisplayName("A2: an allow list written from Unicode entries is read back as the same IDNA entries")
  void allowListFromUnicodeEntriesRoundTrips_A2_issue8_9() {
    GuestDomains allow = GuestDomains.allowOnly(Set.of(" Bücher.Example. ", "straße.de", "partner.org"));
    Account account = StoreFixtures.account().policy(InvitePolicy.defaults().withGuestDomains(allow)).build();

    Account read = roundTrip(account);

    assertThat(read.policy().guestDomains().domains())
        .containsExactlyInAnyOrder("xn--bcher-kva.example", "xn--strae-oqa.de", "partner.org");
    assertThat(read.policy().guestDomains().allows("mail.xn--bcher-kva.example")).isTrue();
    assertThat(read.policy().guestDomains().allows("strasse.de")).isFalse();
    assertThat(read).isEqualTo(account);
  }

  @Test
  @DisplayName("A2: replacing a list with another, then with none, reads back each time as written")
  void updatedListsRoundTrip_A2_issue8_9() {
    Account account = StoreFixtures.account()
        .policy(InvitePolicy.defaults().withGuestDomains(GuestDomains.block(Set.of("evil.org")))).build();
    roundTrip(account);
    for (GuestDomains next : new GuestDomains[] {GuestDomains.allowOnly(manyDomains()), GuestDomains.any(),
        GuestDomains.allowOnly(Set.of("one.example"))}) {
      Account changed = account.withPolicy(account.policy().withGuestDomains(next));
      tx(t -> {
        t.accounts().update(changed);
        return null;
      });
      Account read = tx(t -> t.accounts().find(account.id())).orElseThrow();
      assertThat(read).isEqualTo(changed);
    }
  }
}
