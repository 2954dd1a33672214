package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Password;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.signup.FieldProblem;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A4, issue 8 item 7: the domains that can never be company domains come from comprehensive, maintained
 * lists (npm packages free-email-domains and disposable-email-domains, see DOMAIN-LISTS.md), and the app
 * can add to them or replace them through the builder.
 */
@DisplayName("A4 (issue 8.7): webmail and disposable-mail domains are never company domains")
class WebmailDomainListTest {

  private static NewAccount founding(String domain) {
    return new NewAccount("Shop", Plan.PRO, List.of(domain), 0, Locale.ENGLISH, "owner@" + domain, "Olga",
        "Owner", RulesFixture.ADULT_BIRTH_DATE, Password.of(RulesFixture.PASSWORD), Password.of(RulesFixture.PASSWORD));
  }

  private static List<FieldProblem.Code> domainProblems(AccountCreation creation) {
    assertThat(creation).isInstanceOf(AccountCreation.Rejected.class);
    return ((AccountCreation.Rejected) creation).problems().stream()
        .filter(p -> p.field() == FieldProblem.Field.DOMAINS).map(FieldProblem::code).toList();
  }

  @ParameterizedTest(name = "{0} is refused as {1}")
  @CsvSource({
      "gmx.de, WEBMAIL_DOMAIN", "yahoo.co.uk, WEBMAIL_DOMAIN", "outlook.fr, WEBMAIL_DOMAIN",
      "web.de, WEBMAIL_DOMAIN", "proton.me, WEBMAIL_DOMAIN", "mail.ru, WEBMAIL_DOMAIN",
      "yandex.ru, WEBMAIL_DOMAIN", "qq.com, WEBMAIL_DOMAIN", "GMail.com., WEBMAIL_DOMAIN",
      "mailinator.com, DISPOSABLE_DOMAIN", "guerrillamail.com, DISPOSABLE_DOMAIN"})
  @DisplayName("A4: widely used webmail and disposable domains are refused as company domains")
  void widelyUsedWebmailDomainsAreNotCompanyDomains_A4_issue8_7(String domain, FieldProblem.Code code) {
    RulesFixture f = new RulesFixture();
    assertThat(domainProblems(f.kit.accounts().create(founding(domain)))).containsExactly(code);
  }

  @Test
  @DisplayName("A4: an ordinary company domain is accepted")
  void ordinaryCompanyDomainIsAccepted_A4_issue8_7() {
    RulesFixture f = new RulesFixture();
    assertThat(f.kit.accounts().create(founding("acme-tools.com"))).isInstanceOf(AccountCreation.ConfirmationSent.class);
  }

  @Test
  @DisplayName("A4: the app adds domains through the builder, or replaces the lists; entries are normalized")
  void appAddsOrReplacesEntries_A4_issue8_7() {
    RulesFixture added = new RulesFixture(b -> b.additionalWebmailDomains(Set.of(" Post.Example. ", "bücher.example")));
    assertThat(domainProblems(added.kit.accounts().create(founding("post.example"))))
        .containsExactly(FieldProblem.Code.WEBMAIL_DOMAIN);
    assertThat(domainProblems(added.kit.accounts().create(founding("xn--bcher-kva.example"))))
        .containsExactly(FieldProblem.Code.WEBMAIL_DOMAIN);
    assertThat(domainProblems(added.kit.accounts().create(founding("gmx.de"))))
        .containsExactly(FieldProblem.Code.WEBMAIL_DOMAIN);

    RulesFixture replaced = new RulesFixture(b -> b.webmailDomains(Set.of("post.example")));
    assertThat(domainProblems(replaced.kit.accounts().create(founding("post.example"))))
        .containsExactly(FieldProblem.Code.WEBMAIL_DOMAIN);
    assertThat(replaced.kit.accounts().create(founding("gmx.de"))).isInstanceOf(AccountCreation.ConfirmationSent.class);
  }

  @Test
  @DisplayName("A4: an entry that is not a domain is refused at once, naming it")
  void builderRefusesJunkEntries_A4_issue8_7() {
    assertThatThrownBy(() -> Invitekit.builder().additionalWebmailDomains(List.of("not a domain, at all")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a domain, at all");
    assertThatThrownBy(() -> Invitekit.builder().webmailDomains(List.of("ok.example", "a..b")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a..b");
  }
}
