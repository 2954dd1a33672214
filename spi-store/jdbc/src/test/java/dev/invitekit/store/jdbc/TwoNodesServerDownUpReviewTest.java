package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.Invitekit;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.store.TokenDigest;
import dev.invitekit.store.tck.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Outside review (round 7), kept as a regression test: mail server down, re-sends (I7), then two nodes dispatch
 * the same outbox at once after it is back; every current token is delivered once and no superseded one.
 */
class TwoNodesServerDownUpReviewTest {
  static final Instant NOW = Instant.parse("2025-03-10T09:00:00Z");
  static final String PW = "correct horse battery staple, 7 violet kiwis";
  private HikariDataSource pool;

  @AfterEach
  void stop() {
    TestDatabases.shutDownH2(pool);
  }

  @Test
  void everyCurrentTokenDeliveredAndStatusIsTheCurrentOne() throws Exception {
    pool = TestDatabases.freshH2(6);
    MutableClock clock = new MutableClock(NOW);
    RecordingMailbox mailbox = new RecordingMailbox();
    List<InvitekitEvent> events = new CopyOnWriteArrayList<>();
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 3);
    List<Invitekit> nodes = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      JdbcStore store = JdbcStore.builder(pool).build();
      store.migrate();
      nodes.add(Invitekit.builder().store(store).mail(mailbox).baseUrl(URI.create("https://app.example.com"))
          .clock(clock).passwordHashing(PasswordHashing.insecureFastForTestsOnly()).manualMailDispatch()
          .outboxKey(key).addListener(events::add).build());
    }
    Invitekit a = nodes.get(0);
    Password password = Password.of(PW);
    a.accounts().create(new NewAccount("Acme", Plan.PRO_PLUS, List.of("acme.com"), 50, Locale.ENGLISH,
        "ada@acme.com", "Ada", "Admin", LocalDate.of(1990, 5, 17), password, password));
    FounderConfirmation.Confirmed acme = (FounderConfirmation.Confirmed) a.accounts().confirmFounder(
        Token.of(RecordingMailbox.tokenOf(mailbox.lastLink("ada@acme.com").orElseThrow())), password);
    var admin = acme.founder().id();
    var account = acme.account().id();
    events.clear();

    mailbox.failAlways(DeliveryResult.Failed.transientFailure("421 try later"));
    String addresses = IntStream.range(0, 20).mapToObj(i -> "p" + i + "@acme.com").collect(Collectors.joining(", "));
    a.invitations().inviteByEmail(admin, account, addresses);
    List<Invitation> invs = a.invitations().list(admin, account);
    assertThat(invs).hasSize(20).allMatch(i -> i.delivery() == DeliveryStatus.FAILED_RETRYABLE);
    long failedEvents = events.stream().filter(InvitekitEvent.InvitationDeliveryFailed.class::isInstance).count();
    assertThat(failedEvents).as("once each, at the first failure").isEqualTo(20);
    // re-send every third one while still down (new token each; also rate limits may refuse some)
    clock.advance(Duration.ofMinutes(2));
    for (int i = 0; i < 20; i += 3) {
      a.invitations().resend(admin, account, invs.get(i).id());
    }
    mailbox.recover();
    clock.advance(Duration.ofMinutes(40));
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (Invitekit node : nodes) {
      Thread t = new Thread(() -> {
        try {
          go.await();
          for (int r = 0; r < 3; r++) {
            node.mail().dispatchDue();
          }
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    for (int round = 0; round < 3; round++) {
      clock.advance(Duration.ofMinutes(40));
      a.mail().dispatchDue();
    }
    List<Invitation> after = a.invitations().list(admin, account);
    JdbcStore probe = JdbcStore.builder(pool).build();
    List<String> problems = new ArrayList<>();
    for (Invitation inv : after) {
      TokenDigest current = probe.inTransaction(t -> t.invitations().find(inv.id())).orElseThrow().tokenDigest();
      boolean gotCurrent = mailbox.to(inv.email()).stream()
          .map(m -> RecordingMailbox.tokenOf(mailbox.lastLink(inv.email()).orElseThrow()))
          .anyMatch(tok -> TokenDigest.ofToken(tok).equals(current));
      if (inv.delivery() != DeliveryStatus.SENT || !gotCurrent) {
        problems.add(inv.email() + " delivery=" + inv.delivery() + " gotCurrentToken=" + gotCurrent);
      }
    }
    long failedAfter = events.stream().filter(InvitekitEvent.InvitationDeliveryFailed.class::isInstance).count();
    System.out.println("problems=" + problems + " failedEvents=" + failedAfter + " mails=" + mailbox.count());
    assertThat(problems).isEmpty();
    assertThat(failedAfter).isEqualTo(20 + 7);
  }
}
