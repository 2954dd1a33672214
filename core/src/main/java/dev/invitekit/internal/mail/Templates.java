package dev.invitekit.internal.mail;

import dev.invitekit.internal.text.Sentences;
import java.util.Locale;
import java.util.Map;

/**
 * Fills {@code {name}} placeholders in one pass, so a value that itself looks like a placeholder is never
 * expanded, and escapes values for where they land.
 */
public final class Templates {
  private Templates() {}

  /** How values are escaped. */
  public enum Escape {
    /** As they are: plain text. */
    NONE,
    /** On one line: control characters, CR and LF become spaces (no header injection). */
    SUBJECT,
    /** HTML-escaped: {@code & < > " '}. */
    HTML
  }

  /**
   * The template with each known placeholder replaced by its escaped value; unknown ones stay. A value
   * that ends a sentence itself ({@code Acme Inc.}, {@code Yahoo!}, {@code Why?}) absorbs the full stop
   * the template puts after it, even past closing HTML tags: {@code joined {accountName}.} reads
   * "joined Acme Inc.", never "Acme Inc.." (issue 9.10), in the shipped templates and the app's alike.
   */
  public static String render(String template, Map<String, String> values, Escape escape) {
    StringBuilder out = new StringBuilder(template.length() + 64);
    boolean afterSentenceEnd = false;
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{') {
        int close = template.indexOf('}', i + 1);
        if (close > i) {
          String name = template.substring(i + 1, close);
          String value = values.get(name);
          if (value != null) {
            out.append(escape(value, escape));
            afterSentenceEnd = Sentences.endsSentence(value);
            i = close + 1;
            continue;
          }
        }
      }
      if (afterSentenceEnd && c == '<' && template.startsWith("</", i) && template.indexOf('>', i) > i) {
        int end = template.indexOf('>', i) + 1;
        out.append(template, i, end);
        i = end;
        continue;
      }
      if (afterSentenceEnd && c == '.') {
        afterSentenceEnd = false;
        i++;
        continue;
      }
      afterSentenceEnd = false;
      out.append(c);
      i++;
    }
    return escape == Escape.SUBJECT ? oneLine(out.toString()) : out.toString();
  }

  private static String escape(String value, Escape escape) {
    return switch (escape) {
      case NONE -> value;
      case SUBJECT -> oneLine(value);
      case HTML -> html(value);
    };
  }

  /** Control characters, CR and LF replaced by spaces, the result trimmed. */
  public static String oneLine(String value) {
    // Most values have nothing to replace: then the answer is the value stripped, with no copy to make.
    int i = 0;
    while (i < value.length()) {
      int cp = value.codePointAt(i);
      if (breaksLine(cp)) {
        break;
      }
      i += Character.charCount(cp);
    }
    if (i == value.length()) {
      return value.strip();
    }
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().forEach(cp -> {
      if (breaksLine(cp)) {
        out.append(' ');
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString().strip();
  }

  private static boolean breaksLine(int cp) {
    return Character.getType(cp) == Character.CONTROL || cp == 0x2028 || cp == 0x2029 || cp == 0x85;
  }

  /** HTML-escaped text. */
  public static String html(String value) {
    int first = 0;
    while (first < value.length() && !needsEscape(value.charAt(first))) {
      first++;
    }
    if (first == value.length()) {
      return value; // nothing to escape: no copy
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean needsEscape(char c) {
    return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
  }

  /** A complete HTML document around a body fragment. */
  static String htmlDocument(String subject, String body, Locale locale) {
    return "<!DOCTYPE html><html lang=\"" + html(locale.toLanguageTag()) + "\"><head><meta charset=\"utf-8\"><title>"
        + html(subject) + "</title></head><body style=\"font-family:Arial,Helvetica,sans-serif;font-size:15px;"
        + "line-height:1.5;color:#222222\">" + body + "</body></html>";
  }
}
