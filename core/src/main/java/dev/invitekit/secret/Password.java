package dev.invitekit.secret;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A password as typed into a form (S4): at sign-up ({@code SignupRequest}, {@code NewAccount}), at the
 * founder's confirmation and at sign-in. It never shows itself (SPEC §5): {@link #toString()} and its JSON
 * form are {@code Password[redacted]}, so a record, event or log line that holds one cannot leak it, and it
 * has no content-based {@code equals} or {@code hashCode}: two passwords are equal only when they are the
 * same object. The characters are read through {@link #reveal()}, which only the password rules and the
 * hasher call.
 *
 * <p>Any text is accepted, empty and over-long included: the sign-up and sign-in rules answer it with a
 * typed outcome (S4, S5), never an exception.
 */
public final class Password {
  private final String value;

  private Password(String value) {
    this.value = value;
  }

  /** The password {@code value}; null is refused, any other text is checked later by the rules (S4). */
  public static Password of(String value) {
    return new Password(Objects.requireNonNull(value, "password"));
  }

  /**
   * The characters, for Invitekit's password rules and hasher (S4). Application code has no reason to call
   * it; never log, store or show the result.
   */
  public String reveal() {
    return value;
  }

  /** {@code Password[redacted]}, also as JSON: never the characters (SPEC §5). */
  @JsonValue
  @Override
  public String toString() {
    return "Password[redacted]";
  }
}
