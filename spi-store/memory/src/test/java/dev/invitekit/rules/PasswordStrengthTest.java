package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.secret.Password;
import dev.invitekit.secret.Token;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S4, issue 8 item 12: long but weak passwords (repetitions, sequences, a common word with digits) are
 * refused by nbvcxz's estimate, with the reason in words; passphrases pass.
 */
@DisplayName("S4 (issue 8.12): weak long passwords are refused by a strength estimate")
class PasswordStrengthTest {
  private final RulesFixture f = new RulesFixture();

  @BeforeEach
  void acme() {
    f.createAcme();
  }

  private SignupResult signUp(String password) {
    String address = "p" + Integer.toHexString(password.hashCode()) + "@acme.com";
    f.invite(f.adaId(), address);
    return f.kit.signup().createAccount(new SignupRequest(Token.of(f.tokenFor(address)), RulesFixture.ADULT_BIRTH_DATE,
        "Bob", "Stone", Password.of(password), Password.of(password)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"aaaaaaaaaaaaaaa", "123456789012345", "password1234567", "abcdefghijklmnopq",
      "qwertyuiopasdfghjkl", "1111111111111111111111111111111111111111111111111111111111111111111111111111"})
  @DisplayName("S4: repetitions, sequences and a common word with digits are refused TOO_WEAK, saying why")
  void weakLongPasswordsAreRefused_S4_issue8_12(String password) {
    assertThat(signUp(password)).isInstanceOfSatisfying(SignupResult.Invalid.class, invalid ->
        assertThat(invalid.problems()).singleElement().satisfies(p -> {
          assertThat(p.field()).isEqualTo(Field.PASSWORD);
          assertThat(p.code()).isIn(Code.TOO_WEAK, Code.COMMON_PASSWORD);
          assertThat(p.message()).startsWith("This password is");
        }));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"zebra canyon melody", "a ferry to the blue lighthouse", "lantern meadow pebble"})
  @DisplayName("S4: a passphrase of a few unrelated words passes")
  void passphrasesPass_S4_issue8_12(String password) {
    assertThat(signUp(password)).isInstanceOf(SignupResult.Joined.class);
  }
}
