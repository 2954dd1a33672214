package dev.invitekit.account;

import dev.invitekit.Secret;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What it takes to create an account (A1, A3): the company, its plan and domains, and the founder's
 * sign-up, which follows the same rules as everyone's (S2–S4).
 *
 * @param name the company's name (1 to 100 characters)
 * @param plan the plan
 * @param domains the company email domains as typed (Unicode or IDNA); webmail domains are refused (A4)
 * @param proPlusSeats purchased Pro+ seats; must be 0 for {@code PRO}
 * @param locale the account's default language for mail
 * @param founderEmail the founder's address, in one of {@code domains} (U4)
 * @param firstName the founder's first name (S3)
 * @param lastName the founder's last name (S3)
 * @param birthDate the founder's date of birth, checked and never stored (S2); null when the form left it
 *     empty, answered with a {@code BIRTH_DATE REQUIRED} problem (S5)
 * @param password the founder's password (S4)
 * @param passwordConfirmation the password typed again (S4)
 */
public record NewAccount(
    String name,
    Plan plan,
    List<String> domains,
    int proPlusSeats,
    Locale locale,
    String founderEmail,
    String firstName,
    String lastName,
    @Nullable LocalDate birthDate,
    String password,
    String passwordConfirmation) {

  /** Requires every component; content is validated by {@link Accounts#create(NewAccount)}. */
  public NewAccount {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(plan, "plan");
    domains = List.copyOf(domains);
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(founderEmail, "founderEmail");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(passwordConfirmation, "passwordConfirmation");
  }

  /** Never shows the password or the date of birth. */
  @Override
  public String toString() {
    return "NewAccount[name=" + name + ", plan=" + plan + ", domains=" + domains + ", proPlusSeats="
        + proPlusSeats + ", founderEmail=" + founderEmail + ", password=" + Secret.REDACTED + "]";
  }
}
