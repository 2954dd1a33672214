package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.Invitekit;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.id.UserId;
import dev.invitekit.outbox.MailOutbox;
import dev.invitekit.outbox.OutboxMessage;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.OutboxEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §5: the mail outbox: same unit of work, retries with backoff, giving up, Message-ID, sealing. */
@DisplayName("SPEC §5: the mail outbox")
class OutboxRulesTest {
  /** What the fake provider answers next; null delivers. */
  private final AtomicReference<DeliveryResult.Failed> failure = new AtomicReference<>();
  private final List<MailMessage> delivered = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> attemptsById = new ConcurrentHashMap<>();
  private RulesFixture fx;
  private UserId ada;
  private AccountId acme;

  @BeforeEach
  void acme() {
    fx = new RulesFixture(b -> b.mail(message -> {
      attemptsById.merge(message.messageId(), 1, Integer::sum);
      DeliveryResult.Failed failed = failure.get();
      if (failed != null) {
        return failed;
      }
      delivered.add(message);
      return new DeliveryResult.Delivered(message.messageId());
    }).mailRetry(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(24)));
    fx.createAcme();
    ada = fx.adaId();
    acme = fx.acmeId();
    delivered.clear();
    attemptsById.clear();
  }

  private List<AddressOutcome.Invited> invite(String addresses) {
    InviteResult result = fx.kit.invitations().inviteByEmail(ada, acme, addresses);
    return RulesFixture.report(result).outcomes(AddressOutcome.Invited.class);
  }

  /** Invites {@code addresses} while the provider refuses, then moves past the retry: their mail is due. */
  private void dueAfterAFailedAttempt(String addresses) {
    failure.set(DeliveryResult.Failed.transientFailure("421 busy"));
    invite(addresses);
    fx.clock.advance(Duration.ofHours(1));
  }

  private DeliveryStatus delivery(AddressOutcome.Invited invited) {
    return fx.kit.invitations().find(ada, acme, invited.invitationId()).orElseThrow().delivery();
  }

  @Test
  @DisplayName("SPEC §5: each message is an outbox entry whose id is its Message-ID, SENT after delivery, its payload erased")
  void sentEntries() {
    List<AddressOutcome.Invited> invited = invite("bob@acme.com");
    assertThat(invited).singleElement().extracting(AddressOutcome.Invited::delivery).isEqualTo(DeliveryStatus.SENT);
    MailMessage mail = delivered.get(0);
    OutboxEntry entry = fx.store.inTransaction(tx -> tx.outbox().find(mail.messageId())).orElseThrow();
    assertThat(entry.status()).isEqualTo(OutboxEntry.Status.SENT);
    assertThat(entry.payload()).isEmpty();
    assertThat(entry.invitationId()).isEqualTo(invited.get(0).invitationId());
    assertThat(fx.kit.mail().pending(acme)).isEmpty();
  }

  @Test
  @DisplayName("SPEC §5: a pending payload is sealed: neither the token nor the recipient is readable in the store")
  void sealedPayload() {
    failure.set(DeliveryResult.Failed.transientFailure("421 busy"));
    invite("bob@acme.com");
    List<OutboxMessage> pending = fx.kit.mail().pending(acme);
    assertThat(pending).singleElement().satisfies(m -> {
      assertThat(m.kind()).isEqualTo(MailMessage.Kind.INVITATION);
      assertThat(m.to()).isEqualTo(EmailAddress.parse("bob@acme.com"));
      assertThat(m.lastError()).isEqualTo("421 busy");
    });
    OutboxEntry entry = fx.store.inTransaction(tx -> tx.outbox().find(pending.get(0).messageId())).orElseThrow();
    // The plaintext would carry the address and the link; '@', '.' and '/' are outside the sealed payload's
    // base64url alphabet, so these never match by chance (a bare "bob" did, about one run in a hundred).
    assertThat(entry.payload()).startsWith("v2.").doesNotContain("bob@acme.com").doesNotContain("invitations/");
    assertThat(entry.payload().substring(3)).matches("[A-Za-z0-9_-]+");
    assertThat(entry.toString()).doesNotContain(entry.payload());
  }

