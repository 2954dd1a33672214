package dev.invitekit.onstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.spi.mail.MailMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * I11 (found by the outside review of issues 8 and 9): two nodes sending reminders at the same moment send
 * each invitation's reminder once. Each reminder issues a fresh token, so a second one would leave the
 * person with a mail whose link answers SUPERSEDED. Real threads on two nodes of one store, more threads than
 * cores, repeated rounds; mails counted. Runs on every store: {@code InMemoryRemindersOnTwoNodesTest}, and the
 * JDBC module's H2 and PostgreSQL tests.
 */
public abstract class RemindersOnTwoNodesKit extends KitOnAnyStore {
  /** Nodes' callers racing: more than the cores of a CI machine. */
  protected static final int THREADS = 6;
  private static final int INVITATIONS = 4;
  private static final int ROUNDS = 3;

  @Test
  @DisplayName("I11: reminders sent from two nodes at once go out once per invitation")
  void remindersFromTwoNodesGoOutOncePerInvitation_I11_issue9_review() throws Exception {
    createAcme();
    updateAcmePolicy(p -> p.withNotices(false, Duration.ofDays(2)));
    Invitekit nodeB = builder().build();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < INVITATIONS; i++) {
          invite(adaId, "round" + round + "-person" + i + "@acme.com");
        }
        mailbox.clear();
        advance(Duration.ofDays(6));   // within two days of the 7-day expiry: due a reminder
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          Invitekit node = t % 2 == 0 ? kit : nodeB;
          sent.add(pool.submit(() -> {
            ready.countDown();
            go.await();
            return node.invitations().sendReminders();
          }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        int reported = 0;
        for (Future<Integer> f : sent) {
          reported += f.get(60, TimeUnit.SECONDS);
        }
        List<MailMessage> reminders = mailbox.all().stream()
            .filter(m -> m.kind() == MailMessage.Kind.REMINDER).toList();
        assertThat(reminders).as("round %d", round).hasSize(INVITATIONS);
        assertThat(reminders.stream().map(MailMessage::to).distinct()).hasSize(INVITATIONS);
        assertThat(reported).as("reminders the calls reported, round %d", round).isEqualTo(INVITATIONS);
        advance(Duration.ofDays(2));   // these expire; the next round starts afresh
      }
    } finally {
      pool.shutdownNow();
      nodeB.close();
    }
  }
}
