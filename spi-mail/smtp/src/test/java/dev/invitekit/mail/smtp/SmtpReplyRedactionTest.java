package dev.invitekit.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SPEC §5: a content filter that refuses an invitation and quotes its link puts neither the link nor its token in
 * the provider's log (at any level) or in the failure detail it returns, however the reply is folded or cut
 * (review 20).
 */
@DisplayName("SMTP replies quoting the link: no token in the log or the detail (SPEC §5)")
class SmtpReplyRedactionTest {
  private static final String TOKEN = "Xq3vK9pLm2Rt7Yw1Zb5Nc8Df4Gh6Jk0Ls2Qa9We3Tyu";
  private static final URI LINK = URI.create("https://app.example.com/invitations/" + TOKEN);

  @Test
  @DisplayName("SPEC §5: the whole link quoted in a one-line refusal is taken out of the DEBUG line and the detail")
  void quotedLink() throws Exception {
    assertNoToken("554 5.7.1 Message refused by content filter: URL " + LINK + " is blocked");
  }

  @Test
  @DisplayName("SPEC §5: a refusal folded over two reply lines through the token leaves neither half")
  void foldedReply() throws Exception {
    String link = LINK.toString();
    int cut = link.length() - 20;
    assertNoToken("554-5.7.1 refused, it links to " + link.substring(0, cut) + "\r\n554 5.7.1 " + link.substring(cut));
  }

  @Test
  @DisplayName("SPEC §5: a reply long enough to be cut inside the token leaves no part of it")
  void cutReply() throws Exception {
    for (int pad = 90; pad < 135; pad += 8) { // the reply's 200th character falls inside the token
      assertNoToken("554 5.7.1 " + "-".repeat(pad) + " the message links to " + LINK.toString().toLowerCase());
    }
  }

  @Test
  @DisplayName("SPEC §5: a refusal quoting a body line in its Base64 transfer encoding (non-ASCII text) leaves no token "
      + "(review 21)")
  void base64BodyLine() throws Exception {
    byte[] line = ("アカウントを作成してください: " + LINK + "\r\n").getBytes(StandardCharsets.UTF_8);
    String encoded = java.util.Base64.getEncoder().encodeToString(line);
    assertThat(assertNoToken("554 5.7.1 URL blocklisted in body: " + encoded))
        .allSatisfy(text -> assertThat(text).contains("body: [redacted]").doesNotContain(encoded.substring(0, 24)));
  }

  /** Sends through a server refusing with {@code dataReply}; checks both for the token; returns detail and log. */
  private static java.util.List<String> assertNoToken(String dataReply) throws Exception {
    try (FakeSmtpServer server = new FakeSmtpServer(rcpt -> "250 OK")) {
      server.dataReply = dataReply;
      SmtpMailSender sender = SmtpMailSender.builder().host("127.0.0.1").port(server.port())
          .security(SmtpMailSender.Security.STARTTLS_OPTIONAL)
          .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5))
          .from("invites@app.example.com").build();
      MailMessage message = new MailMessage(MailMessage.Kind.INVITATION, EmailAddress.parse("bob@acme.com"), null,
          "Join Acme", "Create your account: " + LINK, "<a href=\"" + LINK + "\">Create account</a>", LINK, Map.of(),
          "m-1@app.example.com");
      PrintStream err = System.err;
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      DeliveryResult result;
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      try {
        result = sender.send(message);
      } finally {
        System.setErr(err);
        sender.close();
      }
      String logged = log.toString(StandardCharsets.UTF_8);
      assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, failed -> {
        assertThat(failed.permanent()).isTrue();
        assertThat(failed.detail()).startsWith("SMTP 554").contains("5.7.1");
        assertThat(failed.detail().toLowerCase()).doesNotContain(TOKEN.substring(0, 8).toLowerCase())
            .doesNotContain(TOKEN.substring(TOKEN.length() - 8).toLowerCase());
      });
      assertThat(logged).as("the provider's DEBUG line").contains("m-1@app.example.com");
      assertThat(logged.toLowerCase()).doesNotContain(TOKEN.substring(0, 8).toLowerCase())
          .doesNotContain(TOKEN.substring(TOKEN.length() - 8).toLowerCase());
      return java.util.List.of(((DeliveryResult.Failed) result).detail(), logged);
    }
  }
}
