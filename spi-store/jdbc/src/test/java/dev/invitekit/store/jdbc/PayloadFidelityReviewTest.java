package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.store.tck.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §5 / docs/mail.md "The outbox": a mail that fails once is retried from its sealed payload; the retry
 * must be byte for byte the message first composed (same subject, text, HTML, headers, link).
 */
class PayloadFidelityReviewTest {

  static Stream<Arguments> texts() {
    return Stream.of(
        Arguments.of("plain", "Join {accountName}", "Hi,\njoin: {link}\n", "<p>{link}</p>"),
        Arguments.of("non-BMP", "Join \uD83D\uDE00 \uD801\uDC37", "\uD83D\uDE00 {link} \uD834\uDD1E", "<p>\uD83D\uDE00</p>"),
        Arguments.of("empty text", "S", "", ""),
        Arguments.of("very long", "Long", "x\u00e9\u4e2d".repeat(200_000) + "{link}", "<p>" + "y".repeat(300_000) + "</p>"),
        Arguments.of("NUL and controls", "A\u0000B", "a\u0000b\u0001\u007f\u2028\r\n{link}", "<p>\u0000</p>"),
        Arguments.of("lone high surrogate in text", "Join", "broken \uD800 end {link}", "<p>ok</p>"),
        Arguments.of("lone low surrogate in html", "Join", "{link}", "<p>broken \uDC00 end</p>"),
        Arguments.of("lone surrogate in subject", "Join \uDBFF now", "{link}", "<p>ok</p>"),
        Arguments.of("reversed pair", "Join", "\uDE00\uD83D {link}", "<p>ok</p>"));
  }

  private final ReviewStores dbs = new ReviewStores();

  @org.junit.jupiter.api.AfterEach
  void drop() {
    dbs.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("texts")
  void retryFromPayloadIsTheComposedMessage(String name, String subject, String text, String html) {
    RecordingMailbox mailbox = new RecordingMailbox();
    MutableClock clock = new MutableClock(PayloadReviewKit.NOW);
    PayloadReviewKit node = new PayloadReviewKit(dbs.h2(), mailbox, clock, (key, locale) -> switch (key) {
      case "invitation.subject" -> subject;
      case "invitation.text" -> text;
      case "invitation.html" -> html;
      default -> null;
    }, null);
    FounderConfirmation.Confirmed acme = node.createAcme(10);
    mailbox.failNext(1, DeliveryResult.Failed.transientFailure("421 try later"));
    node.kit.invitations().invite(InviteRequest.members(acme.founder().id(), acme.account().id(), "dora@acme.com"));
    List<MailMessage> failed = mailbox.failedAttempts();
    assertThat(failed).hasSize(1);
    MailMessage first = failed.get(0);

    clock.advance(Duration.ofHours(1));
    node.kit.mail().dispatchDue();
    List<MailMessage> delivered = mailbox.to("dora@acme.com");
    assertThat(delivered).as("the retry was delivered").hasSize(1);
    MailMessage retry = delivered.get(0);
    assertThat(esc(retry.subject())).as("subject").isEqualTo(esc(first.subject()));
    assertThat(esc(retry.text())).as("text").isEqualTo(esc(first.text()));
    assertThat(esc(retry.html())).as("html").isEqualTo(esc(first.html()));
    assertThat(retry).as("whole message").isEqualTo(first);
    if (!text.isEmpty()) {
      assertThat(first.text()).as("the template's text as written").startsWith(text.substring(0, Math.min(8,
          text.indexOf('{') < 0 ? text.length() : text.indexOf('{'))));
    }
  }

  /** Shows every char outside printable ASCII as a \\uXXXX escape, and cuts long texts. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 400; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      } else {
        b.append(String.format("\\u%04X", (int) c));
      }
    }
    return b.append("...(").append(s.length()).append(" chars)").toString();
  }
}
