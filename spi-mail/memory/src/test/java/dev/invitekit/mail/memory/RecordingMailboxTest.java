package dev.invitekit.mail.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("RecordingMailbox")
class RecordingMailboxTest {

  private final RecordingMailbox mailbox = new RecordingMailbox();

  @Nested
  @DisplayName("recording")
  class Recording {

    @Test
    @DisplayName("a send is delivered with the message's id and recorded")
    void sendIsDeliveredAndRecorded() {
      MailMessage message = Messages.invitation();

      DeliveryResult result = mailbox.send(message);

      assertThat(result).isEqualTo(new DeliveryResult.Delivered("id-1@invitekit"));
      assertThat(mailbox.all()).containsExactly(message);
      assertThat(mailbox.count()).isEqualTo(1);
    }

    @Test
    @DisplayName("all() lists every message in send order")
    void allKeepsSendOrder() {
      MailMessage first = Messages.invitation("bob@acme.com", "t1", "1@x");
      MailMessage second = Messages.invitation("ann@example.org", "t2", "2@x");
      MailMessage third = Messages.invitation("bob@acme.com", "t3", "3@x");

      mailbox.send(first);
      mailbox.send(second);
      mailbox.send(third);

      assertThat(mailbox.all()).containsExactly(first, second, third);
      assertThat(mailbox.count()).isEqualTo(3);
    }

    @Test
    @DisplayName("all() is an immutable snapshot that later sends do not change")
    void allIsAnImmutableSnapshot() {
      mailbox.send(Messages.invitation("bob@acme.com", "t1", "1@x"));
      List<MailMessage> snapshot = mailbox.all();

      mailbox.send(Messages.invitation("bob@acme.com", "t2", "2@x"));

      assertThat(snapshot).hasSize(1);
      assertThatThrownBy(() -> snapshot.add(Messages.invitation()))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("clear() forgets delivered mail and failed attempts")
    void clearForgetsEverything() {
      mailbox.send(Messages.invitation("bob@acme.com", "t1", "1@x"));
      mailbox.failNext(1, DeliveryResult.Failed.transientFailure("timeout"));
      mailbox.send(Messages.invitation("bob@acme.com", "t2", "2@x"));

      mailbox.clear();

      assertThat(mailbox.all()).isEmpty();
      assertThat(mailbox.failedAttempts()).isEmpty();
      assertThat(mailbox.count()).isZero();
      assertThat(mailbox.lastLink("bob@acme.com")).isEmpty();
    }

    @Test
    @DisplayName("toString() shows counts, never a message or its link (I5)")
    void toStringHidesContent() {
      mailbox.send(Messages.invitation());

      assertThat(mailbox.toString()).contains("delivered=1").doesNotContain("abc").doesNotContain("acme");
    }
  }

  @Nested
  @DisplayName("per-address lookups (I3)")
  class PerAddress {

    @Test
    @DisplayName("two spellings of one address are one address")
    void addressesAreNormalized() {
      assertThat(EmailAddress.parse("Bob@Acme.com")).isEqualTo(EmailAddress.parse("bob@acme.com"));
    }

    @Test
    @DisplayName("to() returns only that address's messages, in send order, whatever its spelling")
    void toFiltersByNormalizedAddress() {
      MailMessage bob1 = Messages.invitation("bob@acme.com", "t1", "1@x");
      MailMessage ann = Messages.invitation("ann@example.org", "t2", "2@x");
      MailMessage bob2 = Messages.withoutLink(MailMessage.Kind.WELCOME, "Bob@Acme.com", "3@x");
      mailbox.send(bob1);
      mailbox.send(ann);
      mailbox.send(bob2);

      assertThat(mailbox.to("BOB@acme.COM")).containsExactly(bob1, bob2);
      assertThat(mailbox.to(EmailAddress.parse("bob@acme.com"))).containsExactly(bob1, bob2);
      assertThat(mailbox.to("ann@example.org")).containsExactly(ann);
      assertThat(mailbox.to("nobody@acme.com")).isEmpty();
    }