  @Test
  @DisplayName("SPEC §5: a transient failure is retried with backoff as the clock advances, keeping its Message-ID, "
      + "then delivered exactly once; the invitation goes FAILED_RETRYABLE → SENT")
  void retriedUntilDelivered() {
    failure.set(DeliveryResult.Failed.transientFailure("421 4.3.2 try later"));
    List<AddressOutcome.Invited> invited = invite("bob@acme.com, carl@acme.com");
    assertThat(invited).extracting(AddressOutcome.Invited::delivery).containsOnly(DeliveryStatus.FAILED_RETRYABLE);
    assertThat(fx.kit.mail().dispatchDue()).as("nothing due before the backoff").isEqualTo(new MailOutbox.DispatchCounts(0, 0, 0, 0));

    fx.clock.advance(Duration.ofSeconds(31));
    assertThat(fx.kit.mail().dispatchDue().retrying()).isEqualTo(2);
    fx.clock.advance(Duration.ofSeconds(61));
    assertThat(fx.kit.mail().dispatchDue().retrying()).isEqualTo(2);
    assertThat(fx.kit.mail().pending(acme)).extracting(OutboxMessage::attempts).containsOnly(3);
    assertThat(fx.kit.mail().pending(acme)).allSatisfy(m ->
        assertThat(m.nextAttemptAt()).isBetween(fx.clock.instant(), fx.clock.instant().plusSeconds(120)));

    failure.set(null);
    fx.clock.advance(Duration.ofMinutes(2));
    assertThat(fx.kit.mail().dispatchDue()).isEqualTo(new MailOutbox.DispatchCounts(2, 2, 0, 0));
    assertThat(fx.kit.mail().dispatchDue().attempted()).isZero();
    assertThat(delivered).extracting(MailMessage::to).containsExactlyInAnyOrder(
        EmailAddress.parse("bob@acme.com"), EmailAddress.parse("carl@acme.com"));
    assertThat(attemptsById).hasSize(2).allSatisfy((id, n) -> assertThat(n).isEqualTo(4));
    assertThat(invited).allSatisfy(i -> assertThat(delivery(i)).isEqualTo(DeliveryStatus.SENT));
    assertThat(fx.events(InvitekitEvent.InvitationDeliveryFailed.class)).as("one event per invitation: the first failure")
        .hasSize(2).allSatisfy(e -> assertThat(e.retryable()).isTrue());
  }

  @Test
  @DisplayName("SPEC §5: the attempt right after commit sends the message as composed, and a retry opened from the "
      + "sealed payload sends exactly the same message")
  void firstAttemptAndRetrySendTheSameMessage() {
    List<MailMessage> attempted = new CopyOnWriteArrayList<>();
    AtomicBoolean failNext = new AtomicBoolean();
    RulesFixture node = new RulesFixture(b -> b.mail(message -> {
      attempted.add(message);
      return failNext.getAndSet(false) ? DeliveryResult.Failed.transientFailure("421 try later")
          : new DeliveryResult.Delivered(message.messageId());
    }).mailRetry(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(24)));
    node.createAcme();
    attempted.clear();
    failNext.set(true);

    InviteResult result = node.kit.invitations().inviteByEmail(node.adaId(), node.acmeId(), "Bob Ray <bob@acme.com>");
    assertThat(RulesFixture.report(result).outcomes(AddressOutcome.Invited.class)).singleElement()
        .extracting(AddressOutcome.Invited::delivery).isEqualTo(DeliveryStatus.FAILED_RETRYABLE);
    node.clock.advance(Duration.ofSeconds(31));
    assertThat(node.kit.mail().dispatchDue().sent()).isEqualTo(1);

    assertThat(attempted).hasSize(2);
    assertThat(attempted.get(1)).isEqualTo(attempted.get(0));
    assertThat(attempted.get(0).actionUrl()).isNotNull();
  }

