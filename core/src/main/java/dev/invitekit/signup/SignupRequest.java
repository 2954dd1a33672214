package dev.invitekit.signup;

import dev.invitekit.secret.Password;
import dev.invitekit.secret.Token;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A sign-up form from an invitation link (S1–S6). The token and the passwords are a {@link Token} and
 * {@link Password}s, which never show themselves (SPEC §5); {@link #toString()} also leaves out the date of
 * birth, which is only checked, never stored (S2). Build one with {@link #builder()}.
 *
 * @param token the token from the invitation link
 * @param birthDate the date of birth (S2); null when the form left it empty, which the sign-up answers with
 *     a {@code BIRTH_DATE REQUIRED} problem beside the others (S5), never an exception
 * @param firstName first name (S3)
 * @param lastName last name (S3)
 * @param password the password (S4)
 * @param passwordConfirmation the password typed again (S4)
 */
public record SignupRequest(
    Token token,
    @Nullable LocalDate birthDate,
    String firstName,
    String lastName,
    Password password,
    Password passwordConfirmation) {

  /**
   * Requires every component but the date of birth; content is checked by
   * {@link Signup#createAccount(SignupRequest)}.
   */
  public SignupRequest {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(passwordConfirmation, "passwordConfirmation");
  }

  /** An empty builder: every component but {@code birthDate} must be set before {@link Builder#build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request's components, to change some of them. */
  public Builder toBuilder() {
    return new Builder().token(token).birthDate(birthDate).firstName(firstName).lastName(lastName)
        .password(password).passwordConfirmation(passwordConfirmation);
  }

  /** Leaves out the date of birth (S2); the token and passwords show as redacted. */
  @Override
  public String toString() {
    return "SignupRequest[token=" + token + ", firstName=" + firstName + ", lastName=" + lastName
        + ", password=" + password + ", passwordConfirmation=" + passwordConfirmation + "]";
  }

  /** Builds a {@link SignupRequest}; each setter replaces the component, {@link #build()} checks them. */
  public static final class Builder {
    private @Nullable Token token;
    private @Nullable LocalDate birthDate;
    private @Nullable String firstName;
    private @Nullable String lastName;
    private @Nullable Password password;
    private @Nullable Password passwordConfirmation;

    private Builder() {}

    /** The token from the invitation link. */
    public Builder token(Token token) {
      this.token = token;
      return this;
    }

    /** The date of birth (S2), or null when the form left it empty. */
    public Builder birthDate(@Nullable LocalDate birthDate) {
      this.birthDate = birthDate;
      return this;
    }

    /** The first name (S3). */
    public Builder firstName(String firstName) {
      this.firstName = firstName;
      return this;
    }

    /** The last name (S3). */
    public Builder lastName(String lastName) {
      this.lastName = lastName;
      return this;
    }

    /** The password (S4). */
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
    public SignupRequest build() {
      return new SignupRequest(Objects.requireNonNull(token, "token"), birthDate,
          Objects.requireNonNull(firstName, "firstName"), Objects.requireNonNull(lastName, "lastName"),
          Objects.requireNonNull(password, "password"),
          Objects.requireNonNull(passwordConfirmation, "passwordConfirmation"));
    }
  }
}
