package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.secret.Password;
import dev.invitekit.secret.Token;
import dev.invitekit.member.SignInResult;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * S3/S4, issue 8 item 11: malformed UTF-16 (unpaired surrogates) in a password or a name is refused with a
 * typed problem and never hashed, so two different inputs never share one hash; signing in with it is a
 * plain refusal, never an exception.
 */
@DisplayName("S3/S4 (issue 8.11): unpaired surrogates are refused, never collapsed to '?'")
class MalformedTextTest {
  private static final String BASE = "lantern meadow pebble";
  private static final String WITH_SURROGATES = BASE + "\ud800\udbff";
  private static final String WITH_QUESTION_MARKS = BASE + "??";

  private final RulesFixture f = new RulesFixture();

  @BeforeEach
  void acme() {
    f.createAcme();
  }

  private SignupResult signUp(String address, String first, String last, String password) {
    f.invite(f.adaId(), address);
    return f.kit.signup().createAccount(new SignupRequest(Token.of(f.tokenFor(address)), RulesFixture.ADULT_BIRTH_DATE,
        first, last, Password.of(password), Password.of(password)));
  }

  @Test
  @DisplayName("S4: a password with unpaired surrogates is refused MALFORMED_TEXT, and nobody is created")
  void passwordWithLoneSurrogatesIsRefused_S4_issue8_11() {
    SignupResult result = signUp("bob@acme.com", "Bob", "Stone", WITH_SURROGATES);

    assertThat(result).isInstanceOfSatisfying(SignupResult.Invalid.class, invalid ->
        assertThat(invalid.problems()).extracting(FieldProblem::field, FieldProblem::code)
            .contains(org.assertj.core.groups.Tuple.tuple(Field.PASSWORD, Code.MALFORMED_TEXT)));
    assertThat(f.userExists("bob@acme.com")).isFalse();
  }

  @Test
  @DisplayName("S4: a password ending in '??' does not also sign in with two unpaired surrogates in their place")
  void differentInputsNeverShareAHash_S4_issue8_11() {
    assertThat(signUp("bob@acme.com", "Bob", "Stone", WITH_QUESTION_MARKS))
        .isInstanceOf(SignupResult.Joined.class);

    assertThat(f.kit.users().signIn("bob@acme.com", Password.of(WITH_QUESTION_MARKS))).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(f.kit.users().signIn("bob@acme.com", Password.of(WITH_SURROGATES))).isInstanceOf(SignInResult.Refused.class);
    assertThat(f.kit.users().signIn("bob@acme.com", Password.of("\udc00"))).isInstanceOf(SignInResult.Refused.class);
    assertThat(f.kit.users().signIn("bob\ud800@acme.com", Password.of(WITH_SURROGATES))).isInstanceOf(SignInResult.Refused.class);
  }

  @Test
  @DisplayName("S3: a first or last name with an unpaired surrogate is refused MALFORMED_TEXT on its field")
  void nameWithLoneSurrogateIsRefused_S3_issue8_11() {
    SignupResult result = signUp("bob@acme.com", "Bo\ud800b", "Stone\udc00", RulesFixture.PASSWORD);

    assertThat(result).isInstanceOfSatisfying(SignupResult.Invalid.class, invalid ->
        assertThat(invalid.problems()).extracting(FieldProblem::field, FieldProblem::code).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Field.FIRST_NAME, Code.MALFORMED_TEXT),
            org.assertj.core.groups.Tuple.tuple(Field.LAST_NAME, Code.MALFORMED_TEXT)));
  }
}
