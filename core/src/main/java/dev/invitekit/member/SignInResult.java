package dev.invitekit.member;

/** The outcome of signing in (S4). Never carries the password or its hash. */
public sealed interface SignInResult {

  /** The address and password matched; the app starts its session for {@code user}. */
  record SignedIn(User user) implements SignInResult {}

  /**
   * The address and password did not match, or the address is unknown or invalid, or the password is
   * over the maximum length or not well-formed UTF-16 (an unpaired surrogate, S4): one answer for all, so
   * that nobody learns which (no enumeration).
   */
  record Refused() implements SignInResult {
    /** A sentence for the person signing in. */
    public String message() {
      return "That email address and password do not match. Check them, or reset your password.";
    }
  }

  /**
   * The address and password match a founder's sign-up whose address is not confirmed yet (A3): the
   * identity cannot be used until the founder follows the link in the confirmation mail. Only someone who
   * knows the sign-up's password gets this answer; an unconfirmed sign-up with another password answers
   * {@link Refused}.
   */
  record Unconfirmed() implements SignInResult {
    /** A sentence for the person signing in. */
    public String message() {
      return "Confirm your email address first: follow the link in the email we sent when you created the account.";
    }
  }
}