  @Test
  @DisplayName("SPEC §5: still failing at the give-up time, a message is GAVE_UP, its invitation FAILED_PERMANENT, "
      + "an InvitationDeliveryFailed(retryable=false) published, and it shows in givenUp()")
  void givesUp() {
    failure.set(DeliveryResult.Failed.transientFailure("connection refused"));
    AddressOutcome.Invited bob = invite("bob@acme.com").get(0);
    for (int i = 0; i < 200 && !fx.kit.mail().pending(acme).isEmpty(); i++) {
      fx.clock.advance(Duration.ofMinutes(10));
      fx.kit.mail().dispatchDue();
    }
    assertThat(fx.kit.mail().pending(acme)).isEmpty();
    assertThat(fx.clock.instant()).isAfterOrEqualTo(RulesFixture.START.plus(Duration.ofHours(24)))
        .isBefore(RulesFixture.START.plus(Duration.ofHours(25)));
    assertThat(delivery(bob)).isEqualTo(DeliveryStatus.FAILED_PERMANENT);
    List<OutboxMessage> givenUp = fx.kit.mail().givenUp(acme);
    assertThat(givenUp).singleElement().satisfies(m -> {
      assertThat(m.invitationId()).isEqualTo(bob.invitationId());
      assertThat(m.lastError()).startsWith("gave up after").contains("connection refused")
          .endsWith("[INVITATION to bob@acme.com]");
    });
    assertThat(fx.events(InvitekitEvent.InvitationDeliveryFailed.class)).extracting(InvitekitEvent.InvitationDeliveryFailed::retryable)
        .containsExactly(true, false);
  }

