package dev.invitekit.spi.mail;

import dev.invitekit.secret.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The rule of {@link MailMessage#redact}: a link's token taken out of a provider's text wherever 8 or more of its
 * characters show, as they are, re-cased, percent-encoded, as HTML character references, or in Base64 (SPEC §5).
 * Linear in the text's length: no regular expression, each run read a bounded number of times.
 */
final class TokenRedaction {
  /** The length of Invitekit's tokens: 256 bits as URL-safe Base64 without padding (I5). */
  private static final int TOKEN_LENGTH = 43;
  /** How many consecutive characters of a token make text a part of it (48 bits). */
  private static final int MATCHED = 8;
  /** The shortest Base64 run, without padding, that decodes to {@link #MATCHED} characters. */
  private static final int BASE64_RUN = 11;

  private TokenRedaction() {}

  static String redact(String text, URI link) {
    Set<String> parts = tokenParts(link);
    String out = text.replace(link.toString(), "[link]");
    return parts.isEmpty() ? out : base64Redacted(decodedRunsRedacted(out, parts), parts);
  }

  /**
   * Every {@link #MATCHED}-character piece, lower-cased, of each run of URL-safe Base64 characters of at least a
   * token's length in the link's path, query or fragment: the token, wherever the app's paths put it, with any text
   * glued to it. Shorter words of the paths are not taken for a token.
   */
  private static Set<String> tokenParts(URI link) {
    Set<String> parts = new HashSet<>();
    for (String component : new String[] {link.getRawPath(), link.getRawQuery(), link.getRawFragment()}) {
      for (int start = 0, end; component != null && start < component.length(); start = end + 1) {
        end = runEnd(component, start);
        String run = component.substring(start, end).toLowerCase(Locale.ROOT);
        for (int i = 0; run.length() >= TOKEN_LENGTH && i + MATCHED <= run.length(); i++) {
          parts.add(run.substring(i, i + MATCHED));
        }
      }
    }
    return parts;
  }

  /**
   * {@code text} with each run of token characters that shares a part replaced, the runs read through
   * percent-encoding ({@code %41}) and HTML character references ({@code &#65;}, {@code &#x41;}): a reference
   * counts as the character it stands for, and the whole of its run, as written, is replaced.
   */
  private static String decodedRunsRedacted(String text, Set<String> parts) {
    int n = text.length();
    StringBuilder decoded = new StringBuilder(n);
    int[] from = new int[n + 1]; // where each decoded character starts in the text
    for (int i = 0; i < n; ) {
      from[decoded.length()] = i;
      int reference = reference(text, i);
      if (reference >= 0) {
        decoded.append((char) (reference & 0xFFFF));
        i += reference >>> 16;
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
      if (end - start >= MATCHED && sharesPart(decoded.substring(start, end), parts)) {
        out.append(text, copied, from[start]).append(Secret.REDACTED);
        copied = from[end];
      }
    }
    return out.append(text, copied, n).toString();
  }

  /**
   * The percent-encoding or HTML numeric character reference at {@code i}, as its length in the high 16 bits and the
   * character it stands for in the low 16; -1 if there is none. A reference is read as HTML reads it: any number of
   * leading zeros, and the closing {@code ;} optional.
   */
  private static int reference(String text, int i) {
    if (text.charAt(i) == '%' && i + 2 < text.length()) {
      int high = Character.digit(text.charAt(i + 1), 16);
      int low = Character.digit(text.charAt(i + 2), 16);
      return high < 0 || low < 0 ? -1 : 3 << 16 | high << 4 | low;
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
    return digits == 0 || value > 0xFFFF || j - i > 0x7FFF ? -1 : (j - i) << 16 | value;
  }

  /** {@code text} with each Base64 run (standard or URL-safe) that decodes to text sharing a part replaced. */
  private static String base64Redacted(String text, Set<String> parts) {
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (int start = 0, end; start < text.length(); start = end + 1) {
      end = base64End(text, start);
      if (end - start >= BASE64_RUN && decodesToPart(text.substring(start, end), parts)) {
        out.append(text, copied, start).append(Secret.REDACTED);
        copied = end;
      }
    }
    return out.append(text, copied, text.length()).toString();
  }

  /**
   * Whether {@code run}, decoded from Base64 at any of the 4 alignments a quote of part of it may have, shares a part.
   * Both alphabets are read as one ({@code -} as {@code +}, {@code _} as {@code /}), so that a run that joins the
   * two, such as URL-safe Base64 after a URL's path or standard Base64 against a MIME boundary, is read too.
   */
  private static boolean decodesToPart(String run, Set<String> parts) {
    String data = run.replace("=", "").replace('-', '+').replace('_', '/');
    for (int offset = 0; offset < 4 && data.length() - offset >= BASE64_RUN; offset++) {
      // Without padding the decoder takes any length but one more than a multiple of 4: its last character is cut.
      int end = (data.length() - offset) % 4 == 1 ? data.length() - 1 : data.length();
      byte[] bytes = Base64.getDecoder().decode(data.substring(offset, end));
      if (sharesPart(new String(bytes, StandardCharsets.ISO_8859_1), parts)) {
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

  /** Whether {@code text} holds one of the token's parts, in any case. */
  private static boolean sharesPart(String text, Set<String> parts) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i + MATCHED <= lower.length(); i++) {
      if (parts.contains(lower.substring(i, i + MATCHED))) {
        return true;
      }
    }
    return false;
  }
}
