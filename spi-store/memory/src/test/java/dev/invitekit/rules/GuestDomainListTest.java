package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.account.InvitePolicy.GuestDomains;
import dev.invitekit.email.AddressProblem;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InviteResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A2, issue 8 item 9: guest domain lists are normalized like every domain (U3) and validated when the
 * policy is built, and an entry matches its domain and every subdomain, in allow and block lists alike.
 */
@DisplayName("A2 (issue 8.9): guest domain lists are normalized, validated and match subdomains")
class GuestDomainListTest {
  private final RulesFixture f = new RulesFixture();

  @BeforeEach
  void acme() {
    f.createAcme();
  }

  private boolean invited(String address) {
    InviteResult.InviteReport report = f.invite(f.adaId(), address);
    AddressOutcome outcome = report.outcomes().get(0);
    if (outcome instanceof AddressOutcome.NotAllowed n) {
      assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.GUEST_DOMAIN_NOT_ALLOWED);
      return false;
    }
    assertThat(outcome).isInstanceOf(AddressOutcome.Invited.class);
    return true;
  }

  @Test
  @DisplayName("A2: a Unicode entry blocks (and allows) the domain it names")
  void unicodeEntriesMatch_A2_issue8_9() {
    f.updateAcmePolicy(p -> p.withGuestDomains(GuestDomains.block(Set.of("bücher.example"))));
    assertThat(invited("gina@bücher.example")).isFalse();
    assertThat(invited("hal@xn--bcher-kva.example")).isFalse();

    f.updateAcmePolicy(p -> p.withGuestDomains(GuestDomains.allowOnly(Set.of("Bücher.Example"))));
    assertThat(invited("ivy@bücher.example")).isTrue();
  }

  @Test
  @DisplayName("A2: a trailing dot and surrounding spaces do not stop an entry from matching")
  void trailingDotAndSpacesAreNormalized_A2_issue8_9() {
    f.updateAcmePolicy(p -> p.withGuestDomains(GuestDomains.block(Set.of("evil.org.", " other.org "))));
    assertThat(invited("eve@evil.org")).isFalse();
    assertThat(invited("oz@other.org")).isFalse();
    assertThat(f.kit.trusted().account(f.acmeId()).orElseThrow().policy().guestDomains().domains()).containsExactlyInAnyOrder("evil.org", "other.org");
  }

  @Test
  @DisplayName("A2: an entry matches its subdomains in block and allow lists, and nothing that merely ends alike")
  void entriesMatchSubdomains_A2_issue8_9() {
    f.updateAcmePolicy(p -> p.withGuestDomains(GuestDomains.block(Set.of("evil.org"))));
    assertThat(invited("eve@mail.evil.org")).isFalse();
    assertThat(invited("eve@deep.mail.evil.org")).isFalse();
    assertThat(invited("nat@notevil.org")).isTrue();

    f.updateAcmePolicy(p -> p.withGuestDomains(GuestDomains.allowOnly(Set.of("partner.org"))));
    assertThat(invited("pia@eu.partner.org")).isTrue();
    assertThat(invited("pat@otherpartner.org")).isFalse();
  }

  @Test
  @DisplayName("A2: junk is refused when the policy is built: an exception naming the entry, or a typed check")
  void junkEntriesAreRefused_A2_issue8_9() {
    assertThatThrownBy(() -> GuestDomains.block(Set.of("not a domain, at all")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a domain, at all");
    assertThatThrownBy(() -> GuestDomains.allowOnly(Set.of("ok.example", "a..b")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a..b");

    GuestDomains.Check check = GuestDomains.check(GuestDomains.Mode.BLOCK_LIST,
        List.of("evil.org", "not a domain, at all", "x\u200dy.example"));
    assertThat(check).isEqualTo(new GuestDomains.Check.Invalid(List.of(
        new GuestDomains.Check.Rejected("not a domain, at all", AddressProblem.INVALID_DOMAIN),
        new GuestDomains.Check.Rejected("x\u200dy.example", AddressProblem.INVALID_INTERNATIONAL_DOMAIN))));
    assertThat(GuestDomains.check(GuestDomains.Mode.BLOCK_LIST, List.of(" Evil.Org. ")))
        .isEqualTo(new GuestDomains.Check.Valid(GuestDomains.block(Set.of("evil.org"))));
  }
}
