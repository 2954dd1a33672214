package dev.invitekit.mail.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.mail.MailSender;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The mail contract (SPEC §4): what every {@link MailSender} does with a composed message. A provider's test
 * extends this class, supplies the sender under test and tells what arrived on the far side (a recording,
 * a console, an SMTP server in the test); the kit does the rest. Each test starts with nothing arrived.
 *
 * <!-- snippet: MySenderContractTest#mail-tck -->
 * <pre>{@code
 * class MySenderContractTest extends MailSenderContractKit {
 *   private final RecordingMailbox mailbox = new RecordingMailbox();   // yours: your sender and a test server
 *
 *   &#64;Override
 *   protected MailSender sender() {
 *     return mailbox;
 *   }
 *
 *   &#64;Override
 *   protected List<Arrived> arrived() {   // what the far side received, oldest first
 *     return mailbox.all().stream()
 *         .map(m -> new Arrived(m.messageId(), List.of(m.to().toString()), null, m.subject(), m.text()))
 *         .toList();
 *   }
 * }
 * }</pre>
 */
public abstract class MailSenderContractKit {

  /** For subclasses, one per provider under test. */
  protected MailSenderContractKit() {}

  /** The sender under test; the kit may call it from several threads at once. */
  protected abstract MailSender sender();

  /** Everything that arrived since the test started, oldest first. */
  protected abstract List<Arrived> arrived();

  /**
   * One message as it arrived.
   *
   * @param messageId its {@code Message-ID}, without angle brackets
   * @param recipients every address it was delivered to
   * @param displayName the recipient's display name as written in a header, or null where the provider
   *     writes no headers (a recording)
   * @param subject the subject, decoded
   * @param text the plain-text part, decoded (as the provider shows it)
   */
  public record Arrived(String messageId, List<String> recipients, @Nullable String displayName, String subject,
      String text) {
    /** Copies the recipients. */
    public Arrived {
      recipients = List.copyOf(recipients);
    }
  }

  /** A message like core composes it, with a fresh Message-ID. */
  protected static MailMessage message(MailMessage.Kind kind, String to, @Nullable String toName, String subject) {
    String id = UUID.randomUUID() + "@contract.invitekit.invalid";
    String link = "https://app.example.com/invitations/" + id.substring(0, 8);
    return new MailMessage(kind, EmailAddress.parse(to), toName, subject, "Hello,\n\nCreate account:\n" + link + "\n",
        "<p>Hello,</p><p><a href=\"" + link + "\">Create account</a></p>", URI.create(link), Map.of(), id);
  }

  private Arrived only(MailMessage sent) {
    List<Arrived> matching = arrived().stream().filter(a -> a.messageId().equals(sent.messageId())).toList();
    assertThat(matching).as("messages that arrived with Message-ID %s", sent.messageId()).hasSize(1);
    return matching.get(0);
  }

  @Nested
  @DisplayName("SPEC §4: delivering one message")
  class Delivering {

    @Test
    @DisplayName("SPEC §4: a message is Delivered, under its own Message-ID, to its recipient only, with subject and link")
    void delivers() {
      MailMessage sent = message(MailMessage.Kind.INVITATION, "bob@acme.com", "Bob Stone", "Ada invited you to join Acme");

      DeliveryResult result = sender().send(sent);

      assertThat(result).isEqualTo(new DeliveryResult.Delivered(sent.messageId()));
      Arrived arrived = only(sent);
      assertThat(arrived.recipients()).containsExactly("bob@acme.com");
      assertThat(arrived.subject()).isEqualTo("Ada invited you to join Acme");
      assertThat(arrived.text()).contains(Objects.requireNonNull(sent.actionUrl()).toString());
    }

    @ParameterizedTest
    @EnumSource(MailMessage.Kind.class)
    @DisplayName("SPEC §4: every kind of message is delivered")
    void everyKind(MailMessage.Kind kind) {
      MailMessage sent = message(kind, "carl@acme.com", null, kind + " from Acme");
      assertThat(sender().send(sent)).isInstanceOf(DeliveryResult.Delivered.class);
      assertThat(only(sent).recipients()).containsExactly("carl@acme.com");
    }

    @Test
    @DisplayName("SPEC §4, I6: UTF-8 subjects and names arrive intact")
    void utf8() {
      MailMessage sent = message(MailMessage.Kind.INVITATION, "dora@example.org", "Zoë Ångström-Müller",
          "Grüße von Zoë: 日本語 ✓ 🎉");

      assertThat(sender().send(sent)).isInstanceOf(DeliveryResult.Delivered.class);

      Arrived arrived = only(sent);
      assertThat(arrived.subject()).isEqualTo("Grüße von Zoë: 日本語 ✓ 🎉");
      if (arrived.displayName() != null) {
        assertThat(arrived.displayName()).isEqualTo("Zoë Ångström-Müller");
      }
    }
  }

  @Nested
  @DisplayName("SPEC §5: hostile input")
  class HostileInput {

    @Test
    @DisplayName("SPEC §5: a display name with CR/LF adds no header and no recipient")
    void nameInjection() {
      MailMessage sent = message(MailMessage.Kind.INVITATION, "eve@example.org", "Eve\r\nBcc: x@evil.example",
          "Hello Eve");

      DeliveryResult result = sender().send(sent);

      assertThat(result).isInstanceOf(DeliveryResult.Delivered.class);
      assertThat(arrived()).hasSize(1);
      Arrived arrived = only(sent);
      assertThat(arrived.recipients()).containsExactly("eve@example.org");
      if (arrived.displayName() != null) {
        assertThat(arrived.displayName()).doesNotContain("\r").doesNotContain("\n");
      }
    }
  }

  @Nested
  @DisplayName("SPEC §4: thread safety")
  class Concurrency {

    @Test
    @DisplayName("SPEC §4: 4 threads sending 5 messages each: all 20 delivered, each once")
    void concurrentSends() throws Exception {
      int threads = 4;
      int each = 5;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<String>>> futures = new ArrayList<>();
      try {
        for (int t = 0; t < threads; t++) {
          int thread = t;
          Callable<List<String>> work = () -> {
            start.await();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < each; i++) {
              MailMessage sent = message(MailMessage.Kind.LINK_SHARE, "p" + thread + "-" + i + "@acme.com", null,
                  "Join Acme " + thread + "/" + i);
              assertThat(sender().send(sent)).isInstanceOf(DeliveryResult.Delivered.class);
              ids.add(sent.messageId());
            }
            return ids;
          };
          futures.add(pool.submit(work));
        }
        start.countDown();
        Set<String> sentIds = new java.util.HashSet<>();
        for (Future<List<String>> future : futures) {
          sentIds.addAll(future.get(60, TimeUnit.SECONDS));
        }
        List<String> arrivedIds = arrived().stream().map(Arrived::messageId).collect(Collectors.toList());
        assertThat(arrivedIds).hasSize(threads * each).doesNotHaveDuplicates();
        assertThat(Set.copyOf(arrivedIds)).isEqualTo(sentIds);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
