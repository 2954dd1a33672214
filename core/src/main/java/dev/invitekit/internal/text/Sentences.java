package dev.invitekit.internal.text;

/**
 * Sentences built around names read right for any name (issue 9.10): a name that ends a sentence itself
 * ({@code Acme Inc.}, {@code Yahoo!}, {@code Why?}) takes no second full stop.
 */
public final class Sentences {
  private Sentences() {}

  /** Whether the text ends with a sentence's own end: a full stop, !, ? or an ellipsis (trailing spaces aside). */
  public static boolean endsSentence(String text) {
    String t = text.stripTrailing();
    if (t.isEmpty()) {
      return false;
    }
    char last = t.charAt(t.length() - 1);
    return last == '.' || last == '!' || last == '?' || last == '\u2026';
  }

  /** The name as the end of a sentence: with a full stop added unless it already ends one. */
  public static String ending(String name) {
    return endsSentence(name) ? name : name + ".";
  }
}
