package dev.invitekit.internal.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.text.Normalizer;

/**
 * The one rule for a person's or company's name wherever it enters (S3): sign-up first and last names,
 * founders' names, the account name, and display names pasted with addresses ({@code "Ann Lee" <ann@…>}).
 * A name is trimmed of spaces and invisible characters at both ends and NFC-normalized; it is refused when
 * it is not well-formed UTF-16 (an unpaired surrogate), when nothing visible is left (spaces, zero-width
 * characters, Hangul fillers U+3164/U+115F/U+1160/U+FFA0, the Braille blank U+2800 and every other
 * default-ignorable code point), when it holds a control, line-breaking, bidi-override or bidi-isolate
 * character or an unassigned code point, or when it is longer than {@link #MAX_LENGTH} code points. Any
 * script is welcome, and the joiners several scripts need (ZWJ, ZWNJ) stay allowed inside a name.
 */
public final class NameRule {
  /** Longest name in code points (S3). */
  public static final int MAX_LENGTH = 100;

  private NameRule() {}

  /** Why a name is refused. */
  public enum Problem {
    /** Not well-formed UTF-16: an unpaired surrogate. */
    MALFORMED,
    /** Nothing visible. */
    REQUIRED,
    /** A control, line-breaking, bidi-override or bidi-isolate character, or an unassigned code point. */
    CONTROL_CHARACTERS,
    /** Longer than {@link #MAX_LENGTH} code points. */
    TOO_LONG
  }

  /** The outcome of {@link #check}. */
  public sealed interface Result {}

  /**
   * The name passed.
   *
   * @param name trimmed and NFC-normalized
   */
  public record Valid(String name) implements Result {}

  /**
   * The name was refused.
   *
   * @param problem why
   */
  public record Invalid(Problem problem) implements Result {}

  /** Checks and normalizes a name; never throws. */
  public static Result check(String raw) {
    if (!Utf16.isWellFormed(raw)) {
      return new Invalid(Problem.MALFORMED);
    }
    String name = trim(Normalizer.normalize(raw, Normalizer.Form.NFC));
    if (name.isEmpty() || name.codePoints().allMatch(NameRule::isInvisible)) {
      return new Invalid(Problem.REQUIRED);
    }
    if (name.codePoints().anyMatch(NameRule::isControl)) {
      return new Invalid(Problem.CONTROL_CHARACTERS);
    }
    if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
      return new Invalid(Problem.TOO_LONG);
    }
    return new Valid(name);
  }

  /** The name when it passes the rule, else null: for display names, which are optional. */
  public static @org.jspecify.annotations.Nullable String validOrNull(@org.jspecify.annotations.Nullable String raw) {
    return raw != null && check(raw) instanceof Valid valid ? valid.name() : null;
  }

  /**
   * The text without leading and trailing spaces or invisible characters of any kind. {@link String#strip()}
   * is not enough: it keeps the no-break spaces (U+00A0, U+2007, U+202F) that pasted names often carry.
   */
  private static String trim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isTrimmable(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    while (end > start && isTrimmable(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return text.substring(start, end);
  }

  /**
   * Spaces of any kind (tabs and line breaks included, as before), and invisible characters that are
   * harmless at an end; a bidi control there is refused, not silently dropped.
   */
  private static boolean isTrimmable(int cp) {
    return isSpace(cp) || (isInvisible(cp) && !isControl(cp));
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  /**
   * Shows as nothing: spaces, format characters, default-ignorable code points (Unicode's own list of what
   * renders invisibly: zero-width characters, the Hangul fillers, variation selectors …), and the Braille
   * pattern blank U+2800, which is a symbol by category but blank on every screen.
   */
  static boolean isInvisible(int cp) {
    return isSpace(cp) || Character.getType(cp) == Character.FORMAT || cp == 0x2800
        || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
  }

  /**
   * Control characters (Cc), surrogates, unassigned code points, line and paragraph separators, and the
   * bidirectional overrides, embeddings, isolates and marks that can make a name display as something else.
   */
  static boolean isControl(int cp) {
    int type = Character.getType(cp);
    // U+2028 and U+2029 break lines as surely as LF does (in mail, JSON in a script, logs): not in a name.
    return type == Character.CONTROL || type == Character.SURROGATE || type == Character.UNASSIGNED
        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
        || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
        || cp == 0x061C || cp == 0xFEFF;
  }
}
