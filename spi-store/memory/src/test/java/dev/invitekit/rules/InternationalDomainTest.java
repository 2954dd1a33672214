package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.email.AddressCheck;
import dev.invitekit.email.AddressProblem;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.member.Role;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * U3, issue 8 item 8: every domain goes through UTS #46 non-transitional processing, so the deviation
 * characters (ß U+00DF, ς U+03C2, ZWJ U+200D, ZWNJ U+200C) keep the domain the person typed; what UTS #46
 * reports as an error is refused with {@link AddressProblem#INVALID_INTERNATIONAL_DOMAIN}.
 */
@DisplayName("U3 (issue 8.8): international domains keep the domain the person typed")
class InternationalDomainTest {

  private static String domainOf(String address) {
    AddressCheck check = EmailAddress.check(address);
    assertThat(check).as(address).isInstanceOf(AddressCheck.Valid.class);
    return ((AddressCheck.Valid) check).address().domain();
  }

  @ParameterizedTest(name = "{0} is {1}, not {2}")
  @CsvSource({
      // ß U+00DF: IDNA2003 mapped it to ss
      "anna@straße.de,             xn--strae-oqa.de,      strasse.de",
      "anna@STRAẞE.de,             xn--strae-oqa.de,      strasse.de",
      // ς U+03C2: IDNA2003 mapped final sigma to σ
      "nikos@αβς.gr,               xn--mxac2c.gr,         xn--mxac5c.gr",
      // ZWJ U+200D after a virama (CONTEXTJ allows it there): IDNA2003 dropped it
      "ravi@\u0915\u094d\u200d\u0937.in, xn--11b2ezcw70k.in, xn--11b2ezc.in",
      // ZWNJ U+200C after a virama: IDNA2003 dropped it
      "ravi@\u0915\u094d\u200c\u0937.in, xn--11b2ezcs70k.in, xn--11b2ezc.in"})
  @DisplayName("U3: each deviation character keeps its own label")
  void deviationCharactersKeepTheTypedDomain_U3_issue8_8(String address, String expected, String idna2003) {
    assertThat(domainOf(address)).isEqualTo(expected).isNotEqualTo(idna2003);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ann@a\u200db.de", "ann@a\u200cb.de", "ann@\u200dacme.com", "ann@xn--abc.de"})
  @DisplayName("U3: a joiner where UTS #46 does not allow it, or a malformed xn-- label, is refused with its reason")
  void joinersOutOfContextAreRefusedWithAReason_U3_issue8_8(String address) {
    assertThat(EmailAddress.check(address)).isEqualTo(
        new AddressCheck.Invalid(AddressProblem.INVALID_INTERNATIONAL_DOMAIN));
  }

  @Test
  @DisplayName("U3: a company domain typed with ß stays its own domain: its people are co-workers and get mail "
      + "there; strasse.de is someone else's")
  void companyDomainWithSharpSKeepsItsOwner_U3_issue8_8() {
    RulesFixture f = new RulesFixture();
    FounderConfirmation.Confirmed created = f.createProAccount("Straße GmbH", "straße.de", "ada@straße.de", "Ada",
        "Admin");
    assertThat(created.account().companyDomains()).containsExactly("xn--strae-oqa.de");

    InviteResult.InviteReport report = f.report(f.kit.invitations().inviteByEmail(created.founder().id(),
        created.account().id(), "anna@straße.de, otto@strasse.de"));

    assertThat(report.outcomes().get(0)).isInstanceOfSatisfying(AddressOutcome.Invited.class, i -> {
      assertThat(i.address().domain()).isEqualTo("xn--strae-oqa.de");
      assertThat(i.role()).isEqualTo(Role.COWORKER);
    });
    assertThat(report.outcomes().get(1)).isInstanceOfSatisfying(AddressOutcome.Invited.class,
        i -> assertThat(i.role()).isEqualTo(Role.GUEST));
    assertThat(f.mailbox.to("anna@xn--strae-oqa.de")).hasSize(1);
    assertThat(f.mailbox.to("anna@strasse.de")).isEmpty();
  }
}
