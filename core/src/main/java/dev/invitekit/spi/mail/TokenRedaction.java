package dev.invitekit.spi.mail;

import dev.invitekit.secret.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The rule of {@link MailMessage#redact}: a link's token taken out of a provider's text wherever 8 or more of its
 * characters show, as they are, re-cased, percent-encoded, as HTML character references, or in Base64 (SPEC §5).
 * Linear in the text's length: no regular expression, each character read a bounded number of times, and the
 * pieces compared as numbers, not strings.
 */
final class TokenRedaction {
  /** The length of Invitekit's tokens: 256 bits as URL-safe Base64 without padding (I5). */
  private static final int TOKEN_LENGTH = 43;
  /** How many consecutive characters of a token make text a part of it (48 bits). */
  private static final int MATCHED = 8;
  /** The shortest Base64 run, without padding, that decodes to {@link #MATCHED} characters. */
  private static final int BASE64_RUN = 11;
  /** HTML's named references to a token character: only the underscore has any. */
  private static final String[] NAMED = {"&lowbar;", "&UnderBar;"};

  private TokenRedaction() {}

  static String redact(String text, URI link) {
    long[] parts = tokenParts(link);
    String out = text.replace(link.toString(), "[link]");
    return parts.length == 0 ? out : base64Redacted(decodedRunsRedacted(out, parts), parts);
  }

  /**
   * Every {@link #MATCHED}-character piece, lower-cased and packed by {@link #piece}, of each run of URL-safe Base64
   * characters of at least a token's length in the link's path, query or fragment: the token, wherever the app's
   * paths put it, with any text glued to it. Shorter words of the paths are not taken for a token. Sorted.
   */
  private static long[] tokenParts(URI link) {
    long[] parts = new long[0];
    for (String component : new String[] {link.getRawPath(), link.getRawQuery(), link.getRawFragment()}) {
      for (int start = 0, end; component != null && start < component.length(); start = end + 1) {
        end = runEnd(component, start);
        if (end - start >= TOKEN_LENGTH) {
          int found = parts.length;
          parts = Arrays.copyOf(parts, found + end - start - MATCHED + 1);
          for (int i = start; i + MATCHED <= end; i++) {
            parts[found++] = piece(component, i);
          }
        }
      }
    }
    Arrays.sort(parts);
    return parts;
  }

  /**
   * The {@link #MATCHED} characters from {@code i}, lower-cased, one byte each, as a number; -1 if one of them is
   * not ASCII, which no token character is.
   */
  private static long piece(CharSequence text, int i) {
    long packed = 0;
    for (int k = i; k < i + MATCHED; k++) {
      char c = text.charAt(k);
      if (c > 0x7F) {
        return -1;
      }
      packed = packed << 8 | (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    return packed;
  }

  /** Whether {@code text} from {@code start} to {@code end} holds one of the token's parts, in any case. */
  private static boolean sharesPart(CharSequence text, int start, int end, long[] parts) {
    for (int i = start; i + MATCHED <= end; i++) {
      long piece = piece(text, i);
      if (piece >= 0 && Arrays.binarySearch(parts, piece) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code text} with each run of token characters that shares a part replaced, the runs read through
   * percent-encoding ({@code %41}) and HTML character references ({@code &#65;}, {@code &#x41;},
   * {@code &lowbar;}): a reference counts as the character it stands for, and the whole of its run, as written, is
   * replaced.
   */
  private static String decodedRunsRedacted(String text, long[] parts) {
    int n = text.length();
    StringBuilder decoded = new StringBuilder(n);
    int[] from = new int[n + 1]; // where each decoded character starts in the text
    for (int i = 0; i < n; ) {
      from[decoded.length()] = i;
      long reference = reference(text, i);
      if (reference >= 0) {
        decoded.append((char) (reference & 0xFFFF));
        i += (int) (reference >>> 16);
      } else {
        decoded.append(text.charAt(i++));
      }
    }
    int length = decoded.length();
    from[length] = n;
    StringBuilder out = new StringBuilder(n);
    int copied = 0;
    for (int start = 0, end; start < length; start = end + 1) {
      end = runEnd(decoded, start);
      if (end - start >= MATCHED && sharesPart(decoded, start, end, parts)) {
        out.append(text, copied, from[start]).append(Secret.REDACTED);
        copied = from[end];
      }
    }
    return out.append(text, copied, n).toString();
  }

  /**
   * The percent-encoding or HTML character reference at {@code i}, as its length above the low 16 bits and the
   * character it stands for in the low 16; -1 if there is none. A numeric reference is read as HTML reads it: any
   * number of leading zeros, and the closing {@code ;} optional.
   */
  private static long reference(String text, int i) {
    if (text.charAt(i) == '%' && i + 2 < text.length()) {
      int high = Character.digit(text.charAt(i + 1), 16);
      int low = Character.digit(text.charAt(i + 2), 16);
      return high < 0 || low < 0 ? -1 : 3L << 16 | high << 4 | low;
    }
    for (String name : NAMED) {
      if (text.startsWith(name, i)) {
        return (long) name.length() << 16 | '_';
      }
    }
    if (!text.startsWith("&#", i)) {
      return -1;
    }
    boolean hex = i + 2 < text.length() && (text.charAt(i + 2) == 'x' || text.charAt(i + 2) == 'X');
    int radix = hex ? 16 : 10;
    int value = 0;
    int j = hex ? i + 3 : i + 2;
    int digits = 0;
    for (; j < text.length() && Character.digit(text.charAt(j), radix) >= 0; j++, digits++) {
      value = Math.min(value * radix + Character.digit(text.charAt(j), radix), 0x10000); // past a char: none
    }
    if (j < text.length() && text.charAt(j) == ';') {
      j++;
    }
    return digits == 0 || value > 0xFFFF ? -1 : (long) (j - i) << 16 | value;
  }

  /** {@code text} with each Base64 run (standard or URL-safe) that decodes to text sharing a part replaced. */
  private static String base64Redacted(String text, long[] parts) {
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    // A run ends at its padding, and the next may begin right after it ("k=<Base64>"): no character is skipped.
    for (int start = 0, end; start < text.length(); start = Math.max(end, start + 1)) {
      end = base64End(text, start);
      if (end - start >= BASE64_RUN && decodesToPart(text.substring(start, end), parts)) {
        out.append(text, copied, start).append(Secret.REDACTED);
        copied = end;
      }
    }
    return out.append(text, copied, text.length()).toString();
  }

  /**
   * Whether {@code run}, decoded from Base64, shares a part, wherever the quote began in a 4-character group: it is
   * decoded after 0 to 3 placeholder characters, so that every alignment is read with all its whole bytes. Both
   * alphabets are read as one ({@code -} as {@code +}, {@code _} as {@code /}), so that a run that joins the two,
   * such as URL-safe Base64 after a URL's path or standard Base64 against a MIME boundary, is read too.
   */
  private static boolean decodesToPart(String run, long[] parts) {
    String data = run.replace("=", "").replace('-', '+').replace('_', '/');
    for (String placeholder : new String[] {"", "A", "AA", "AAA"}) {
      String aligned = placeholder + data;
      // Without padding the decoder takes any length but one more than a multiple of 4: its last character is cut.
      byte[] bytes = Base64.getDecoder().decode(aligned.length() % 4 == 1
          ? aligned.substring(0, aligned.length() - 1) : aligned);
      String decoded = new String(bytes, StandardCharsets.ISO_8859_1);
      if (sharesPart(decoded, 0, decoded.length(), parts)) {
        return true;
      }
    }
    return false;
  }

  /** Where the run of URL-safe Base64 characters from {@code start} ends (exclusive); {@code start} if none. */
  private static int runEnd(CharSequence text, int start) {
    int end = start;
    while (end < text.length() && isTokenChar(text.charAt(end))) {
      end++;
    }
    return end;
  }

  /** Where the run of Base64 characters, either alphabet, and its padding from {@code start} ends (exclusive). */
  private static int base64End(String text, int start) {
    int end = start;
    while (end < text.length() && (isTokenChar(text.charAt(end)) || text.charAt(end) == '+'
        || text.charAt(end) == '/')) {
      end++;
    }
    while (end < text.length() && end > start && text.charAt(end) == '=') {
      end++;
    }
    return end;
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }
}
