package dev.invitekit.secret;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A token from a link Invitekit sent or shows (I5, L1, A3): an invitation's, an invite link's or a founder
 * confirmation's, as it comes back from the visitor's URL. It never shows itself (SPEC §5):
 * {@link #toString()} and its JSON form are {@code Token[redacted]}, so a record, event or log line that holds
 * one cannot leak it. {@link #equals(Object)} compares the text in constant time and {@link #hashCode()} is
 * the same for every token, so neither tells anything about the value. The text is read through
 * {@link #reveal()}, which Invitekit calls to look the token up by its digest.
 *
 * <p>Any text is accepted: a malformed or unknown token is answered with a typed outcome (for example
 * {@code TokenStatus.UNKNOWN}), never an exception.
 */
public final class Token {
  private final String value;

  private Token(String value) {
    this.value = value;
  }

  /** The token {@code value}, as taken from the URL; null is refused, any other text is looked up later. */
  public static Token of(String value) {
    return new Token(Objects.requireNonNull(value, "token"));
  }

  /**
   * The text, for Invitekit's token lookup (which hashes it, I5) and for building a link. Never log, store or
   * show the result.
   */
  public String reveal() {
    return value;
  }

  /** Whether {@code other} is a token with the same text, compared in constant time. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Token token && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
        token.value.getBytes(StandardCharsets.UTF_8));
  }

  /** The same for every token: a hash of the text would tell something about it. */
  @Override
  public int hashCode() {
    return 0x70c3e;
  }

  /** {@code Token[redacted]}, also as JSON: never the text (SPEC §5). */
  @JsonValue
  @Override
  public String toString() {
    return "Token[redacted]";
  }
}
