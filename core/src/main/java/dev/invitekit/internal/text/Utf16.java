package dev.invitekit.internal.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Well-formed UTF-16 (S3, S4). {@link String#getBytes(java.nio.charset.Charset)} replaces an unpaired
 * surrogate with {@code ?}, so two different passwords once hashed the same; here malformed text is
 * detected, and encoding it is an error, never a silent replacement.
 */
public final class Utf16 {
  private Utf16() {}

  /** Whether every surrogate in the text is half of a pair. */
  public static boolean isWellFormed(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return false;
        }
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The text in UTF-8, strictly.
   *
   * @throws IllegalArgumentException when the text is not well-formed UTF-16 (the message never holds it)
   */
  public static byte[] strictUtf8(String text) {
    try {
      ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(text));
      byte[] out = new byte[bytes.remaining()];
      bytes.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("text is not well-formed UTF-16 (an unpaired surrogate)");
    }
  }
}
