package dev.invitekit.link;

import dev.invitekit.email.EmailAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Builds {@code mailto:} URIs per RFC 6068: UTF-8, percent-encoded, CRLF line breaks in the body. */
final class MailtoUri {
  private MailtoUri() {}

  /** {@code mailto:a@x,b@y?subject=…&body=…}. */
  public static URI build(List<EmailAddress> recipients, String subject, String body) {
    String to = recipients.stream().map(a -> encode(a.toString(), true)).collect(Collectors.joining(","));
    String normalizedBody = body.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    return URI.create("mailto:" + to + "?subject=" + encode(subject, false) + "&body=" + encode(normalizedBody, false));
  }

  /**
   * Percent-encodes everything but RFC 3986 unreserved characters (and {@code @} in addresses), which is
   * always safe in a mailto URI: RFC 6068 §2 lets any character be percent-encoded.
   */
  static String encode(String value, boolean address) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || (address && c == '@')) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }
}
