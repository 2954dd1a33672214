package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.secret.Password;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.member.User;
import dev.invitekit.spi.mail.MailMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9 item 10: sentences built around names read right for any name: an account named "Acme Inc.",
 * "Yahoo!" or "Why?" never gets a second full stop, in mail (subject, text, HTML) or in refusal messages.
 */
@DisplayName("Issue 9.10: sentences around names ending in '.', '!' or '?' read right")
class SentencesAroundNamesTest {

  /** A full stop right after the name's own end, possibly past closing HTML tags. */
  private static void readsRight(String text, String name) {
    assertThat(text).doesNotContain(name + ".").doesNotContainPattern(java.util.regex.Pattern.quote(name)
        + "(</[a-z]+>)+\\.");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Acme Inc.", "Yahoo!", "Why Not?", "Stuff Co\u2026"})
  @DisplayName("9.10: mails and refusals built around an account name ending a sentence take no second full stop")
  void sentencesAroundNamesReadRight_issue9_10(String name) {
    RulesFixture f = new RulesFixture();
    FounderConfirmation.Confirmed created = f.createAccount(new NewAccount(name, Plan.PRO, List.of("acme.com"), 0,
        Locale.ENGLISH, "ada@acme.com", "Ada", "Admin", RulesFixture.ADULT_BIRTH_DATE, Password.of(RulesFixture.PASSWORD),
        Password.of(RulesFixture.PASSWORD)));
    var accountId = created.account().id();
    var adaId = created.founder().id();
    f.kit.invitations().inviteByEmail(adaId, accountId, "bob@acme.com");
    f.signUp("bob@acme.com", "Bob", "Stone");
    User bob = f.kit.trusted().members(accountId).stream()
        .map(m -> f.kit.trusted().user(m.userId()).orElseThrow())
        .filter(u -> u.email().toString().equals("bob@acme.com")).findFirst().orElseThrow();

    List<String> texts = new ArrayList<>();
    for (MailMessage m : f.mailbox.all()) {
      texts.add(m.subject());
      texts.add(m.text());
      texts.add(m.html());
    }
    // The inviter's notice ends "joined {accountName}." in the shipped template.
    assertThat(f.mailbox.to("ada@acme.com")).anySatisfy(m -> assertThat(m.kind())
        .isEqualTo(MailMessage.Kind.INVITER_NOTICE));

    f.kit.members().setInvitePermission(adaId, accountId, bob.id(), false);
    InviteResult result = f.kit.invitations().inviteByEmail(bob.id(), accountId, "cy@acme.com");
    collectRefusals(result, texts);
    f.kit.members().setInvitePermission(adaId, accountId, bob.id(), true);
    f.kit.accounts().updatePolicy(adaId, accountId, created.account().policy()
        .withGuestInviters(dev.invitekit.account.InvitePolicy.GuestInviters.ADMINS_ONLY)
        .withCoworkerInviters(dev.invitekit.account.InvitePolicy.CoworkerInviters.ADMINS_ONLY));
    collectRefusals(f.kit.invitations().inviteByEmail(bob.id(), accountId, "Dee <dee@outside.org>;"), texts);
    collectRefusals(f.kit.invitations().inviteByEmail(bob.id(), accountId, "fay@acme.com"), texts);
    f.kit.invitations().inviteByEmail(adaId, accountId, "ed@acme.com");

    assertThat(texts).isNotEmpty().allSatisfy(text -> readsRight(text, name));
    assertThat(String.join("\n", texts)).contains(name);
  }

  private static void collectRefusals(InviteResult result, List<String> into) {
    if (result instanceof InviteResult.NotPermitted refused) {
      into.add(refused.refusal().message());
    } else if (result instanceof InviteResult.InviteReport report) {
      for (AddressOutcome o : report.outcomes()) {
        if (o instanceof AddressOutcome.NotAllowed n) {
          into.add(n.refusal().message());
        }
      }
    }
  }
}
