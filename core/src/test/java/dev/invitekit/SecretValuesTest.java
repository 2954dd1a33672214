package dev.invitekit;

import dev.invitekit.secret.Token;
import dev.invitekit.secret.Password;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.signup.SignupRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** §5, S4, I5: a Password and a Token never show their text, alone or inside the records that hold them. */
@DisplayName("§5: Password and Token never leak")
class SecretValuesTest {
  private static final String PASSWORD = "pAsSwOrD-sEcReT lantern meadow";
  private static final String TOKEN = "tOkEn_SeCrEt-0123456789abcdefghijklmnopqrs";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A record of the app's own that holds the secrets, as a form object or a logged command might. */
  record AppForm(Token token, Password password, List<Password> history, Map<String, Token> tokens) {}

  @Test
  @DisplayName("§5/S4: a Password's toString and JSON are Password[redacted]; reveal() gives the text")
  void passwordRedacted() throws Exception {
    Password password = Password.of(PASSWORD);

    assertThat(password.toString()).isEqualTo("Password[redacted]");
    assertThat(JSON.writeValueAsString(password)).isEqualTo("\"Password[redacted]\"");
    assertThat(password.reveal()).isEqualTo(PASSWORD);
  }

  @Test
  @DisplayName("§5/S4: two Passwords with the same text are not equal, and their hashes do not follow the text")
  void passwordHasNoContentEquality() {
    Password one = Password.of(PASSWORD);
    Password same = Password.of(PASSWORD);

    assertThat(one).isNotEqualTo(same).isEqualTo(one);
    assertThat(one.hashCode()).isEqualTo(System.identityHashCode(one));
  }

  @Test
  @DisplayName("§5/I5: a Token's toString and JSON are Token[redacted]; reveal() gives the text")
  void tokenRedacted() throws Exception {
    Token token = Token.of(TOKEN);

    assertThat(token.toString()).isEqualTo("Token[redacted]");
    assertThat(JSON.writeValueAsString(token)).isEqualTo("\"Token[redacted]\"");
    assertThat(token.reveal()).isEqualTo(TOKEN);
  }

  @Test
  @DisplayName("I5: Tokens are equal by their text, and every token has the same hash code")
  void tokenEquality() {
    assertThat(Token.of(TOKEN)).isEqualTo(Token.of(TOKEN)).isNotEqualTo(Token.of(TOKEN + "x"))
        .isNotEqualTo(TOKEN);
    assertThat(Token.of(TOKEN).hashCode()).isEqualTo(Token.of("something else entirely").hashCode());
  }

  @Test
  @DisplayName("S4/I5: null is refused with the name of what is missing; any other text is accepted")
  void nullRefused() {
    assertThatNullPointerException().isThrownBy(() -> Password.of(null)).withMessage("password");
    assertThatNullPointerException().isThrownBy(() -> Token.of(null)).withMessage("token");
    assertThat(Password.of("").reveal()).isEmpty();
    assertThat(Token.of("not a token at all").reveal()).isEqualTo("not a token at all");
  }

  @Test
  @DisplayName("§5: a record's default toString and JSON show neither, however deeply they are held")
  void appRecordHoldingThem() throws Exception {
    AppForm form = new AppForm(Token.of(TOKEN), Password.of(PASSWORD), List.of(Password.of(PASSWORD + "1")),
        Map.of("invite", Token.of(TOKEN + "2")));

    assertThat(form.toString()).doesNotContain(TOKEN, PASSWORD, "SeCrEt", "sEcReT");
    assertThat(JSON.writeValueAsString(form)).doesNotContain(TOKEN, PASSWORD, "SeCrEt", "sEcReT")
        .contains("Token[redacted]", "Password[redacted]");
  }

  @Test
  @DisplayName("§5/S2/S4: SignupRequest and NewAccount show no token or password in toString or JSON")
  void publicRecords() throws Exception {
    SignupRequest signup = SignupRequest.builder().token(Token.of(TOKEN)).firstName("Bob").lastName("Stone")
        .password(Password.of(PASSWORD)).passwordConfirmation(Password.of(PASSWORD + "2")).build();
    NewAccount account = NewAccount.builder().name("Acme").plan(Plan.PRO).domains("acme.com").locale(Locale.ENGLISH)
        .founderEmail("ann@acme.com").firstName("Ann").lastName("Lee").password(Password.of(PASSWORD))
        .passwordConfirmation(Password.of(PASSWORD)).build();

    for (Object value : List.of(signup, account)) {
      assertThat(value.toString()).doesNotContain(TOKEN, PASSWORD, "SeCrEt", "sEcReT");
      assertThat(JSON.writeValueAsString(value)).doesNotContain(TOKEN, PASSWORD, "SeCrEt", "sEcReT");
    }
    assertThat(signup.password().reveal()).isEqualTo(PASSWORD);
    assertThat(signup.token().reveal()).isEqualTo(TOKEN);
  }
}
