package dev.invitekit.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPEC §4: transient and permanent SMTP failures are told apart; the builder checks its settings. */
@DisplayName("SMTP failures: transient or permanent (SPEC §4)")
class SmtpFailureClassificationTest {

  private static MailMessage message() {
    return new MailMessage(MailMessage.Kind.WELCOME, EmailAddress.parse("bob@acme.com"), null, "Welcome", "text",
        "<p>html</p>", null, Map.of(), "m-1@app.example.com");
  }

  @Test
  @DisplayName("SPEC §4: the reply code is found inside SendFailedException's chain, for address and send failures")
  void replyCodes() throws Exception {
    InternetAddress nobody = new InternetAddress("nobody@acme.com");
    SMTPAddressFailedException refused = new SMTPAddressFailedException(nobody, "RCPT TO", 550, "550 no such user");
    assertThat(SmtpMailSender.replyCode(new SendFailedException("Invalid Addresses", refused))).isEqualTo(550);
    SMTPSendFailedException busy = new SMTPSendFailedException("DATA", 452, "452 insufficient storage", null,
        new Address[0], new Address[] {nobody}, new Address[0]);
    assertThat(SmtpMailSender.replyCode(busy)).isEqualTo(452);
    assertThat(SmtpMailSender.replyCode(new jakarta.mail.MessagingException("no code"))).isZero();
  }

  @Test
  @DisplayName("SPEC §4: a server that accepts the connection but never answers is a transient timeout")
  void silentServerTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        SmtpMailSender sender = SmtpMailSender.builder().host("127.0.0.1").port(silent.getLocalPort())
            .security(SmtpMailSender.Security.STARTTLS_OPTIONAL)
            .timeouts(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(500))
            .from("invites@app.example.com").build()) {
      DeliveryResult result = sender.send(message());
      assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, f -> {
        assertThat(f.permanent()).isFalse();
        assertThat(f.detail()).startsWith("timeout");
      });
    }
  }

  @Test
  @DisplayName("SPEC §4: nothing listening is a transient 'connection refused'")
  void refusedConnection() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    try (SmtpMailSender sender = SmtpMailSender.builder().host("127.0.0.1").port(port)
        .security(SmtpMailSender.Security.STARTTLS_OPTIONAL).from("invites@app.example.com").build()) {
      assertThat(sender.send(message())).isInstanceOfSatisfying(DeliveryResult.Failed.class, f -> {
        assertThat(f.permanent()).isFalse();
        assertThat(f.detail()).startsWith("connection refused");
      });
    }
  }

  @Test
  @DisplayName("the builder names each bad setting, and requires host and from")
  void builderChecks() {
    assertThatThrownBy(() -> SmtpMailSender.builder().port(0)).hasMessageContaining("port");
    assertThatThrownBy(() -> SmtpMailSender.builder().host("bad host")).hasMessageContaining("host");
    assertThatThrownBy(() -> SmtpMailSender.builder().timeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessageContaining("connect timeout");
    assertThatThrownBy(() -> SmtpMailSender.builder().from("x@acme.com").build()).hasMessageContaining("host");
    assertThatThrownBy(() -> SmtpMailSender.builder().host("smtp.acme.com").build()).hasMessageContaining("from");
    assertThatThrownBy(() -> SmtpMailSender.builder().host("smtp.acme.com").from("not an address").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("SPEC §4: with STARTTLS required (the default), a server that does not offer it gets nothing in clear")
  void startTlsRequired() throws Exception {
    try (FakeSmtpServer server = new FakeSmtpServer(rcpt -> "250 OK");
        SmtpMailSender sender = SmtpMailSender.builder().host("127.0.0.1").port(server.port())
            .from("invites@app.example.com").build()) {
      DeliveryResult result = sender.send(message());
      assertThat(result).isInstanceOfSatisfying(DeliveryResult.Failed.class, f -> {
        assertThat(f.permanent()).as("a configuration problem an operator fixes; the outbox keeps the mail").isFalse();
        assertThat(f.detail()).containsIgnoringCase("STARTTLS");
      });
      assertThat(server.accepted).isEmpty();
    }
  }
}
