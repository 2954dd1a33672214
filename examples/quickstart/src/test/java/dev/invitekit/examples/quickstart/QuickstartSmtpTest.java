package dev.invitekit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.invitekit.mail.smtp.SmtpMailSender;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The quickstart can send its mail through SMTP: --smtp host:port or INVITEKIT_SMTP_HOST/_PORT. */
@DisplayName("The quickstart over SMTP")
class QuickstartSmtpTest {

  @Test
  @DisplayName("no --smtp and no INVITEKIT_SMTP_HOST: no relay, the default is unchanged")
  void noRelayByDefault() {
    assertThat(Quickstart.smtpRelay(new String[0], Map.of())).isNull();
  }

  @Test
  @DisplayName("--smtp host:port and the environment variables each give an SMTP relay to that server")
  void relayFromArgsOrEnvironment() {
    try (SmtpMailSender fromArgs = Quickstart.smtpRelay(new String[] {"--smtp", "localhost:1025"}, Map.of());
        SmtpMailSender fromEnv = Quickstart.smtpRelay(new String[0],
            Map.of("INVITEKIT_SMTP_HOST", "mail.test", "INVITEKIT_SMTP_PORT", "2525"))) {
      assertThat(fromArgs).isNotNull();
      assertThat(fromArgs.toString()).contains("localhost:1025");
      assertThat(fromEnv).isNotNull();
      assertThat(fromEnv.toString()).contains("mail.test:2525");
    }
    assertThatThrownBy(() -> Quickstart.smtpRelay(new String[] {"--smtp=localhost:mail"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port");
  }

  @Test
  @DisplayName("with a relay, every message the walkthrough records also goes through the relay, and the walkthrough runs")
  void relayGetsEveryMessage() {
    List<MailMessage> relayed = new CopyOnWriteArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Quickstart quickstart;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      quickstart = new Quickstart(out, message -> {
        relayed.add(message);
        return new DeliveryResult.Delivered(message.messageId());
      });
      quickstart.run();
    }
    assertThat(relayed).isNotEmpty().extracting(MailMessage::messageId)
        .containsExactlyElementsOf(quickstart.mailbox().all().stream().map(MailMessage::messageId).toList());
  }

  @RegisterExtension
  final GreenMailExtension greenMail = new GreenMailExtension(
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  @Test
  @DisplayName("--smtp 127.0.0.1:<port> delivers every message of the walkthrough to a real SMTP server (GreenMail)")
  void walkthroughOverRealSmtp() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Quickstart quickstart;
    try (SmtpMailSender smtp = Quickstart.smtpRelay(
            new String[] {"--smtp", "127.0.0.1:" + greenMail.getSmtp().getPort()}, Map.of());
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      quickstart = new Quickstart(out, smtp);
      quickstart.run();
    }
    List<String> sentIds = quickstart.mailbox().all().stream().map(m -> "<" + m.messageId() + ">").toList();
    List<String> receivedIds = new java.util.ArrayList<>();
    for (jakarta.mail.internet.MimeMessage m : greenMail.getReceivedMessages()) {
      receivedIds.add(m.getMessageID());
    }
    assertThat(sentIds).isNotEmpty();
    assertThat(receivedIds).containsExactlyInAnyOrderElementsOf(sentIds);
  }
}
