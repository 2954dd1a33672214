package dev.invitekit.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How {@link Tables} keeps the parts that records share. */
class TablesTest {

  @Test
  @DisplayName("issue 12, benchmark 7: equal domains stored one after another share one string")
  void sharesRecentDomains() {
    Tables tables = new Tables();
    String first = tables.domain(new String("acme.example"));
    assertThat(tables.domain(new String("acme.example"))).isSameAs(first);
  }

  @Test
  @DisplayName("issue 12: a fixed table of recent domains gives every domain back equal, however many there are, "
      + "instead of keeping each one ever invited")
  void givesBackEveryDomainEqual() {
    Tables tables = new Tables();
    for (int i = 0; i < 100_000; i++) {
      String domain = "d" + i + ".example";
      assertThat(tables.domain(new String(domain))).isEqualTo(domain);
    }
    // Still shared for the domain a request's invitations repeat.
    String kept = tables.domain(new String("acme.example"));
    assertThat(tables.domain(new String("acme.example"))).isSameAs(kept);
  }
}