  @Test
  @DisplayName("SPEC §5: a permanent failure gives up at once and holds up no one else")
  void permanentFailure() {
    fx = new RulesFixture(b -> b.mail(message -> message.to().toString().startsWith("nobody")
        ? DeliveryResult.Failed.permanentFailure("550 5.1.1 no such user")
        : new DeliveryResult.Delivered(message.messageId())));
    fx.createAcme();
    List<AddressOutcome.Invited> invited = RulesFixture.report(fx.kit.invitations()
        .inviteByEmail(fx.adaId(), fx.acmeId(), "nobody@acme.com, bob@acme.com")).outcomes(AddressOutcome.Invited.class);
    assertThat(invited).extracting(i -> i.address().toString(), AddressOutcome.Invited::delivery).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("nobody@acme.com", DeliveryStatus.FAILED_PERMANENT),
        org.assertj.core.groups.Tuple.tuple("bob@acme.com", DeliveryStatus.SENT));
    assertThat(fx.kit.mail().givenUp(fx.acmeId())).singleElement()
        .satisfies(m -> assertThat(m.lastError()).isEqualTo("550 5.1.1 no such user [INVITATION to nobody@acme.com]"));
  }

  @Test
  @DisplayName("SPEC §5: a failing send's old message is not sent once the invitation was re-sent: it is superseded")
  void supersededByResend() {
    failure.set(DeliveryResult.Failed.transientFailure("421 busy"));
    AddressOutcome.Invited bob = invite("bob@acme.com").get(0);
    failure.set(null);
    fx.kit.invitations().resend(ada, acme, bob.invitationId());
    fx.clock.advance(Duration.ofHours(1));
    MailOutbox.DispatchCounts counts = fx.kit.mail().dispatchDue();
    assertThat(counts).isEqualTo(new MailOutbox.DispatchCounts(1, 0, 0, 1));
    assertThat(delivered).hasSize(1);
    assertThat(delivery(bob)).isEqualTo(DeliveryStatus.SENT);
    assertThat(fx.kit.mail().givenUp(acme)).singleElement()
        .satisfies(m -> assertThat(m.lastError()).startsWith("superseded"));
  }

  @Test
  @DisplayName("SPEC §5: a node without the outbox key cannot send another's pending mail; one with it can")
  void outboxKey() {
    failure.set(DeliveryResult.Failed.transientFailure("421 busy"));
    invite("bob@acme.com");
    failure.set(null);
    fx.clock.advance(Duration.ofHours(1));
    Invitekit stranger = fx.anotherNode(b -> b.outboxKey(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}));
    assertThat(stranger.mail().dispatchDue().retrying()).isEqualTo(1);
    assertThat(fx.mailbox.all()).isEmpty();
    fx.clock.advance(Duration.ofHours(1));
    Invitekit sibling = fx.anotherNode(b -> {});
    assertThat(sibling.mail().dispatchDue().sent()).isEqualTo(1);
    assertThat(fx.mailbox.all()).singleElement().extracting(MailMessage::to)
        .isEqualTo(EmailAddress.parse("bob@acme.com"));
  }

  @Test
  @DisplayName("SPEC §5: the library-owned scheduler is a named daemon thread and close() stops it; an app's scheduler "
      + "is left running")
  void scheduler() throws Exception {
    Invitekit owned = fx.anotherNode(b -> b.mailScheduler(Executors.newSingleThreadScheduledExecutor())
        .mailDispatchInterval(Duration.ofMillis(100)));
    owned.close();
    ScheduledExecutorService app = Executors.newSingleThreadScheduledExecutor();
    try (Invitekit kit = fx.anotherNode(b -> b.mailScheduler(app))) {
      assertThat(kit.mail()).isNotNull();
    }
    assertThat(app.isShutdown()).isFalse();
    app.shutdown();
    Invitekit own = fx.scheduledBuilder().mailDispatchInterval(Duration.ofMillis(100)).build();
    own.close();
    own.close();
    assertThatThrownBy(() -> fx.builder().outboxKey(new byte[16])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outboxKey must be 32 bytes");
    assertThatThrownBy(() -> fx.builder().mailRetry(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("SPEC §5: a throwable escaping a scheduled dispatch (the JVM's own failure, which the dispatcher lets "
      + "through) is logged and the schedule runs on: the mail is delivered by a later run (review 16)")
  void scheduleOutlivesAnEscapingThrowable() throws Exception {
    dueAfterAFailedAttempt("bob@acme.com");
    CountDownLatch thrown = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    ScheduledExecutorService app = Executors.newSingleThreadScheduledExecutor();
    try (Invitekit scheduled = fx.anotherNode(b -> b.mailScheduler(app).mailDispatchInterval(Duration.ofMillis(100))
        .mail(message -> {
          if (calls.getAndIncrement() == 0) {
            thrown.countDown();
            throw new OutOfMemoryError("thrown by the test's provider");
          }
          delivered.add(message);
          return new DeliveryResult.Delivered(message.messageId());
        }))) {
      assertThat(scheduled.mail()).isNotNull();
      assertThat(thrown.await(30, TimeUnit.SECONDS)).as("the first scheduled attempt").isTrue();
      // the entry stays leased to the failed attempt for its lease (5 minutes), then any run takes it again
      fx.clock.advance(Duration.ofMinutes(10));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (delivered.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } finally {
      app.shutdownNow();
    }
    assertThat(delivered).extracting(MailMessage::to).containsExactly(EmailAddress.parse("bob@acme.com"));
  }

  /** Throws {@code thrown} without declaring it, as a provider in another JVM language may. */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable thrown) throws T {
    throw (T) thrown;
  }

  @Test
  @DisplayName("SPEC §5: a provider's undeclared InterruptedException is a transient failure that sets the thread's "
      + "interrupt flag again, and the interrupted dispatch sends nothing more (review 17)")
  void interruptFromTheProviderStopsTheDispatch() {
    dueAfterAFailedAttempt("p1@acme.com, p2@acme.com, p3@acme.com");
    AtomicInteger calls = new AtomicInteger();
    Invitekit node = fx.anotherNode(b -> b.mail(message -> {
      calls.incrementAndGet();
      throw sneaky(new InterruptedException("stopping"));
    }));
    MailOutbox.DispatchCounts counts;
    try {
      counts = node.mail().dispatchDue();
    } finally {
      assertThat(Thread.interrupted()).as("the interrupt flag, set again (and cleared here)").isTrue();
    }
    assertThat(calls).hasValue(1);
    assertThat(counts).isEqualTo(new MailOutbox.DispatchCounts(1, 0, 1, 0));
    assertThat(fx.kit.mail().pending(acme)).hasSize(3);
  }

  @Test
  @DisplayName("SPEC §5: on a store that refuses interrupted threads (as H2 does), a provider's hidden interrupt in "
      + "the send right after an invite still lets the batch be booked: each mail sent once, recorded SENT; the "
      + "caller's flag is set when inviteByEmail returns (review 18)")
  void providerInterruptDuringAnInviteKeepsTheBooking() {
    AtomicInteger calls = new AtomicInteger();
    List<MailMessage> sent = new CopyOnWriteArrayList<>();
    dev.invitekit.spi.store.Store refusingInterrupted = new dev.invitekit.spi.store.Store() {
      @Override
      public <T> T inTransaction(java.util.function.Function<dev.invitekit.spi.store.StoreTransaction, T> work) {
        if (Thread.currentThread().isInterrupted()) {
          throw new IllegalStateException("the connection refuses an interrupted thread (H2's 90028)");
        }
        return fx.store.inTransaction(work);
      }
    };
    Invitekit node = fx.anotherNode(b -> b.store(refusingInterrupted).mail(message -> {
      if (calls.getAndIncrement() == 0) {
        throw sneaky(new InterruptedException("the provider's own"));
      }
      sent.add(message);
      return new DeliveryResult.Delivered(message.messageId());
    }));
    InviteResult result;
    try {
      result = node.invitations().inviteByEmail(ada, acme, "c1@acme.com, c2@acme.com, c3@acme.com");
    } finally {
      assertThat(Thread.interrupted()).as("the interrupt flag, set when inviteByEmail returned").isTrue();
    }
    List<AddressOutcome.Invited> invited = RulesFixture.report(result).outcomes(AddressOutcome.Invited.class);
    assertThat(invited).extracting(AddressOutcome.Invited::delivery)
        .containsExactly(DeliveryStatus.FAILED_RETRYABLE, DeliveryStatus.SENT, DeliveryStatus.SENT);
    assertThat(invited).extracting(this::delivery)
        .containsExactly(DeliveryStatus.FAILED_RETRYABLE, DeliveryStatus.SENT, DeliveryStatus.SENT);
    fx.clock.advance(Duration.ofHours(1));
    assertThat(fx.kit.mail().dispatchDue().sent()).as("only the first mail, never the two already sent").isEqualTo(1);
    assertThat(sent).extracting(MailMessage::to).extracting(EmailAddress::toString)
        .containsExactlyInAnyOrder("c2@acme.com", "c3@acme.com");
  }

  @Test
  @DisplayName("SPEC §5: close() stops a running dispatch after the mail it is sending and, on the app's scheduler "
      + "too, returns after its bookkeeping: no mail goes out or is recorded after close() returns, and the rest "
      + "stays pending (reviews 17, 19)")
  void closeStopsARunningDispatch() throws Exception {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      list.append("q").append(i).append("@acme.com,");
    }
    dueAfterAFailedAttempt(list.toString());
    CountDownLatch first = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    ScheduledExecutorService app = Executors.newSingleThreadScheduledExecutor();
    Invitekit scheduled = fx.anotherNode(b -> b.mailScheduler(app).mailDispatchInterval(Duration.ofMillis(100))
        .mail(message -> {
      calls.incrementAndGet();
      first.countDown();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new DeliveryResult.Delivered(message.messageId());
    }));
    int atClose;
    int pendingAtClose;
    try {
      assertThat(first.await(30, TimeUnit.SECONDS)).as("the scheduled dispatch started").isTrue();
      scheduled.close();
      atClose = calls.get();
      pendingAtClose = fx.kit.mail().pending(acme).size();
      Thread.sleep(300);
    } finally {
      app.shutdownNow();
    }
    // the mail in flight when close() was called finished, and was recorded, before close() returned
    assertThat(calls.get()).as("provider calls after close() returned").isEqualTo(atClose);
    assertThat(pendingAtClose).as("pending when close() returned").isEqualTo(20 - atClose);
    assertThat(atClose).isLessThan(20);
    assertThat(scheduled.mail().dispatchDue().attempted()).isZero();
    assertThat(fx.kit.mail().pending(acme)).hasSize(20 - calls.get());
  }

  @Test
  @DisplayName("SPEC §5: close() called from inside the provider returns at once, on Invitekit's scheduler as on the "
      + "app's, without interrupting its own thread, and the mail it was sending is recorded (review 20)")
  void closeFromInsideTheProvider() throws Exception {
    dueAfterAFailedAttempt("r1@acme.com, r2@acme.com");
    ScheduledExecutorService app = Executors.newSingleThreadScheduledExecutor();
    try {
      for (boolean own : new boolean[] {true, false}) {
        fx.clock.advance(Duration.ofMinutes(10)); // past the lease of what the closed node claimed and left
        AtomicReference<Invitekit> self = new AtomicReference<>();
        AtomicLong closeNanos = new AtomicLong(-1);
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch closed = new CountDownLatch(1);
        int pendingBefore = fx.kit.mail().pending(acme).size();
        Invitekit.Builder b = fx.scheduledBuilder();
        b.mailDispatchInterval(Duration.ofMillis(100)).mail(message -> {
          if (closed.getCount() > 0) {
            while (self.get() == null) {
              Thread.onSpinWait(); // the first run may start before build() has returned to the test
            }
            long start = System.nanoTime();
            self.get().close();
            closeNanos.set(System.nanoTime() - start);
            interrupted.set(Thread.currentThread().isInterrupted());
            closed.countDown();
          }
          return new DeliveryResult.Delivered(message.messageId());
        });
        if (!own) {
          b.mailScheduler(app);
        }
        Invitekit kit = b.build();
        self.set(kit);
        assertThat(closed.await(30, TimeUnit.SECONDS)).as("a scheduled run called close()").isTrue();
        kit.close();
        assertThat(Duration.ofNanos(closeNanos.get())).as("close() inside the provider, own scheduler: " + own)
            .isLessThan(Duration.ofSeconds(4));
        assertThat(interrupted).as("the provider's thread interrupted by its own close()").isFalse();
        assertThat(fx.kit.mail().pending(acme)).as("the mail being sent is recorded, the rest stays")
            .hasSize(pendingBefore - 1);
      }
    } finally {
      app.shutdownNow();
    }
  }

  @ParameterizedTest(name = "closing thread interrupted: {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("SPEC §5: close() waits for a manual dispatchDue() running on another thread to record what it sent, "
      + "also on an interrupted thread, whose flag it keeps; afterwards a request's mail is not sent but stays in the "
      + "outbox for another node (reviews 20, 21)")
  void closeWaitsForEveryDispatchAndThenSendsNothing(boolean interrupted) throws Exception {
    dueAfterAFailedAttempt("m1@acme.com");
    CountDownLatch sending = new CountDownLatch(1);
    List<MailMessage> sent = new CopyOnWriteArrayList<>();
    Invitekit node = fx.anotherNode(b -> b.mail(message -> {
      sending.countDown();
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sent.add(message);
      return new DeliveryResult.Delivered(message.messageId());
    }));
    java.util.concurrent.ExecutorService jobRunner = Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<MailOutbox.DispatchCounts> run = jobRunner.submit(() -> node.mail().dispatchDue());
      assertThat(sending.await(30, TimeUnit.SECONDS)).as("the manual dispatch is sending").isTrue();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      node.close();
      assertThat(Thread.interrupted()).as("the closing thread's interrupt flag, kept").isEqualTo(interrupted);
      assertThat(fx.kit.mail().pending(acme)).as("pending when close() returned: the send is recorded").isEmpty();
      assertThat(run.get(30, TimeUnit.SECONDS).sent()).isEqualTo(1);
    } finally {
      jobRunner.shutdownNow();
    }

    InviteResult late = node.invitations().inviteByEmail(ada, acme, "m2@acme.com");
    assertThat(RulesFixture.report(late).outcomes(AddressOutcome.Invited.class)).singleElement()
        .extracting(AddressOutcome.Invited::delivery).isEqualTo(DeliveryStatus.NOT_SENT);
    assertThat(sent).hasSize(1);
    assertThat(fx.kit.mail().pending(acme)).singleElement().extracting(m -> String.valueOf(m.to()))
        .isEqualTo("m2@acme.com");
    failure.set(null);
    fx.clock.advance(Duration.ofMinutes(10));
    assertThat(fx.kit.mail().dispatchDue().sent()).as("another node sends it once its lease ends").isEqualTo(1);
    assertThat(delivered).extracting(m -> m.to().toString()).containsExactly("m2@acme.com");
  }

  @Test
  @DisplayName("SPEC §5: two nodes dispatching the same outbox at once send each pending message exactly once (claims)")
  void twoNodesDispatchConcurrently() throws Exception {
    failure.set(DeliveryResult.Failed.transientFailure("421 busy"));
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      list.append("p").append(i).append("@acme.com,");
    }
    invite(list.toString());
    assertThat(fx.kit.mail().pending(acme)).hasSize(20);
    fx.clock.advance(Duration.ofHours(1));
    Invitekit one = fx.anotherNode(b -> {});
    Invitekit two = fx.anotherNode(b -> {});
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<MailOutbox.DispatchCounts>> runs = List.of(
          pool.submit(() -> { start.await(); return one.mail().dispatchDue(); }),
          pool.submit(() -> { start.await(); return two.mail().dispatchDue(); }));
      start.countDown();
      int sent = 0;
      for (java.util.concurrent.Future<MailOutbox.DispatchCounts> run : runs) {
        sent += run.get(30, java.util.concurrent.TimeUnit.SECONDS).sent();
      }
      assertThat(sent).isEqualTo(20);
    } finally {
      pool.shutdownNow();
    }
    assertThat(fx.mailbox.all()).hasSize(20).extracting(MailMessage::messageId).doesNotHaveDuplicates();
    assertThat(fx.kit.mail().pending(acme)).isEmpty();
  }

  @Test
  @DisplayName("SPEC §5: the scheduled task is dispatchDue(): run by the app's scheduler, it delivers what is due")
  void scheduledTaskDispatches() {
    List<Runnable> scheduled = new CopyOnWriteArrayList<>();
    ScheduledExecutorService capturing = new java.util.concurrent.ScheduledThreadPoolExecutor(1) {
      @Override
      public java.util.concurrent.ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay,
          long delay, java.util.concurrent.TimeUnit unit) {
        scheduled.add(command);
        return super.scheduleWithFixedDelay(command, 1, 1, java.util.concurrent.TimeUnit.DAYS);
      }
    };
    try (Invitekit node = fx.anotherNode(b -> b.mailScheduler(capturing))) {
      dueAfterAFailedAttempt("bob@acme.com");
      assertThat(scheduled).hasSize(1);
      scheduled.get(0).run();
      assertThat(fx.mailbox.all()).singleElement().extracting(MailMessage::to)
          .isEqualTo(EmailAddress.parse("bob@acme.com"));
      assertThat(node.mail().pending(acme)).isEmpty();
    } finally {
      capturing.shutdownNow();
    }
  }
  @Test
  @DisplayName("SPEC §5: a provider's failure detail that quotes the message's link is kept and logged without the "
      + "link or its token, while pending and after giving up (review 19)")
  void providerDetailQuotingTheLinkIsRedacted() {
    AtomicReference<String> quoted = new AtomicReference<>();
    RulesFixture quoting = new RulesFixture(b -> b.mail(message -> {
      if (message.kind() != MailMessage.Kind.INVITATION) {
        return new DeliveryResult.Delivered(message.messageId());
      }
      String url = String.valueOf(message.actionUrl());
      quoted.set(url);
      return failure.get() == null ? DeliveryResult.Failed.transientFailure("421 refused: " + url + " looks like spam")
          : DeliveryResult.Failed.permanentFailure("554 content rejected, token " + url.substring(url.lastIndexOf('/') + 1));
    }));
    quoting.createAcme();
    quoting.kit.invitations().inviteByEmail(quoting.adaId(), quoting.acmeId(), "bob@acme.com");
    String token = quoted.get().substring(quoted.get().lastIndexOf('/') + 1);
    assertThat(token).hasSizeGreaterThan(30);

    assertThat(quoting.kit.mail().pending(quoting.acmeId())).singleElement().satisfies(m -> assertThat(m.lastError())
        .isEqualTo("421 refused: [link] looks like spam").doesNotContain(token));

    failure.set(DeliveryResult.Failed.permanentFailure("next"));
    quoting.advance(Duration.ofHours(1));
    quoting.kit.mail().dispatchDue();
    assertThat(quoting.kit.mail().givenUp(quoting.acmeId())).singleElement().satisfies(m -> assertThat(m.lastError())
        .startsWith("554 content rejected, token [redacted]").doesNotContain(token));
  }
}
