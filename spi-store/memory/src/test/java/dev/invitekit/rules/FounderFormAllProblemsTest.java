package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.secret.Password;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Field;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** S5 on the founder's form: every problem at once, the password's too when the address is invalid. */
@DisplayName("S5: the founder's form reports every problem at once")
class FounderFormAllProblemsTest {
  private final RulesFixture f = new RulesFixture();

  @Test
  void aBlankFormGetsThePasswordProblemsWithTheOthers_S5() {
    NewAccount blank = RulesFixture.acmeRequest().toBuilder().name("").domains(List.of()).founderEmail("")
        .firstName("").lastName("").birthDate(null).password(Password.of("")).passwordConfirmation(Password.of("x"))
        .build();

    AccountCreation creation = f.kit.accounts().create(blank);

    assertThat(creation).isInstanceOf(AccountCreation.Rejected.class);
    List<Field> fields = ((AccountCreation.Rejected) creation).problems().stream().map(FieldProblem::field).toList();
    assertThat(fields).contains(Field.ACCOUNT_NAME, Field.DOMAINS, Field.EMAIL, Field.FIRST_NAME, Field.LAST_NAME,
        Field.BIRTH_DATE, Field.PASSWORD, Field.PASSWORD_CONFIRMATION);
  }

  @Test
  void anInvalidAddressStillGetsAWeakPasswordReported_S4_S5() {
    NewAccount request = RulesFixture.acmeRequest().toBuilder().founderEmail("not an address")
        .password(Password.of("short")).passwordConfirmation(Password.of("short")).build();

    AccountCreation creation = f.kit.accounts().create(request);

    assertThat(((AccountCreation.Rejected) creation).problems())
        .extracting(FieldProblem::field).contains(Field.EMAIL, Field.PASSWORD);
  }
}
