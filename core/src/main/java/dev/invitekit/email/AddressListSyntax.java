package dev.invitekit.email;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Splits a pasted list into entries (I1) with a small state machine: commas, semicolons and newlines
 * separate, except inside double quotes (with backslash escapes) or angle brackets. Each entry is then
 * read as {@code address}, {@code Name <address>} or {@code "Quoted, Name" <address>}. Total over every
 * string: no input makes it throw.
 */
final class AddressListSyntax {
  /** Entries longer than this are refused unread, bounding the work one hostile entry can cause. */
  static final int MAX_ENTRY = 1000;

  /** What {@code \\s+} matches, compiled once: splitting a pasted list is on every invite's path. */
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private AddressListSyntax() {}

  /** Whether {@link #WHITESPACE} can match: most entries are one bare address and need no split. */
  private static boolean hasWhitespace(String entry) {
    for (int i = 0; i < entry.length(); i++) {
      char c = entry.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  /**
   * Every non-blank entry of the input, in order. A quote or angle bracket left open does not swallow the
   * rest of the list: that entry ends at the next separator, is reported as unusable, and splitting goes
   * on (I4: one bad address never spoils the rest).
   */
  public static List<AddressEntry> split(String input) {
    return new Splitter(input).split();
  }

  /** How many characters {@link #split} examines for {@code input}: at most four times its length. */
  static long steps(String input) {
    Splitter splitter = new Splitter(input);
    splitter.split();
    return splitter.steps;
  }

  private static boolean isSeparator(char c) {
    return c == ',' || c == ';' || c == '\n' || c == '\r';
  }

  /**
   * One split of one input, in time linear in its length. An opener left open makes its entry end at the next
   * separator after it, so the next entry starts inside the text the scan already read to the end; read again from
   * each start, a list of {@code <,} repeated took quadratic time (320 KB: 14 s of CPU, before any permission
   * check; outside review 15). So whether an opener ever closes is answered without reading on: for an angle
   * bracket from the running count of brackets and its lowest value ahead, for a quote from the first quote found
   * open at the end (any quote opened after it, inside its text, is open at the end too: the scan from either
   * reads the same characters, with the same escapes, from the later one on).
   */
  private static final class Splitter {
    private final String input;
    /** The input's brackets, counted the first time an opener needs them. */
    private @Nullable Brackets brackets;
    /** A quote opened here ran to the end unclosed, as does any opened after it; the length while none has. */
    private int openQuoteToEnd;
    long steps;

    Splitter(String input) {
      this.input = input;
      this.openQuoteToEnd = input.length();
    }

    List<AddressEntry> split() {
      List<AddressEntry> entries = new ArrayList<>();
      int start = 0;
      while (start <= input.length()) {
        int end = entryEnd(start);
        add(entries, input.substring(start, end));
        start = end + 1;
      }
      return entries;
    }

    /** Where the entry starting at {@code start} ends: at a separator outside quotes and brackets, or at the end. */
    private int entryEnd(int start) {
      boolean inQuotes = false;
      int angleDepth = 0;
      int opener = -1;
      for (int i = start; i < input.length(); i++) {
        steps++;
        char c = input.charAt(i);
        if (inQuotes) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            inQuotes = false;
          }
          continue;
        }
        if (c == '"' && angleDepth == 0) {
          if (i > openQuoteToEnd) {
            return leftOpen(i);
          }
          inQuotes = true;
          opener = i;
        } else if (c == '<') {
          if (angleDepth++ == 0) {
            opener = i;
            if (!closes(i)) {
              return leftOpen(i);
            }
          }
        } else if (c == '>' && angleDepth > 0) {
          angleDepth--;
        } else if (angleDepth == 0 && isSeparator(c)) {
          return i;
        }
      }
      if (!inQuotes && angleDepth == 0) {
        return input.length();
      }
      if (inQuotes) {
        openQuoteToEnd = Math.min(openQuoteToEnd, opener);
      }
      return leftOpen(opener);
    }

    /** Whether the angle bracket opened at {@code at}, outside quotes and brackets, is closed before the end. */
    private boolean closes(int at) {
      Brackets counted = brackets();
      // Inside brackets only brackets count, so the depth at i is balance[i] - balance[at] + 1.
      return counted.lowestFrom[at + 1] < counted.balance[at];
    }

    private Brackets brackets() {
      Brackets counted = brackets;
      if (counted == null) {
        counted = Brackets.of(input);
        steps += 2L * input.length();
        brackets = counted;
      }
      return counted;
    }

    /**
     * Where an entry whose quote or bracket opened at {@code opener} is never closed ends: at the first separator
     * after the opener, or after the first '>' that follows it (so "Lee, Ann <ann@x.org>" stays one entry), and
     * the rest of the list is read as usual.
     */
    private int leftOpen(int opener) {
      int close = brackets().nextClose[opener + 1];
      int from = close >= 0 ? close : opener;
      for (int i = from + 1; i < input.length(); i++) {
        steps++;
        if (isSeparator(input.charAt(i))) {
          return i;
        }
      }
      return input.length();
    }
  }

  /** An input's angle brackets, counted in three passes over it. */
  private static final class Brackets {
    /** '<' less '>' in {@code input[0..i]}. */
    final int[] balance;
    /** The lowest of {@code balance[i..]} ({@code i} up to the length, where it is the largest int). */
    final int[] lowestFrom;
    /** The first '>' at or after {@code i}, or -1 ({@code i} up to the length). */
    final int[] nextClose;

    private Brackets(int[] balance, int[] lowestFrom, int[] nextClose) {
      this.balance = balance;
      this.lowestFrom = lowestFrom;
      this.nextClose = nextClose;
    }

