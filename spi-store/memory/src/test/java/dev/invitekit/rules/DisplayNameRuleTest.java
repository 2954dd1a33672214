package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.secret.Password;
import dev.invitekit.secret.Token;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.mail.MailMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S3, issue 8 item 13: one name rule wherever a name enters. A display name pasted with an address that
 * fails it is dropped (the address is still invited, and greeted without a name); first and last names
 * made only of invisible characters are REQUIRED.
 */
@DisplayName("S3 (issue 8.13): one name rule, display names in pasted lists included")
class DisplayNameRuleTest {
  private final RulesFixture f = new RulesFixture();

  @BeforeEach
  void acme() {
    f.createAcme();
  }

  @Test
  @DisplayName("S3: a bidi override in a pasted display name reaches neither the To header nor the greeting")
  void bidiOverrideInDisplayNameNeverReachesMail_S3_issue8_13() {
    InviteResult.InviteReport report = f.invite(f.adaId(),
        "\"Ann \u202eeeL\" <ann@acme.com>, \"Bob Stone\" <bob@acme.com>");

    assertThat(report.outcomes()).allMatch(o -> o instanceof AddressOutcome.Invited);
    MailMessage ann = f.mailbox.to("ann@acme.com").get(0);
    assertThat(ann.toName()).isNull();
    assertThat(ann.text()).doesNotContain("\u202e").startsWith("Hello,");
    assertThat(ann.html()).doesNotContain("\u202e");
    MailMessage bob = f.mailbox.to("bob@acme.com").get(0);
    assertThat(bob.toName()).isEqualTo("Bob Stone");
    assertThat(bob.text()).startsWith("Hello Bob Stone,");
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"\u3164", "\u115f", "\u1160", "\uffa0", "\u2800", "\u3164\u3164 \u2800", "\u200b\u034f"})
  @DisplayName("S3: a name of Hangul fillers or the Braille blank is REQUIRED; as a display name it is dropped")
  void invisibleNamesAreRequired_S3_issue8_13(String invisible) {
    f.invite(f.adaId(), "\"" + invisible + "\" <cy@acme.com>");
    assertThat(f.mailbox.to("cy@acme.com").get(0).toName()).isNull();

    SignupResult result = f.kit.signup().createAccount(new SignupRequest(Token.of(f.tokenFor("cy@acme.com")),
        RulesFixture.ADULT_BIRTH_DATE, invisible, invisible, Password.of(RulesFixture.PASSWORD), Password.of(RulesFixture.PASSWORD)));
    assertThat(result).isInstanceOfSatisfying(SignupResult.Invalid.class, invalid ->
        assertThat(invalid.problems()).extracting(FieldProblem::field, FieldProblem::code).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Field.FIRST_NAME, Code.REQUIRED),
            org.assertj.core.groups.Tuple.tuple(Field.LAST_NAME, Code.REQUIRED)));
  }

  @Test
  @DisplayName("S3: a display name is trimmed and NFC-normalized like a sign-up name")
  void displayNamesAreNormalizedLikeNames_S3_issue8_13() {
    f.invite(f.adaId(), "\"  Rene\u0301e\u3164 \" <renee@acme.com>");
    assertThat(f.mailbox.to("renee@acme.com").get(0).toName()).isEqualTo("Ren\u00e9e");
  }
}
