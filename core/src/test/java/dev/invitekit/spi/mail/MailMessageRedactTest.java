package dev.invitekit.spi.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.invitekit.email.EmailAddress;
import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SPEC §5: {@link MailMessage#redact} takes the link and any part of its token out of a provider's text, however
 * the reply quotes it, and leaves the rest of the text alone (review 20).
 */
@DisplayName("MailMessage.redact: no part of the token in a provider's text (SPEC §5)")
class MailMessageRedactTest {
  private static final String TOKEN = token(new Random(7));

  private static String token(Random random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** {@code text} with each character written as {@code encoding} gives it its code. */
  private static String eachChar(String text, java.util.function.IntFunction<String> encoding) {
    StringBuilder out = new StringBuilder();
    text.chars().forEach(c -> out.append(encoding.apply(c)));
    return out.toString();
  }

  private static MailMessage message(String link) {
    return new MailMessage(MailMessage.Kind.INVITATION, EmailAddress.parse("bob@acme.com"), null, "Join Acme",
        "Create your account: " + link, "<a href=\"" + link + "\">Create account</a>", URI.create(link), Map.of(),
        "m-1@app.example.com");
  }

  @Test
  @DisplayName("SPEC §5: the link as sent becomes [link]; the rest of the reply stays")
  void wholeLink() {
    String link = "https://app.example.com/invitations/" + TOKEN;
    assertThat(message(link).redact("421 refused: " + link + " looks like spam"))
        .isEqualTo("421 refused: [link] looks like spam");
  }

  @Test
  @DisplayName("SPEC §5: with text against {token} in the app's path or query, the token quoted alone is taken out")
  void tokenGluedToPathText() {
    assertThat(message("https://app.example.com/i/" + TOKEN + ".html").redact("554 5.7.1 one-time code " + TOKEN))
        .isEqualTo("554 5.7.1 one-time code [redacted]");
    assertThat(message("https://app.example.com/accept?code=ik-" + TOKEN).redact("554 rejected: token " + TOKEN + "."))
        .isEqualTo("554 rejected: token [redacted].");
  }

  @Test
  @DisplayName("SPEC §5: a token cut short, split over reply lines or lower-cased is taken out")
  void changedToken() {
    MailMessage message = message("https://app.example.com/invitations/" + TOKEN);
    assertThat(message.redact("554 links to https://app.example.com/invitations/" + TOKEN.substring(0, 30) + "…"))
        .isEqualTo("554 links to https://app.example.com/invitations/[redacted]…");
    assertThat(message.redact("550-5.7.1 " + TOKEN.substring(0, 20) + " 550 5.7.1 " + TOKEN.substring(20)))
        .isEqualTo("550-5.7.1 [redacted] 550 5.7.1 [redacted]");
    assertThat(message.redact("550 URL blocked: " + TOKEN.toLowerCase(Locale.ROOT)))
        .isEqualTo("550 URL blocked: [redacted]");
  }

  @Test
  @DisplayName("SPEC §5: a token percent-encoded or written as HTML character references is taken out, as written "
      + "(review 21)")
  void encodedToken() {
    MailMessage message = message("https://app.example.com/invitations/" + TOKEN);
    String percent = eachChar(TOKEN, c -> String.format(Locale.ROOT, "%%%02X", c));
    String decimal = eachChar(TOKEN, c -> "&#" + c + ";");
    String hex = eachChar(TOKEN.substring(0, 20), c -> "&#x" + Integer.toHexString(c) + ";");
    assertThat(message.redact("554 blocked: /invitations/" + percent + " (listed)"))
        .isEqualTo("554 blocked: /invitations/[redacted] (listed)");
    assertThat(message.redact("554 <a href=\"" + decimal + "\">")).isEqualTo("554 <a href=\"[redacted]\">");
    assertThat(message.redact("554 " + hex + " cut"))
        .isEqualTo("554 [redacted] cut");
    assertThat(message.redact("100% sure &#38; 50%-off")).isEqualTo("100% sure &#38; 50%-off");
    String zeros = eachChar(TOKEN, c -> "&#x0000000" + Integer.toHexString(c) + ";");
    String open = eachChar(TOKEN, c -> "&#" + c);
    assertThat(message.redact("554 " + zeros + " (leading zeros)")).as("review 22")
        .isEqualTo("554 [redacted] (leading zeros)");
    assertThat(message.redact("554 " + open + " (no semicolons)")).as("review 22")
        .isEqualTo("554 [redacted] (no semicolons)");
    assertThat(message.redact("&#" + "0".repeat(100_000) + "65; &#99999999999999; %4")).as("odd references")
        .isEqualTo("&#" + "0".repeat(100_000) + "65; &#99999999999999; %4");
    String longZeros = eachChar(TOKEN, c -> "&#" + "0".repeat(40_000) + c + ";");
    assertThat(message.redact("554 " + longZeros + " end")).as("review 23").isEqualTo("554 [redacted] end");
    String underscores = "a_b_c_d_e_f_g_h_".replace("_", "&lowbar;");
    MailMessage underscored = message("https://app.example.com/invitations/" + TOKEN.substring(0, 27)
        + "a_b_c_d_e_f_g_h_");
    assertThat(underscored.redact("554 " + underscores + " end")).as("a named reference (review 23)")
        .isEqualTo("554 [redacted] end");
  }

  @Test
  @DisplayName("SPEC §5: a body line quoted in its transfer encoding (Base64, standard or URL-safe, at any alignment, "
      + "of non-ASCII text too) loses the run that holds the token (review 21)")
  void base64OfTheBody() {
    String link = "https://app.example.com/invitations/" + TOKEN;
    MailMessage message = message(link);
    byte[] body = ("アカウントを作成してください: " + link + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String line = Base64.getEncoder().encodeToString(body);
    for (int cut = 0; cut < 4; cut++) {
      assertThat(message.redact("554 5.7.1 URL blocklisted in body: " + line.substring(cut) + " end"))
          .isEqualTo("554 5.7.1 URL blocklisted in body: [redacted] end");
    }
    assertThat(message.redact("554 " + Base64.getUrlEncoder().encodeToString(body))).isEqualTo("554 [redacted]");
    // review 22: the two alphabets joined in one run
    String unpadded = line.replace("=", "");
    assertThat(message.redact("554 quoted part: " + unpadded + "--=_Part_17_42 end"))
        .isEqualTo("554 quoted part: [redacted]_Part_17_42 end");
    assertThat(message.redact("554 see https://quarantine.example.net/view/" + Base64.getUrlEncoder()
        .withoutPadding().encodeToString(body) + " for details"))
        .isEqualTo("554 see https://quarantine.example.[redacted] for details");
    String unrelated = Base64.getEncoder().encodeToString("Hello, this is an ordinary body".getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    assertThat(message.redact("554 " + unrelated)).isEqualTo("554 " + unrelated);
  }

  @Test
  @DisplayName("SPEC §5: every slice of a Base64 body line is removed exactly when the bytes it wholly holds include "
      + "8 or more characters of the token, wherever the slice begins in a 4-character group, and after an '=' "
      + "(reviews 23, 24)")
  void everyBase64Slice() {
    for (long seed = 1; seed <= 5; seed++) {
      String token = token(new Random(seed));
      String text = "Create your account: https://app.example.com/invitations/" + token + "\r\n";
      int tokenAt = text.indexOf(token);
      MailMessage message = message("https://app.example.com/invitations/" + token);
      String line = Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      for (int start = 0; start < line.length(); start++) {
        for (int length = 8; length <= 30 && start + length <= line.length(); length++) {
          String slice = line.substring(start, start + length);
          // the bytes the slice's characters (6 bits each) reveal: those whose 8 bits all lie in it, and the one
          // it begins inside when the bits before it are zero, as they are in the high bits of ASCII below '@'
          int first = start * 6 / 8;
          int missing = start * 6 % 8;
          if (missing > 0 && text.charAt(first) >> (8 - missing) != 0) {
            first++;
          }
          int last = ((start + length) * 6) / 8; // exclusive
          int overlap = Math.min(last, tokenAt + token.length()) - Math.max(first, tokenAt);
          assertThat(message.redact("554 (" + slice + ") no")).as("slice %d+%d", start, length)
              .isEqualTo(overlap >= 8 ? "554 ([redacted]) no" : "554 (" + slice + ") no");
          assertThat(message.redact("554 k=" + slice + " no")).as("slice %d+%d after a padding", start, length)
              .isEqualTo(overlap >= 8 ? "554 k=[redacted] no" : "554 k=" + slice + " no");
        }
      }
    }
  }

  @Test
  @DisplayName("SPEC §5: words of the app's paths in unrelated text, and a link without a token, are left alone")
  void noOverRedaction() {
    String reply = "550 5.1.1 <bob@acme.com>: mailbox unavailable; see https://mx.example.net/help/customer-invitations";
    assertThat(message("https://app.example.com/customer-invitations/" + TOKEN).redact(reply)).isEqualTo(reply);
    assertThat(message("https://app.example.com/customer-invitations/sign-in").redact(reply))
        .isEqualTo(reply);
    String quota = "550 5.7.1 Message rejected: customer mailbox over quota; see invitations policy";
    assertThat(message("https://app.example.com/customer-onboarding-invitations-v2/" + TOKEN).redact(quota))
        .as("a 34-character path word is no token (review 21)").isEqualTo(quota);
    MailMessage noLink = new MailMessage(MailMessage.Kind.INVITER_NOTICE, EmailAddress.parse("bob@acme.com"), null,
        "s", "t", "h", null, Map.of(), "m-2@app.example.com");
    assertThat(noLink.redact(reply)).isEqualTo(reply);
  }

  @Test
  @DisplayName("SPEC §5 (property): any 8 or more characters of the token, cut and re-cased anywhere in a reply, "
      + "as they are, percent-encoded, as HTML references or in Base64, leave nothing of it (reviews 20, 21)")
  void anyPieceOfTheTokenIsGone() {
    qt().forAll(longs().all(), integers().between(0, 35), integers().between(8, 43), integers().between(0, 11))
        .checkAssert((seed, from, length, form) -> {
          String token = token(new Random(seed));
          String piece = token.substring(from, Math.min(43, from + length));
          String cased = form % 3 == 0 ? piece : form % 3 == 1 ? piece.toLowerCase(Locale.ROOT)
              : piece.toUpperCase(Locale.ROOT);
          String quoted = switch (form / 3) {
            case 0 -> cased;
            case 1 -> eachChar(cased, c -> String.format(Locale.ROOT, "%%%02x", c));
            case 2 -> eachChar(cased, c -> "&#" + c + ";");
            default -> Base64.getEncoder().encodeToString(cased.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          };
          assertThat(message("https://app.example.com/join/" + token).redact("554 5.7.1 (" + quoted + ") no"))
              .isEqualTo("554 5.7.1 ([redacted]) no");
        });
  }
}
