package dev.invitekit.internal.mail;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.invitekit.internal.text.Sentences;
import java.util.ArrayList;
import java.util.List;
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
    Parsed parsed = PARSED.get(template, Parsed::of);
    StringBuilder out = new StringBuilder(template.length() + 64);
    boolean afterSentenceEnd = false;
    int length = template.length();
    int next = 0; // the first placeholder at or after i
    int i = 0;
    while (i < length) {
      while (next < parsed.open.length && parsed.open[next] < i) {
        next++;
      }
      if (next < parsed.open.length && parsed.open[next] == i) {
        String value = values.get(parsed.names[next]);
        if (value != null) {
          out.append(escape(value, escape));
          afterSentenceEnd = Sentences.endsSentence(value);
          i = parsed.close[next] + 1;
          continue;
        }
        afterSentenceEnd = false; // an unknown placeholder stays as it is
        out.append('{');
        i++;
        continue;
      }
      if (afterSentenceEnd) {
        char c = template.charAt(i);
        if (c == '<' && template.startsWith("</", i) && template.indexOf('>', i) > i) {
          int end = template.indexOf('>', i) + 1;
          out.append(template, i, end);
          i = end;
          continue;
        }
        afterSentenceEnd = false;
        if (c != '.') {
          out.append(c);
        }
        i++;
        continue;
      }
      // Plain text up to the next placeholder, in one copy.
      int end = next < parsed.open.length ? parsed.open[next] : length;
      out.append(template, i, end);
      i = end;
    }
    return escape == Escape.SUBJECT ? oneLine(out.toString()) : out.toString();
  }

  /**
   * The templates seen lately, split at their placeholders once: a mail renders three, twenty times for a
   * pasted list, and cutting the names out and hashing them again for every mail was a tenth of an invite
   * (issue 12, benchmark 1). Bounded by the templates' total length (about a million characters, a few
   * hundred templates of the usual size), since an app's {@code MailTemplates} may hand out any text, large or
   * new every time.
   */
  private static final Cache<String, Parsed> PARSED = Caffeine.newBuilder()
      .maximumWeight(1_000_000)
      .weigher((String template, Parsed parsed) -> template.length() + 16 * parsed.open.length + 64)
      .build();

  /**
   * Where a template's candidate placeholders are: every {@code &#123;} that has a {@code &#125;} after it,
   * with the text between them (the name looked up). Which of them are placeholders depends on the values of
   * each render, so all are kept; the render skips those inside a replaced one.
   */
  private static final class Parsed {
    final int[] open;
    final int[] close;
    final String[] names;

    private Parsed(int[] open, int[] close, String[] names) {
      this.open = open;
      this.close = close;
      this.names = names;
    }

    static Parsed of(String template) {
      List<Integer> opens = new ArrayList<>();
      List<Integer> closes = new ArrayList<>();
      for (int i = template.indexOf('{'); i >= 0; i = template.indexOf('{', i + 1)) {
        int close = template.indexOf('}', i + 1);
        if (close < 0) {
          break; // no later brace has a close either
        }
        opens.add(i);
        closes.add(close);
      }
      int[] open = new int[opens.size()];
      int[] close = new int[opens.size()];
      String[] names = new String[opens.size()];
      for (int k = 0; k < open.length; k++) {
        open[k] = opens.get(k);
        close[k] = closes.get(k);
        names[k] = template.substring(open[k] + 1, close[k]); // its hash, once computed, stays with it
      }
      return new Parsed(open, close, names);
    }
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