    @Test
    @DisplayName("last() is the latest message to the address, or empty when none")
    void lastIsTheLatest() {
      MailMessage first = Messages.invitation("bob@acme.com", "t1", "1@x");
      MailMessage second = Messages.withoutLink(MailMessage.Kind.WELCOME, "bob@acme.com", "2@x");
      mailbox.send(first);
      mailbox.send(second);
      mailbox.send(Messages.invitation("ann@example.org", "t3", "3@x"));

      assertThat(mailbox.last("Bob@Acme.com")).contains(second);
      assertThat(mailbox.last(EmailAddress.parse("bob@acme.com"))).contains(second);
      assertThat(mailbox.last("nobody@acme.com")).isEmpty();
    }

    @Test
    @DisplayName("an invalid address typed as text is a programming error with the reason")
    void invalidTextAddressIsRefused() {
      assertThatThrownBy(() -> mailbox.to("not an address"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a valid email address");
    }
  }

  @Nested
  @DisplayName("links and tokens (I6, L3, S1)")
  class Links {

    @Test
    @DisplayName("lastLink() is the link of the last message that has one, skipping later ones without")
    void lastLinkSkipsMessagesWithoutALink() {
      mailbox.send(Messages.invitation("bob@acme.com", "old", "1@x"));
      mailbox.send(Messages.invitation("bob@acme.com", "fresh", "2@x"));
      mailbox.send(Messages.withoutLink(MailMessage.Kind.ALREADY_MEMBER, "bob@acme.com", "3@x"));
      mailbox.send(Messages.invitation("ann@example.org", "anns", "4@x"));

      assertThat(mailbox.lastLink("Bob@Acme.com"))
          .contains(URI.create("https://app.example.com/invitations/fresh"));
      assertThat(mailbox.lastLink(EmailAddress.parse("bob@acme.com")))
          .contains(URI.create("https://app.example.com/invitations/fresh"));
    }

    @Test
    @DisplayName("lastLink() skips the sign-in link of a welcome or share: only invitation, reminder and verification links count")
    void lastLinkOnlyInvitationLinks() {
      mailbox.send(Messages.invitation("bob@acme.com", "invite", "1@x"));
      mailbox.send(Messages.message(MailMessage.Kind.WELCOME, "bob@acme.com", URI.create("https://app.example.com/sign-in"), "2@x"));
      mailbox.send(Messages.message(MailMessage.Kind.LINK_SHARE, "bob@acme.com", URI.create("https://app.example.com/join/x"), "3@x"));
      assertThat(mailbox.lastLink("bob@acme.com")).contains(URI.create("https://app.example.com/invitations/invite"));

      mailbox.send(Messages.message(MailMessage.Kind.REMINDER, "bob@acme.com", URI.create("https://app.example.com/invitations/r"), "4@x"));
      assertThat(mailbox.lastLink("bob@acme.com")).contains(URI.create("https://app.example.com/invitations/r"));
      mailbox.send(Messages.message(MailMessage.Kind.LINK_VERIFICATION, "bob@acme.com", URI.create("https://app.example.com/invitations/v"), "5@x"));
      assertThat(mailbox.lastLink("bob@acme.com")).contains(URI.create("https://app.example.com/invitations/v"));
    }

    @Test
    @DisplayName("lastLink() is empty when no message to the address had a link")
    void lastLinkEmptyWithoutLinks() {
      mailbox.send(Messages.withoutLink(MailMessage.Kind.WELCOME, "bob@acme.com", "1@x"));
      mailbox.send(Messages.invitation("ann@example.org", "anns", "2@x"));

      assertThat(mailbox.lastLink("bob@acme.com")).isEmpty();
      assertThat(mailbox.lastLink("carl@acme.com")).isEmpty();
    }

    @Test
    @DisplayName("lastLink() ignores the links of failed deliveries")
    void lastLinkIgnoresFailedAttempts() {
      mailbox.send(Messages.invitation("bob@acme.com", "delivered", "1@x"));
      mailbox.failNext(1, DeliveryResult.Failed.transientFailure("timeout"));
      mailbox.send(Messages.invitation("bob@acme.com", "lost", "2@x"));

      assertThat(mailbox.lastLink("bob@acme.com").map(RecordingMailbox::tokenOf)).contains("delivered");
    }

    @Test
    @DisplayName("tokenOf() takes the link's last path segment")
    void tokenOfTakesLastSegment() {
      String token = "q7Zr1o9mX4c-_0aBcDeFgHiJkLmNoPqRsTuVwXyZ123";

      assertThat(RecordingMailbox.tokenOf(URI.create(Messages.LINK))).isEqualTo("abc");
      assertThat(RecordingMailbox.tokenOf(URI.create("https://app.example.com/i/" + token))).isEqualTo(token);
      assertThat(RecordingMailbox.tokenOf(URI.create("https://app.example.com/i/abc/"))).isEqualTo("abc");
      assertThat(RecordingMailbox.tokenOf(URI.create("https://app.example.com/i/abc?utm=x#top"))).isEqualTo("abc");
    }

    @Test
    @DisplayName("tokenOf() refuses a link without a path segment")
    void tokenOfRefusesLinkWithoutPath() {
      assertThatThrownBy(() -> RecordingMailbox.tokenOf(URI.create("https://app.example.com")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> RecordingMailbox.tokenOf(URI.create("https://app.example.com/")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> RecordingMailbox.tokenOf(URI.create("mailto:bob@acme.com")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("simulated failures (SPEC §4, §5)")
  class Failures {

    private final DeliveryResult.Failed timeout = DeliveryResult.Failed.transientFailure("timeout");
    private final DeliveryResult.Failed unknownMailbox = DeliveryResult.Failed.permanentFailure("550 unknown");

    @Test
    @DisplayName("failNext(n) fails exactly the next n sends, then delivers again")
    void failNextFailsExactlyN() {
      mailbox.failNext(2, timeout);
      MailMessage first = Messages.invitation("bob@acme.com", "t1", "1@x");
      MailMessage second = Messages.invitation("bob@acme.com", "t2", "2@x");
      MailMessage third = Messages.invitation("bob@acme.com", "t3", "3@x");

      List<DeliveryResult> results = List.of(mailbox.send(first), mailbox.send(second), mailbox.send(third));

      assertThat(results).containsExactly(timeout, timeout, new DeliveryResult.Delivered("3@x"));
      assertThat(mailbox.failedAttempts()).containsExactly(first, second);
      assertThat(mailbox.all()).containsExactly(third);
      assertThat(mailbox.count()).isEqualTo(1);
    }

    @Test
    @DisplayName("a later failNext replaces an earlier one, and failNext(0) cancels it")
    void failNextReplaces() {
      mailbox.failNext(5, timeout);
      mailbox.failNext(1, unknownMailbox);

      assertThat(mailbox.send(Messages.invitation("bob@acme.com", "t1", "1@x"))).isEqualTo(unknownMailbox);
      assertThat(mailbox.send(Messages.invitation("bob@acme.com", "t2", "2@x")))
          .isInstanceOf(DeliveryResult.Delivered.class);

      mailbox.failNext(3, timeout);
      mailbox.failNext(0, timeout);

      assertThat(mailbox.send(Messages.invitation("bob@acme.com", "t3", "3@x")))
          .isInstanceOf(DeliveryResult.Delivered.class);
      assertThat(mailbox.failedAttempts()).hasSize(1);
    }

    @Test
    @DisplayName("failAlways() fails every send until recover()")
    void failAlwaysUntilRecover() {
      mailbox.failAlways(unknownMailbox);
      for (int i = 0; i < 5; i++) {
        assertThat(mailbox.send(Messages.invitation("bob@acme.com", "t" + i, i + "@x"))).isEqualTo(unknownMailbox);
      }

      mailbox.recover();

      assertThat(mailbox.send(Messages.invitation("bob@acme.com", "ok", "ok@x")))
          .isEqualTo(new DeliveryResult.Delivered("ok@x"));
      assertThat(mailbox.failedAttempts()).hasSize(5);
      assertThat(mailbox.count()).isEqualTo(1);
    }

    @Test
    @DisplayName("failNext() failures come first, then failAlways() applies")
    void failNextBeforeFailAlways() {
      mailbox.failAlways(unknownMailbox);
      mailbox.failNext(1, timeout);

      assertThat(mailbox.send(Messages.invitation("bob@acme.com", "t1", "1@x"))).isEqualTo(timeout);
      assertThat(mailbox.send(Messages.invitation("bob@acme.com", "t2", "2@x"))).isEqualTo(unknownMailbox);
    }

    @Test
    @DisplayName("recover() also cancels pending failNext() failures")
    void recoverCancelsFailNext() {
      mailbox.failNext(3, timeout);

      mailbox.recover();

      assertThat(mailbox.send(Messages.invitation("bob@acme.com", "t1", "1@x")))
          .isInstanceOf(DeliveryResult.Delivered.class);
    }

    @Test
    @DisplayName("clear() keeps a simulated failure in force")
    void clearKeepsFailureMode() {
      mailbox.failAlways(timeout);

      mailbox.clear();

      assertThat(mailbox.send(Messages.invitation("bob@acme.com", "t1", "1@x"))).isEqualTo(timeout);
    }

    @Test
    @DisplayName("a negative failure count is refused, naming the count")
    void negativeCountRefused() {
      assertThatThrownBy(() -> mailbox.failNext(-1, timeout))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("-1");
    }
  }

  @Nested
  @DisplayName("thread safety")
  class Concurrency {

    private static final int THREADS = 16;
    private static final int SENDS_PER_THREAD = 100;

    @Test
    @DisplayName("16 threads × 100 concurrent sends are all recorded, each thread's in its order")
    void concurrentSendsAreAllRecorded() throws Exception {
      runConcurrently(t -> {
        for (int i = 0; i < SENDS_PER_THREAD; i++) {
          DeliveryResult result = mailbox.send(Messages.invitation("bob@acme.com", t + "-" + i, t + "-" + i + "@x"));
          assertThat(result).isInstanceOf(DeliveryResult.Delivered.class);
        }
      });

      assertThat(mailbox.count()).isEqualTo(THREADS * SENDS_PER_THREAD);
      assertThat(mailbox.to("bob@acme.com")).hasSize(THREADS * SENDS_PER_THREAD);
      Map<String, Integer> nextPerThread = new HashMap<>();
      for (MailMessage message : mailbox.all()) {
        String[] threadAndIndex = message.messageId().replace("@x", "").split("-");
        int expected = nextPerThread.getOrDefault(threadAndIndex[0], 0);
        assertThat(Integer.parseInt(threadAndIndex[1])).as(message.messageId()).isEqualTo(expected);
        nextPerThread.put(threadAndIndex[0], expected + 1);
      }
      assertThat(nextPerThread).hasSize(THREADS).allSatisfy((t, n) -> assertThat(n).isEqualTo(SENDS_PER_THREAD));
    }

    @Test
    @DisplayName("failNext(n) under concurrent sends fails exactly n of them")
    void failNextCountsUnderConcurrency() throws Exception {
      DeliveryResult.Failed timeout = DeliveryResult.Failed.transientFailure("timeout");
      mailbox.failNext(500, timeout);

      runConcurrently(t -> {
        for (int i = 0; i < SENDS_PER_THREAD; i++) {
          mailbox.send(Messages.invitation("bob@acme.com", t + "-" + i, t + "-" + i + "@x"));
        }
      });

      assertThat(mailbox.failedAttempts()).hasSize(500);
      assertThat(mailbox.count()).isEqualTo(THREADS * SENDS_PER_THREAD - 500);
    }

    private void runConcurrently(IntConsumer body) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          done.add(pool.submit(() -> {
            ready.countDown();
            start.await();
            body.accept(thread);
            return null;
          }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).as("all threads ready").isTrue();
        start.countDown();
        for (Future<?> future : done) {
          future.get(30, TimeUnit.SECONDS); // rethrows a failed assertion from the thread
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
