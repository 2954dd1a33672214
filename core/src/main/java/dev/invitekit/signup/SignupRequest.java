package dev.invitekit.signup;

import dev.invitekit.Secret;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A sign-up form from an invitation link (S1–S6). {@link #toString()} never shows the token or the
 * passwords, and the date of birth is only checked, never stored (S2).
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
    String token,
    @Nullable LocalDate birthDate,
    String firstName,
    String lastName,
    String password,
    String passwordConfirmation) {

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

  /** Never shows the token, the passwords or the date of birth. */
  @Override
  public String toString() {
    return "SignupRequest[token=" + Secret.REDACTED + ", firstName=" + firstName + ", lastName=" + lastName
        + ", password=" + Secret.REDACTED + "]";
  }
}