    static Brackets of(String input) {
      int length = input.length();
      int[] balance = new int[length];
      int[] lowest = new int[length + 1];
      int[] close = new int[length + 1];
      int count = 0;
      for (int i = 0; i < length; i++) {
        char c = input.charAt(i);
        count += c == '<' ? 1 : c == '>' ? -1 : 0;
        balance[i] = count;
      }
      lowest[length] = Integer.MAX_VALUE;
      close[length] = -1;
      for (int i = length - 1; i >= 0; i--) {
        lowest[i] = Math.min(balance[i], lowest[i + 1]);
        close[i] = input.charAt(i) == '>' ? i : close[i + 1];
      }
      return new Brackets(balance, lowest, close);
    }
  }

  /** Adds the entries of one piece of the list, {@code raw}, as split; package-private for tests. */
  static void add(List<AddressEntry> entries, String raw) {
    String entry = raw.strip();
    if (entry.isEmpty()) {
      return;
    }
    // "Spaces tolerated" (I1): bare addresses separated only by spaces are separate entries.
    if (entry.length() <= MAX_ENTRY && entry.indexOf('"') < 0 && entry.indexOf('<') < 0 && entry.indexOf('>') < 0) {
      String[] words = hasWhitespace(entry) ? WHITESPACE.split(entry) : new String[] {entry};
      if (words.length > 1 && Arrays.stream(words).allMatch(w -> w.indexOf('@') > 0)) {
        for (String word : words) {
          entries.add(readEntry(word));
        }
        return;
      }
    }
    entries.add(readEntry(entry));
  }

  /** Reads one entry; package-private for tests. */
  static AddressEntry readEntry(String entry) {
    if (entry.length() > MAX_ENTRY) {
      return new AddressEntry.Unusable(entry, AddressProblem.TOO_LONG);
    }
    // Checked first: an unclosed quote hides any angle brackets after it, which would otherwise be
    // reported as unbalanced brackets instead of the quote that causes it.
    if (hasUnclosedQuote(entry)) {
      return new AddressEntry.Unusable(entry, AddressProblem.UNBALANCED_QUOTE);
    }
    int open = indexOutsideQuotes(entry, '<');
    String name = null;
    String address;
    if (open >= 0) {
      int close = entry.indexOf('>', open);
      if (close < 0) {
        return new AddressEntry.Unusable(entry, AddressProblem.UNBALANCED_ANGLE_BRACKET);
      }
      if (!entry.substring(close + 1).isBlank()) {
        return new AddressEntry.Unusable(entry, AddressProblem.TRAILING_TEXT);
      }
      address = entry.substring(open + 1, close);
      if (address.indexOf('<') >= 0) {
        return new AddressEntry.Unusable(entry, AddressProblem.UNBALANCED_ANGLE_BRACKET);
      }
      String rawName = entry.substring(0, open).strip();
      if (rawName.startsWith("\"")) {
        if (closingQuote(rawName) != rawName.length() - 1) {
          return new AddressEntry.Unusable(entry, AddressProblem.UNBALANCED_QUOTE);
        }
        rawName = unquote(rawName.substring(1, rawName.length() - 1));
      } else if (rawName.indexOf('"') >= 0) {
        return new AddressEntry.Unusable(entry, AddressProblem.UNBALANCED_QUOTE);
      }
      name = rawName.isBlank() ? null : rawName.strip();
    } else {
      if (entry.indexOf('>') >= 0) {
        return new AddressEntry.Unusable(entry, AddressProblem.UNBALANCED_ANGLE_BRACKET);
      }
      if (entry.indexOf('"') >= 0) {
        return new AddressEntry.Unusable(entry, AddressProblem.INVALID_LOCAL_PART);
      }
      address = entry;
    }
    AddressCheck check = AddressSyntax.check(address);
    if (check instanceof AddressCheck.Valid valid) {
      return new AddressEntry.Mailbox(entry, name, valid.address());
    }
    return new AddressEntry.Unusable(entry, ((AddressCheck.Invalid) check).problem());
  }

  private static int indexOutsideQuotes(String s, char wanted) {
    boolean inQuotes = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inQuotes && c == '\\') {
        i++;
      } else if (c == '"') {
        inQuotes = !inQuotes;
      } else if (!inQuotes && c == wanted) {
        return i;
      }
    }
    return -1;
  }

  /** The index of the quote closing the one at index 0, or -1. */
  private static int closingQuote(String s) {
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  private static boolean hasUnclosedQuote(String s) {
    boolean inQuotes = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inQuotes && c == '\\') {
        i++;
      } else if (c == '"') {
        inQuotes = !inQuotes;
      }
    }
    return inQuotes;
  }

  private static String unquote(String quoted) {
    StringBuilder out = new StringBuilder(quoted.length());
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length()) {
        c = quoted.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }

  /** Formats mailboxes so that {@link #split} reads them back to the same names and addresses. */
  public static String format(List<AddressEntry> entries) {
    StringBuilder out = new StringBuilder();
    for (AddressEntry entry : entries) {
      if (!(entry instanceof AddressEntry.Mailbox mailbox)) {
        continue;
      }
      if (out.length() > 0) {
        out.append("; ");
      }
      if (mailbox.displayName() != null) {
        out.append('"').append(quote(mailbox.displayName())).append("\" <").append(mailbox.address()).append('>');
      } else {
        out.append(mailbox.address());
      }
    }
    return out.toString();
  }

  private static String quote(String name) {
    StringBuilder out = new StringBuilder(name.length() + 2);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      // Line breaks stay: inside quotes they do not split when read back, and replacing them would
      // change the name (the round trip format() promises). Names are made one-line where they are used.
      out.append(c);
    }
    return out.toString();
  }
}
