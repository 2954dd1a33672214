package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.secret.Token;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.signup.TokenStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 item 2 (V6.3, SPEC §5): the token-attempt limits slow a guesser down per client key and never
 * lock out a person holding a valid token, whatever anyone else sends.
 */
@DisplayName("Token attempts: a junk flood never locks out a valid token (§5, issue 8.2)")
class TokenFloodTest {
  private static final String JUNK = "A".repeat(43);

  @Test
  @DisplayName("V6.3: 10,000 junk previews from 10,000 client keys, then a valid token's preview, link redemption "
      + "and sign-up work at once")
  void junkFloodNeverLocksOutAValidToken_V6_3_issue8_2() {
    RulesFixture f = new RulesFixture();
    f.createAcme();
    f.invite(f.adaId(), "bob@acme.com");
    String token = f.tokenFor("bob@acme.com");
    String link = RecordingMailbox.tokenOf(
        ((LinkAccess.Available) f.kit.links().current(f.adaId(), f.acmeId())).link().url());
    int flood = 10_000;
    for (int i = 0; i < flood; i++) {
      f.kit.signup().preview(Token.of(JUNK), "junk-client-" + i);
    }
    assertThat(f.kit.signup().preview(Token.of(token), "bobs-laptop")).isInstanceOf(PreviewResult.Valid.class);
    assertThat(f.kit.signup().preview(Token.of(token))).isInstanceOf(PreviewResult.Valid.class);
    assertThat(f.kit.links().redeem(Token.of(link), "carl@acme.com", "carls-phone")).isInstanceOf(Redemption.CheckYourEmail.class);
    assertThat(f.kit.signup().createAccount(RulesFixture.signupRequest(token, "Bob", "Stone"), "bobs-laptop"))
        .isInstanceOf(SignupResult.Joined.class);
    assertThat(f.kit.signup().createAccount(RulesFixture.signupRequest(f.tokenFor("carl@acme.com"), "Carl", "Lind")))
        .isInstanceOf(SignupResult.Joined.class);
    // Junk is still only junk: a miss, told apart from a valid token.
    assertThat(f.kit.signup().preview(Token.of(JUNK), "junk-client-1")).isInstanceOf(PreviewResult.Unusable.class);
  }

  @Test
  @DisplayName("§5: a client over its limit is still refused for junk, and its valid token still works")
  void aGuessersKeyIsSlowedButAValidTokenIsNot_V6_3_issue8_2() {
    RulesFixture f = new RulesFixture(b -> b.tokenAttemptLimits(3, 3, java.time.Duration.ofHours(1)));
    f.createAcme();
    f.invite(f.adaId(), "bob@acme.com");
    String token = f.tokenFor("bob@acme.com");
    for (int i = 0; i < 3; i++) {
      assertThat(f.kit.signup().preview(Token.of(JUNK), "guesser")).isEqualTo(new PreviewResult.Unusable(TokenStatus.UNKNOWN));
    }
    assertThat(f.kit.signup().preview(Token.of(JUNK), "guesser"))
        .isEqualTo(new PreviewResult.Unusable(TokenStatus.TOO_MANY_ATTEMPTS));
    assertThat(f.kit.links().redeem(Token.of(JUNK), "carl@acme.com", "guesser"))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.TOO_MANY_ATTEMPTS));
    assertThat(f.kit.signup().preview(Token.of(token), "someone-else")).isInstanceOf(PreviewResult.Valid.class);
    assertThat(f.kit.signup().preview(Token.of(token), "guesser")).isInstanceOf(PreviewResult.Valid.class);
  }
}
