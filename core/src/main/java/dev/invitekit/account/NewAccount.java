package dev.invitekit.account;

import dev.invitekit.secret.Password;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What it takes to create an account (A1, A3): the company, its plan and domains, and the founder's
 * sign-up, which follows the same rules as everyone's (S2–S4). The passwords are {@link Password}s, which
 * never show themselves (SPEC §5); {@link #toString()} also leaves out the date of birth (S2). Build one with
 * {@link #builder()}.
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
    Password password,
    Password passwordConfirmation) {

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

  /**
   * An empty builder: {@code proPlusSeats} starts at 0, {@code domains} empty and {@code locale}
   * {@link Locale#ENGLISH}; {@code birthDate} may stay unset; every other component must be set.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request's components, to change some of them. */
  public Builder toBuilder() {
    return new Builder().name(name).plan(plan).domains(domains).proPlusSeats(proPlusSeats).locale(locale)
        .founderEmail(founderEmail).firstName(firstName).lastName(lastName).birthDate(birthDate)
        .password(password).passwordConfirmation(passwordConfirmation);
  }

  /** Leaves out the founder's date of birth (S2); the passwords show as redacted. */
  @Override
  public String toString() {
    return "NewAccount[name=" + name + ", plan=" + plan + ", domains=" + domains + ", proPlusSeats="
        + proPlusSeats + ", locale=" + locale + ", founderEmail=" + founderEmail + ", firstName=" + firstName
        + ", lastName=" + lastName + ", password=" + password + ", passwordConfirmation=" + passwordConfirmation
        + "]";
  }

  /** Builds a {@link NewAccount}; each setter replaces the component, {@link #build()} checks them. */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable Plan plan;
    private List<String> domains = List.of();
    private int proPlusSeats;
    private Locale locale = Locale.ENGLISH;
    private @Nullable String founderEmail;
    private @Nullable String firstName;
    private @Nullable String lastName;
    private @Nullable LocalDate birthDate;
    private @Nullable Password password;
    private @Nullable Password passwordConfirmation;

    private Builder() {}

    /** The company's name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The plan. */
    public Builder plan(Plan plan) {
      this.plan = plan;
      return this;
    }

    /** The company email domains as typed (A4). */
    public Builder domains(List<String> domains) {
      this.domains = List.copyOf(domains);
      return this;
    }

    /** The company email domains as typed (A4). */
    public Builder domains(String... domains) {
      return domains(List.of(domains));
    }

    /** Purchased Pro+ seats; 0 for {@code PRO}. */
    public Builder proPlusSeats(int proPlusSeats) {
      this.proPlusSeats = proPlusSeats;
      return this;
    }

    /** The account's default language for mail. */
    public Builder locale(Locale locale) {
      this.locale = Objects.requireNonNull(locale, "locale");
      return this;
    }

    /** The founder's address (U4). */
    public Builder founderEmail(String founderEmail) {
      this.founderEmail = founderEmail;
      return this;
    }

    /** The founder's first name (S3). */
    public Builder firstName(String firstName) {
      this.firstName = firstName;
      return this;
    }

    /** The founder's last name (S3). */
    public Builder lastName(String lastName) {
      this.lastName = lastName;
      return this;
    }

    /** The founder's date of birth (S2), or null when the form left it empty. */
    public Builder birthDate(@Nullable LocalDate birthDate) {
      this.birthDate = birthDate;
      return this;
    }

    /** The founder's password (S4). */
    public Builder password(Password password) {
      this.password = password;
      return this;
    }

    /** The password typed again (S4). */
    public Builder passwordConfirmation(Password passwordConfirmation) {
      this.passwordConfirmation = passwordConfirmation;
      return this;
    }

    /**
     * The request.
     *
     * @throws NullPointerException naming the first required component that was not set
     */
    public NewAccount build() {
      return new NewAccount(Objects.requireNonNull(name, "name"), Objects.requireNonNull(plan, "plan"), domains,
          proPlusSeats, locale, Objects.requireNonNull(founderEmail, "founderEmail"),
          Objects.requireNonNull(firstName, "firstName"), Objects.requireNonNull(lastName, "lastName"), birthDate,
          Objects.requireNonNull(password, "password"),
          Objects.requireNonNull(passwordConfirmation, "passwordConfirmation"));
    }
  }
}
