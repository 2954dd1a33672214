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
  @DisplayName("SPEC §5: words of the app's paths in unrelated text, and a link without a token, are left alone")
  void noOverRedaction() {
    String reply = "550 5.1.1 <bob@acme.com>: mailbox unavailable; see https://mx.example.net/help/customer-invitations";
    assertThat(message("https://app.example.com/customer-invitations/" + TOKEN).redact(reply)).isEqualTo(reply);
    assertThat(message("https://app.example.com/customer-invitations/sign-in").redact(reply))
        .isEqualTo(reply);
    MailMessage noLink = new MailMessage(MailMessage.Kind.INVITER_NOTICE, EmailAddress.parse("bob@acme.com"), null,
        "s", "t", "h", null, Map.of(), "m-2@app.example.com");
    assertThat(noLink.redact(reply)).isEqualTo(reply);
  }

  @Test
  @DisplayName("SPEC §5 (property): any 8 characters of the token, cut or case-changed anywhere in a reply, are gone")
  void anyWindowOfTheTokenIsGone() {
    qt().forAll(longs().all(), integers().between(0, 35), integers().between(8, 43), integers().between(0, 2))
        .checkAssert((seed, from, length, casing) -> {
          String token = token(new Random(seed));
          String piece = token.substring(from, Math.min(43, from + length));
          String quoted = casing == 0 ? piece : casing == 1 ? piece.toLowerCase(Locale.ROOT)
              : piece.toUpperCase(Locale.ROOT);
          String redacted = message("https://app.example.com/join/" + token).redact("554 5.7.1 (" + quoted + ") no");
          String lower = redacted.toLowerCase(Locale.ROOT);
          for (int i = 0; i + 8 <= token.length(); i++) {
            assertThat(lower).doesNotContain(token.substring(i, i + 8).toLowerCase(Locale.ROOT));
          }
          assertThat(redacted).startsWith("554 5.7.1 (").endsWith(") no");
        });
  }
}
