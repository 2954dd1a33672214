package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.secret.Password;
import dev.invitekit.secret.Token;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** S2, S5 (found by the outside review of issue 9): an empty date of birth is a field problem, never an exception. */
@DisplayName("An empty date of birth is a field problem (S2, S5)")
class EmptyBirthDateTest {
  private final RulesFixture f = new RulesFixture();

  @Test
  @DisplayName("S5: a sign-up without a date of birth gets BIRTH_DATE REQUIRED beside the other problems, and "
      + "the invitation is not locked (S2)")
  void signupWithoutBirthDateIsAFieldProblem_S5_issue9_review() {
    f.createAcme();
    f.invite(f.adaId(), "bob@acme.com");
    String token = f.tokenFor("bob@acme.com");

    SignupResult result = f.kit.signup().createAccount(new SignupRequest(Token.of(token), null, "", "Stone",
        Password.of(RulesFixture.PASSWORD), Password.of(RulesFixture.PASSWORD)));

    assertThat(result).isInstanceOfSatisfying(SignupResult.Invalid.class, invalid -> assertThat(invalid.problems())
        .extracting(FieldProblem::field, FieldProblem::code)
        .contains(org.assertj.core.groups.Tuple.tuple(Field.BIRTH_DATE, Code.REQUIRED),
            org.assertj.core.groups.Tuple.tuple(Field.FIRST_NAME, Code.REQUIRED)));
    assertThat(f.kit.signup().createAccount(RulesFixture.signupRequest(token, "Bob", "Stone")))
        .isInstanceOf(SignupResult.Joined.class);
  }

  @Test
  @DisplayName("S5: founding an account without a date of birth gets BIRTH_DATE REQUIRED")
  void foundingWithoutBirthDateIsAFieldProblem_S5_issue9_review() {
    AccountCreation creation = f.kit.accounts().create(new NewAccount("Acme", Plan.PRO, List.of("acme.com"), 0,
        Locale.ENGLISH, "ada@acme.com", "Ada", "Admin", null, Password.of(RulesFixture.PASSWORD), Password.of(RulesFixture.PASSWORD)));

    assertThat(creation).isInstanceOfSatisfying(AccountCreation.Rejected.class, r -> assertThat(r.problems())
        .extracting(FieldProblem::field, FieldProblem::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Field.BIRTH_DATE, Code.REQUIRED)));
  }
}
