package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.Token;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** S4, A3: a founder's confirmation never truncates the password, and a huge one costs no more than any. */
@DisplayName("S4, A3: the founder's confirmation and over-long passwords")
class FounderPasswordLengthTest {
  private final RulesFixture f = new RulesFixture();

  /** 256 code points, the maximum: unrelated words repeated with a counter, strong by nbvcxz. */
  private static final String LONGEST;

  static {
    StringBuilder b = new StringBuilder();
    for (int i = 0; b.length() < 256; i++) {
      b.append("lantern").append(i).append("meadow-");
    }
    LONGEST = b.substring(0, 256);
  }

  private Token founderToken() {
    AccountCreation creation = f.kit.accounts().create(RulesFixture.acmeRequest().toBuilder()
        .password(Password.of(LONGEST)).passwordConfirmation(Password.of(LONGEST)).build());
    assertThat(creation).isInstanceOf(AccountCreation.ConfirmationSent.class);
    String founder = RulesFixture.acmeRequest().founderEmail();
    return Token.of(RecordingMailbox.tokenOf(f.mailbox.last(founder).orElseThrow().actionUrl()));
  }

  @Test
  void aPasswordLongerThanTheMaximumIsWrongEvenWhenItsFirst256CharactersMatch_S4_A3() {
    Token token = founderToken();

    assertThat(f.kit.accounts().confirmFounder(token, Password.of(LONGEST + "x")))
        .isInstanceOf(FounderConfirmation.WrongPassword.class);
    assertThat(f.kit.accounts().confirmFounder(token, Password.of(LONGEST + "y".repeat(1_000_000))))
        .isInstanceOf(FounderConfirmation.WrongPassword.class);
    assertThat(f.kit.accounts().confirmFounder(token, Password.of(LONGEST)))
        .isInstanceOf(FounderConfirmation.Confirmed.class);
  }
}
