package dev.invitekit.mail.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ConsoleMailSender")
class ConsoleMailSenderTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Nested
  @DisplayName("by default")
  class ByDefault {

    @Test
    @DisplayName("prints kind, recipient with name, subject, message id and the text with its link (I6)")
    void printsTheReadableParts() {
      DeliveryResult result = new ConsoleMailSender(out).send(Messages.invitation());

      assertThat(result).isEqualTo(new DeliveryResult.Delivered("id-1@invitekit"));
      assertThat(printed())
          .contains("INVITATION")
          .contains("To:         Ann <a@acme.com>")
          .contains("Subject:    Subject")
          .contains("Message-ID: <id-1@invitekit>")
          .contains("text https://app.example.com/invitations/abc");
    }

    @Test
    @DisplayName("never prints the HTML part")
    void omitsHtml() {
      new ConsoleMailSender(out).send(Messages.invitation());

      assertThat(printed()).doesNotContain("<p>html</p>").doesNotContain("HTML part");
    }

    @Test
    @DisplayName("shows the bare address when the recipient has no name")
    void bareAddressWithoutName() {
      new ConsoleMailSender(out).send(Messages.invitation("bob@acme.com", "t1", "1@x"));

      assertThat(printed()).contains("To:         bob@acme.com" + System.lineSeparator());
    }

    @Test
    @DisplayName("frames every line of a multi-line text")
    void framesEveryTextLine() {
      MailMessage message = new MailMessage(MailMessage.Kind.WELCOME, EmailAddress.parse("bob@acme.com"), null,
          "Welcome", "Hello Bob,\nwelcome to Acme.\r\n\nBye", "<p>Hello</p>", null, Map.of(), "w@x");

      new ConsoleMailSender(out).send(message);

      assertThat(printed().lines())
          .contains("| Hello Bob,", "| welcome to Acme.", "| ", "| Bye")
          .allSatisfy(line -> assertThat(line).matches("[+|].*"));
    }
  }

  @Nested
  @DisplayName("with HTML")
  class WithHtml {

    @Test
    @DisplayName("withHtml() also prints the HTML part, after the text")
    void withHtmlPrintsHtml() {
      new ConsoleMailSender(out).withHtml().send(Messages.invitation());

      assertThat(printed()).contains("<p>html</p>");
      assertThat(printed().indexOf("<p>html</p>")).isGreaterThan(printed().indexOf("text https://"));
    }

    @Test
    @DisplayName("the constructor flag prints the HTML part too")
    void constructorFlagPrintsHtml() {
      new ConsoleMailSender(out, true).send(Messages.invitation());

      assertThat(printed()).contains("<p>html</p>");
    }
  }

  @Test
  @DisplayName("control characters in the name, subject or text are shown as '?', so no line can be forged")
  void neutralizesControlCharacters() {
    MailMessage message = new MailMessage(MailMessage.Kind.INVITATION, EmailAddress.parse("bob@acme.com"),
        "Bob\r\nTo: eve@evil.test", "Hi\u001b[2J", "line\u0007", "<p></p>",
        URI.create(Messages.LINK), Map.of(), "id@x");

    new ConsoleMailSender(out).send(message);

    assertThat(printed())
        .contains("To:         Bob??To: eve@evil.test <bob@acme.com>")
        .contains("Subject:    Hi?[2J")
        .contains("| line?")
        .doesNotContain("\u001b")
        .doesNotContain("\u0007");
  }

  @Test
  @DisplayName("toString() never shows message content")
  void toStringShowsNoContent() {
    ConsoleMailSender sender = new ConsoleMailSender(out);
    sender.send(Messages.invitation());

    assertThat(sender.toString()).isEqualTo("ConsoleMailSender[html=false]");
    assertThat(sender.withHtml().toString()).isEqualTo("ConsoleMailSender[html=true]");
  }

  @Test
  @DisplayName("concurrent sends print whole blocks that never interleave")
  void concurrentBlocksDoNotInterleave() throws Exception {
    int threads = 8;
    int sendsPerThread = 50;
    ConsoleMailSender sender = new ConsoleMailSender(out);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < sendsPerThread; i++) {
            String id = thread + "-" + i;
            sender.send(new MailMessage(MailMessage.Kind.REMINDER, EmailAddress.parse("u" + id + "@acme.com"), null,
                "subject " + id, "first " + id + "\nsecond " + id, "<p></p>", null, Map.of(), id + "@x"));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<String> lines = printed().lines().toList();
    int blockLines = 8; // header, To, Subject, Message-ID, blank, two text lines, footer
    assertThat(lines).hasSize(threads * sendsPerThread * blockLines);
    for (int b = 0; b < lines.size(); b += blockLines) {
      List<String> block = lines.subList(b, b + blockLines);
      String id = block.get(3).replaceAll(".*<(.*)@x>$", "$1");
      assertThat(block.get(0)).startsWith("+-- Invitekit mail: REMINDER");
      assertThat(block).as("block %d", b / blockLines).containsExactly(
          block.get(0),
          "| To:         u" + id + "@acme.com",
          "| Subject:    subject " + id,
          "| Message-ID: <" + id + "@x>",
          "|",
          "| first " + id,
          "| second " + id,
          block.get(7));
      assertThat(block.get(7)).startsWith("+-");
    }
  }
}
