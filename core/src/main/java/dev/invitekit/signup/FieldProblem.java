package dev.invitekit.signup;

import java.util.Objects;

/**
 * One problem with one field of a form, as data a UI can show next to the field (S5).
 *
 * @param field which field
 * @param code a stable code for the problem
 * @param message a sentence for people saying what to fix
 */
public record FieldProblem(Field field, Code code, String message) {

  /** Requires every component. */
  public FieldProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** The form fields problems refer to. */
  public enum Field {
    /** The invitation token of the sign-up link. */
    TOKEN,
    /** The email address (account creation). */
    EMAIL,
    /** The date of birth (S2). */
    BIRTH_DATE,
    /** The first name (S3). */
    FIRST_NAME,
    /** The last name (S3). */
    LAST_NAME,
    /** The password (S4). */
    PASSWORD,
    /** The password typed again (S4). */
    PASSWORD_CONFIRMATION,
    /** The company's name (A1). */
    ACCOUNT_NAME,
    /** The company domains (A1, A4). */
    DOMAINS,
    /** The purchased Pro+ seats (A1, P1). */
    SEATS
  }

  /** Stable problem codes; names never change, new ones may be added. */
  public enum Code {
    /** Required and missing or blank. */
    REQUIRED,
    /** Longer than allowed. */
    TOO_LONG,
    /** Shorter than allowed. */
    TOO_SHORT,
    /** Has control or invisible formatting characters. */
    CONTROL_CHARACTERS,
    /** Not in an accepted form. */
    INVALID,
    /** The date of birth is in the future. */
    DATE_IN_FUTURE,
    /** The date of birth is implausibly long ago. */
    DATE_IMPLAUSIBLE,
    /** The person is younger than the minimum age (S2). */
    TOO_YOUNG,
    /** The password is a commonly used one (S4). */
    COMMON_PASSWORD,
    /** The password contains the email's local part (S4). */
    CONTAINS_EMAIL,
    /** The password contains the person's name (S4). */
    CONTAINS_NAME,
    /** The confirmation differs from the password (S4). */
    MISMATCH,
    /** A public webmail domain cannot be a company domain (A4). */
    WEBMAIL_DOMAIN,
    /** The address is not in one of the company domains (U4). */
    NOT_COMPANY_DOMAIN,
    /** Already taken (such as an email address that has an account). */
    ALREADY_TAKEN,
    /** A disposable-mail domain cannot be a company domain (A4). */
    DISPOSABLE_DOMAIN,
    /** The text is not well-formed UTF-16: it has an unpaired surrogate (S3, S4). */
    MALFORMED_TEXT,
    /**
     * The password is too easy to guess by nbvcxz's strength estimate: repetitions, sequences, keyboard
     * walks, dictionary words (S4). The message says which, in words.
     */
    TOO_WEAK
  }
}
