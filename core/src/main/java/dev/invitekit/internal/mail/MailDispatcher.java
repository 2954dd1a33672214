package dev.invitekit.internal.mail;

import dev.invitekit.error.InvitekitException;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.InvitationId;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.outbox.MailOutbox;
import dev.invitekit.outbox.OutboxMessage;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.mail.MailSender;
import dev.invitekit.spi.store.DeliveryRecord;
import dev.invitekit.spi.store.InvitationStore;
import dev.invitekit.spi.store.OutboxCompletion;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.TokenDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox (SPEC §5), at least once. Use cases {@link #enqueue} a message inside their unit of
 * work, claimed by this node for a lease, and {@link #deliverNow} it right after commit; whatever fails
 * transiently is rescheduled with capped exponential backoff and full jitter and picked up by
 * {@link #dispatchDue()}, on this node or another, until the give-up time. Outcomes of an invitation's mail
 * are recorded on the invitation ({@link DeliveryStatus}) and failures published as
 * {@link InvitekitEvent.InvitationDeliveryFailed}.
 *
 * <p>Delivery status of an invitation: {@code SENT} once accepted by the provider; {@code FAILED_RETRYABLE}
 * while the outbox is still retrying; {@code FAILED_PERMANENT} once it gave up, whether for a permanent
 * failure or because transient failures outlasted the give-up time. A re-send issues a new message.
 */
public final class MailDispatcher implements MailOutbox {
  private static final Logger LOG = LoggerFactory.getLogger(MailDispatcher.class);
  private static final int BATCH = 100;
  private static final int VIEW_LIMIT = 1_000;
  /** Longer than any sane provider timeout, so a slow send is not claimed twice. */
  static final Duration LEASE = Duration.ofMinutes(5);

  /**
   * How the outbox retries.
   *
   * @param baseDelay the first backoff ceiling; doubles per attempt
   * @param maxDelay the ceiling the doubling stops at
   * @param giveUpAfter how long after it was recorded a message is given up when it still fails
   */
  public record Retry(Duration baseDelay, Duration maxDelay, Duration giveUpAfter) {
    /** Defaults: 30 seconds doubling up to 30 minutes, give up after 24 hours. */
    public static final Retry DEFAULT = new Retry(Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofHours(24));
  }

  private final UnitOfWork work;
  private final Clock clock;
  private final EventBus events;
  private final MailSender sender;
  private final OutboxPayload payloads;
  private final Retry retry;
  /** Set by {@link #stop}: the kit is closing. */
  private volatile boolean stopping;
  /** Read-held by each entry point while it runs, so that {@link #stop(Duration)} can wait for them all. */
  private final ReentrantReadWriteLock running = new ReentrantReadWriteLock();
  /** Whether the provider threw an interrupt on this thread since its entry point began. */
  private static final ThreadLocal<Boolean> PROVIDER_INTERRUPTED = ThreadLocal.withInitial(() -> Boolean.FALSE);

  /** A dispatcher on the store's units of work, the clock and the events, sending through {@code sender}. */
  public MailDispatcher(UnitOfWork work, Clock clock, EventBus events, MailSender sender, OutboxPayload payloads,
      Retry retry) {
    this.work = work;
    this.clock = clock;
    this.events = events;
    this.sender = sender;
    this.payloads = payloads;
    this.retry = retry;
  }

  /**
   * Records {@code message} in the outbox inside the caller's unit of work, claimed by this node so that no
   * scheduler sends it before {@link #deliverNow} does; if this node dies first, the lease runs out and any
   * node sends it. Returns the entry's id, which is the message's {@code Message-ID}.
   */
  public String enqueue(StoreTransaction tx, MailMessage message, @Nullable AccountId accountId,
      @Nullable InvitationId invitationId, @Nullable TokenDigest digest) {
    return record(tx, message, accountId, invitationId, digest).id();
  }

  /**
   * {@link #enqueue}, handing back the entry with its message, for a caller that sends it with
   * {@link #deliverRecorded} once its unit of work committed, without reading the entry back or opening it.
   */
  public Outgoing record(StoreTransaction tx, MailMessage message, @Nullable AccountId accountId,
      @Nullable InvitationId invitationId, @Nullable TokenDigest digest) {
    Outgoing mail = outgoing(message, accountId, invitationId, digest);
    tx.outbox().insert(mail.entry());
    return mail;
  }

  /**
   * A message and the outbox entry sealed for it by this node ({@link #outgoing}): what
   * {@link #deliverRecorded} sends right after the entry's unit of work committed, without reading the entry
   * back or opening its payload (SPEC §5). Both parts show themselves redacted: the message holds the link
   * with its token (I5).
   */
  public record Outgoing(OutboxEntry entry, MailMessage message) {
    /** The entry's id, the message's {@code Message-ID}. */
    public String id() {
      return entry.id();
    }
  }

  /**
   * The outbox entry {@link #enqueue} records for {@code message}, with the message, for a caller recording
   * several at once and delivering them with {@link #deliverRecorded} after commit.
   */
  public Outgoing outgoing(MailMessage message, @Nullable AccountId accountId, @Nullable InvitationId invitationId,
      @Nullable TokenDigest digest) {
    return new Outgoing(entry(message, accountId, invitationId, digest), message);
  }

  /** The outbox entry for {@code message}: what {@link #enqueue} records, and {@link #outgoing} hands out. */
  private OutboxEntry entry(MailMessage message, @Nullable AccountId accountId, @Nullable InvitationId invitationId,
      @Nullable TokenDigest digest) {
    Instant now = clock.instant();
    String id = message.messageId();
    // The recipient in the clear beside the sealed payload: operators must see who did not get mail once
    // the payload is erased (issue 9 item 11); an address is not a secret, the link is.
    return new OutboxEntry(id, accountId, invitationId, digest, payloads.seal(message, id),
        OutboxEntry.Status.PENDING, 0, now, now, now.plus(LEASE), null, message.to());
  }

  /**
   * One attempt at entries this node enqueued, right after their unit of work committed; never throws for
   * mail or store problems. Returns each entry's delivery status, as {@link #deliverNow(String)} would.
   *
   * <p>In a bounded number of units of work whatever their number: one reads the entries and their
   * invitations (is the link still current?), then each is sent, then one completes them all and records
   * their deliveries, in batches; failures are announced after it committed. Should that last unit of work
   * fail, the entries stay pending and their lease runs out: they are sent again (at least once, never
   * lost), as when one entry's completion fails.
   */
  public Map<String, DeliveryStatus> deliverNow(List<String> ids) {
    return keepingInterrupt(() -> deliverNowOnce(ids));
  }

  private Map<String, DeliveryStatus> deliverNowOnce(List<String> ids) {
    Map<String, DeliveryStatus> statuses = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return statuses;
    }
    record Read(Map<String, OutboxEntry> entries, Map<InvitationId, StoredInvitation> invitations) {}
    Read read;
    try {
      read = work.tx("reading outbox entries", tx -> {
        Map<String, OutboxEntry> entries = tx.outbox().findAll(ids);
        List<InvitationId> invitations = entries.values().stream()
            .filter(e -> e.status() == OutboxEntry.Status.PENDING && e.invitationId() != null && e.tokenDigest() != null)
            .map(OutboxEntry::invitationId).distinct().toList();
        return new Read(entries, invitations.isEmpty() ? Map.of() : tx.invitations().findAll(invitations));
      });
    } catch (InvitekitException e) {
      LOG.warn("Could not read outbox entries {} to send them; the dispatcher will: {}", ids, e.getMessage());
      ids.forEach(id -> statuses.put(id, DeliveryStatus.NOT_SENT));
      return statuses;
    }
    Deferred book = new Deferred();
    for (String id : ids) {
      OutboxEntry entry = read.entries().get(id);
      if (statuses.containsKey(id)) {
        continue;
      }
      if (entry == null || entry.status() != OutboxEntry.Status.PENDING) {
        statuses.put(id, entry == null ? DeliveryStatus.NOT_SENT
            : entry.status() == OutboxEntry.Status.SENT ? DeliveryStatus.SENT : DeliveryStatus.FAILED_PERMANENT);
        continue;
      }
      statuses.put(id, attempt(entry, () -> superseded(entry, Optional.ofNullable(entry.invitationId())
          .map(read.invitations()::get)), book));
    }
    book.apply();
    return statuses;
  }

  /**
   * One attempt at messages this node recorded with {@link #outgoing}, right after their unit of work
   * committed; never throws for mail or store problems. Returns each entry's delivery status, as
   * {@link #deliverNow(List)} would.
   *
   * <p>Unlike {@link #deliverNow(List)} it reads nothing back: the messages are in hand, and as of the commit
   * just made each entry is pending and leased to this node, and each invitation is pending with the token
   * of its mail. Each message is sent, then one unit of work completes them all and records their
   * deliveries, in batches (two statements and a commit, however many). At least once, never lost, as
   * there: should that unit of work fail, or this node die first, the entries stay pending, their lease runs
   * out and {@link #dispatchDue()} sends them from their sealed payloads. A re-send of the same invitation
   * committed by another request in the instant between this commit and this send lets the older mail out
   * as well (so could the read of {@link #deliverNow(List)}, a moment earlier); its link then answers that a
   * newer mail was sent (I7), and its delivery is not recorded on the invitation, whose token changed. Likewise
   * an invitation revoked while the provider still handles an earlier mail of the batch is mailed all the
   * same; its link answers that it was withdrawn (I8). Both are checked by {@code MailDuringBatchTest}.
   */
  public Map<String, DeliveryStatus> deliverRecorded(List<Outgoing> mails) {
    return keepingInterrupt(() -> deliverRecordedOnce(mails));
  }

  private Map<String, DeliveryStatus> deliverRecordedOnce(List<Outgoing> mails) {
    Map<String, DeliveryStatus> statuses = new LinkedHashMap<>();
    Deferred book = new Deferred();
    for (Outgoing mail : mails) {
      if (!statuses.containsKey(mail.id())) {
        statuses.put(mail.id(), send(mail.entry(), mail.entry().attempts() + 1, mail.message(), () -> false, book));
      }
    }
    book.apply();
    return statuses;
  }

  /** {@link #deliverNow(List)} for one entry. */
  public DeliveryStatus deliverNow(String id) {
    return keepingInterrupt(() -> deliverNowOnce(id));
  }

  private DeliveryStatus deliverNowOnce(String id) {
    Optional<OutboxEntry> entry;
    try {
      entry = work.tx("reading an outbox entry", tx -> tx.outbox().find(id));
    } catch (InvitekitException e) {
      LOG.warn("Could not read outbox entry {} to send it; the dispatcher will: {}", id, e.getMessage());
      return DeliveryStatus.NOT_SENT;
    }
    if (entry.isEmpty() || entry.get().status() != OutboxEntry.Status.PENDING) {
      return entry.map(e -> e.status() == OutboxEntry.Status.SENT ? DeliveryStatus.SENT : DeliveryStatus.FAILED_PERMANENT)
          .orElse(DeliveryStatus.NOT_SENT);
    }
    return attempt(entry.get());
  }

  @Override
  public DispatchCounts dispatchDue() {
    return keepingInterrupt(this::dispatchDueOnce);
  }

  private DispatchCounts dispatchDueOnce() {
    int attempted = 0;
    int sent = 0;
    int retrying = 0;
    int gaveUp = 0;
    while (true) {
      // Once the kit is closing, or this thread is interrupted, no more is claimed or sent: what was claimed
      // and not sent waits for its lease, and any node sends it then.
      if (stopped()) {
        return new DispatchCounts(attempted, sent, retrying, gaveUp);
      }
      Instant now = clock.instant();
      List<OutboxEntry> claimed = work.tx("claiming due mail", tx -> tx.outbox().claim(now, now.plus(LEASE), BATCH));
      for (OutboxEntry entry : claimed) {
        if (stopped()) {
          return new DispatchCounts(attempted, sent, retrying, gaveUp);
        }
        attempted++;
        switch (attempt(entry)) {
          case SENT -> sent++;
          case FAILED_RETRYABLE -> retrying++;
          default -> gaveUp++;
        }
      }
      if (claimed.size() < BATCH) {
        return new DispatchCounts(attempted, sent, retrying, gaveUp);
      }
    }
  }

  /**
   * Whether {@code thrown} says the JVM itself is failing (out of memory, an internal error), which no caller
   * can treat as one mail's failure; a provider's stack overflow is its own.
   */
  private static boolean jvmFailing(Throwable thrown) {
    return thrown instanceof VirtualMachineError && !(thrown instanceof StackOverflowError);
  }

  /**
   * Stops sending, for {@link dev.invitekit.Invitekit#close()}: {@link #dispatchDue} stops after the mail it is
   * sending, and no entry point sends anything afterwards (SPEC §5: what is left is in the outbox, leased at most
   * until its lease ends). Then waits up to {@code timeout} for every entry point running on other threads (a
   * scheduled or manual {@code dispatchDue()}, a request's delivery after its commit) to record what it sent, so
   * that the store can be closed next (review 20).
   *
   * @return whether nothing is running any more; false at once when called from inside a send on this thread
   *     (a provider or listener closing the kit), which cannot wait for itself. An interrupt does not cut the wait
   *     short; the thread's interrupt flag is set again before it returns
   */
  public boolean stop(Duration timeout) {
    stopping = true;
    if (running.getReadHoldCount() > 0) {
      return false;
    }
    // Waits on a thread whose interrupt flag is set too (a shutdown path often is one), and sets the flag again
    // afterwards: the store may be closed next, so the wait matters more than a prompt return (review 21).
    boolean interrupted = Thread.interrupted();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        try {
          if (running.writeLock().tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            running.writeLock().unlock();
            return true;
          }
          return false;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether this thread is inside one of the dispatcher's entry points, such as a provider's {@code send}. */
  public boolean dispatchingOnThisThread() {
    return running.getReadHoldCount() > 0;
  }

  private boolean stopped() {
    return stopping || Thread.currentThread().isInterrupted() || PROVIDER_INTERRUPTED.get();
  }

  /**
   * Runs an entry point's {@code call}, counted as running for {@link #stop(Duration)}; then sets the thread's
   * interrupt flag again if the provider threw an interrupt meanwhile: after the bookkeeping, so that it is done
   * on a thread that is not interrupted.
   */
  private <T> T keepingInterrupt(Supplier<T> call) {
    running.readLock().lock();
    try {
      return call.get();
    } finally {
      running.readLock().unlock();
      if (PROVIDER_INTERRUPTED.get()) {
        PROVIDER_INTERRUPTED.remove();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One delivery attempt of a claimed entry, and its bookkeeping, each step in a unit of work of its own. */
  private DeliveryStatus attempt(OutboxEntry entry) {
    return attempt(entry, () -> superseded(entry), immediate);
  }

  /** One delivery attempt of a claimed entry; its bookkeeping goes to {@code book}. */
  private DeliveryStatus attempt(OutboxEntry entry, java.util.function.BooleanSupplier superseded, Book book) {
    int attempts = entry.attempts() + 1;
    MailMessage message;
    try {
      message = payloads.open(entry.payload(), entry.id());
    } catch (OutboxPayload.Unreadable e) {
      // Sealed under another node's key (or before a restart with a random key): another node may hold it.
      return failed(entry, attempts, "not sent by this node: " + e.getMessage(), false, null, book);
    }
    return send(entry, attempts, message, superseded, book);
  }

  /** One delivery attempt of a claimed entry whose message is open; its bookkeeping goes to {@code book}. */
  private DeliveryStatus send(OutboxEntry entry, int attempts, MailMessage message,
      java.util.function.BooleanSupplier superseded, Book book) {
    if (stopping) {
      return DeliveryStatus.NOT_SENT; // the kit is closing: the entry waits in the outbox for its lease to end
    }
    if (superseded.getAsBoolean()) {
      book.complete(entry, OutboxEntry.Status.GAVE_UP, attempts,
          "superseded: the invitation was sent again or is no longer open, so this link no longer works");
      return DeliveryStatus.FAILED_PERMANENT;
    }
    DeliveryResult result;
    try {
      result = sender.send(message);
    } catch (Throwable e) {
      // Whatever a provider throws is its failure to deliver, and transient (MailSender): a checked exception
      // it did not declare, a missing class of its mail library, its own recursion. Only the JVM failing
      // itself goes on up. Never the exception's message: a provider might quote the message in it.
      if (jvmFailing(e)) {
        throw e;
      }
      if (e instanceof InterruptedException) {
        // Thrown without being declared: the interrupt it reports is the caller's (close() stopping the
        // schedule). The flag is set again when the entry point returns, after its bookkeeping, which a store
        // may refuse on an interrupted thread (H2 does); the dispatch loop stops at once (review 18).
        PROVIDER_INTERRUPTED.set(Boolean.TRUE);
      }
      LOG.warn("Mail provider {} threw {} while sending {}; treating it as a transient failure",
          sender.getClass().getName(), e.getClass().getName(), message);
      result = DeliveryResult.Failed.transientFailure("the provider threw " + e.getClass().getSimpleName());
    }
    if (result == null) {
      // A provider's bug, never a delivery: counted as sent, its payload would be erased and the mail lost.
      LOG.warn("Mail provider {} returned no result for {}; treating it as a transient failure",
          sender.getClass().getName(), message);
      result = DeliveryResult.Failed.transientFailure("the provider returned no result");
    }
    if (result instanceof DeliveryResult.Failed failed) {
      String detail = message.redact(failed.detail());
      LOG.warn("Could not deliver {} (attempt {}): {} ({})", message, attempts, detail,
          failed.permanent() ? "permanent" : "transient");
      return failed(entry, attempts, detail, failed.permanent(), message, book);
    }
    book.complete(entry, OutboxEntry.Status.SENT, attempts, null);
    book.record(entry, DeliveryStatus.SENT, attempts);
    return DeliveryStatus.SENT;
  }

  private DeliveryStatus failed(OutboxEntry entry, int attempts, String detail, boolean permanent,
      @Nullable MailMessage message, Book book) {
    Instant now = clock.instant();
    Instant giveUpAt = entry.createdAt().plus(retry.giveUpAfter());
    if (permanent || !now.isBefore(giveUpAt)) {
      // The payload is erased on completion, so say here what was not delivered to whom: operators need it.
      String what = message == null ? "" : " [" + message.kind() + " to " + message.to() + "]";
      book.complete(entry, OutboxEntry.Status.GAVE_UP, attempts, (permanent ? detail : "gave up after " + attempts
          + " attempts: " + detail) + what);
      book.record(entry, DeliveryStatus.FAILED_PERMANENT, attempts);
      return DeliveryStatus.FAILED_PERMANENT;
    }
    Instant next = now.plus(backoff(attempts));
    if (next.isAfter(giveUpAt)) {
      next = giveUpAt;
    }
    book.reschedule(entry, attempts, next, detail);
    book.record(entry, DeliveryStatus.FAILED_RETRYABLE, attempts);
    return DeliveryStatus.FAILED_RETRYABLE;
  }

  /** Where an attempt's bookkeeping goes: completion, rescheduling, the delivery recorded on the invitation. */
  private interface Book {
    void complete(OutboxEntry entry, OutboxEntry.Status status, int attempts, @Nullable String error);

    void reschedule(OutboxEntry entry, int attempts, Instant nextAttempt, String detail);

    void record(OutboxEntry entry, DeliveryStatus status, int attempts);
  }

  /** Each step at once, in a unit of work of its own. */
  private final Book immediate = new Book() {
    @Override
    public void complete(OutboxEntry entry, OutboxEntry.Status status, int attempts, @Nullable String error) {
      MailDispatcher.this.complete(entry, status, attempts, error);
    }

    @Override
    public void reschedule(OutboxEntry entry, int attempts, Instant nextAttempt, String detail) {
      try {
        work.tx("rescheduling mail", tx -> tx.outbox().reschedule(entry.id(), attempts, nextAttempt, detail));
      } catch (InvitekitException e) {
        LOG.warn("Could not reschedule outbox entry {}; its lease runs out and it is tried again: {}", entry.id(),
            e.getMessage());
      }
    }

    @Override
    public void record(OutboxEntry entry, DeliveryStatus status, int attempts) {
      MailDispatcher.this.record(entry, status, attempts);
    }
  };

  /** The steps gathered, then applied in one unit of work with batched writes ({@link #apply}). */
  private final class Deferred implements Book {
    private record Reschedule(String id, int attempts, Instant nextAttempt, String detail) {}

    private record Announce(AccountId account, InvitationId invitation, DeliveryStatus status, boolean announce) {}

    private record Delivered(InvitationId invitation, TokenDigest digest, DeliveryStatus status) {}

    private final List<OutboxCompletion> completions = new ArrayList<>();
    private final List<Reschedule> reschedules = new ArrayList<>();
    /** The deliveries to record, timed when the round is applied ({@link #apply}). */
    private final List<Delivered> delivered = new ArrayList<>();
    private final List<Announce> announces = new ArrayList<>();

    @Override
    public void complete(OutboxEntry entry, OutboxEntry.Status status, int attempts, @Nullable String error) {
      completions.add(new OutboxCompletion(entry.id(), status, attempts, error));
    }

    @Override
    public void reschedule(OutboxEntry entry, int attempts, Instant nextAttempt, String detail) {
      reschedules.add(new Reschedule(entry.id(), attempts, nextAttempt, detail));
    }

    @Override
    public void record(OutboxEntry entry, DeliveryStatus status, int attempts) {
      InvitationId invitation = entry.invitationId();
      TokenDigest digest = entry.tokenDigest();
      AccountId account = entry.accountId();
      if (invitation == null || digest == null || account == null) {
        return;
      }
      delivered.add(new Delivered(invitation, digest, status));
      announces.add(new Announce(account, invitation, status, status == DeliveryStatus.FAILED_PERMANENT
          || (status == DeliveryStatus.FAILED_RETRYABLE && attempts == 1)));
    }

    void apply() {
      if (completions.isEmpty() && reschedules.isEmpty() && delivered.isEmpty()) {
        return;
      }
      // One instant for the round's deliveries, read after its last send: never before any of them happened,
      // nor before a change another request made to an invitation while it was being sent (its updatedAt),
      // and alike, so that a store can record the round in one statement (InvitationStore.recordDeliveries).
      Instant at = clock.instant();
      List<DeliveryRecord> records = new ArrayList<>(delivered.size());
      for (Delivered d : delivered) {
        records.add(new DeliveryRecord(d.invitation(), d.digest(), d.status(), at));
      }
      List<InvitationStore.RecordOutcome> recorded;
      try {
        recorded = work.tx("completing mail and recording deliveries", tx -> {
          tx.outbox().completeAll(completions);
          for (Reschedule r : reschedules) {
            tx.outbox().reschedule(r.id(), r.attempts(), r.nextAttempt(), r.detail());
          }
          return tx.invitations().recordDeliveries(records);
        });
      } catch (InvitekitException e) {
        // Left pending: their lease runs out and they are tried again. At least once, never lost.
        LOG.warn("Could not complete outbox entries {} and record their deliveries; they will be tried again: {}",
            completions.stream().map(OutboxCompletion::id).toList(), e.getMessage());
        return;
      }
      List<InvitekitEvent> failures = new ArrayList<>();
      for (int i = 0; i < recorded.size(); i++) {
        Announce a = announces.get(i);
        if (recorded.get(i) == InvitationStore.RecordOutcome.RECORDED && a.announce()) {
          failures.add(new InvitekitEvent.InvitationDeliveryFailed(records.get(i).at(), a.account(), a.invitation(),
              a.status() == DeliveryStatus.FAILED_RETRYABLE));
        }
      }
      for (InvitekitEvent event : failures) {
        events.publish(List.of(event));
      }
    }
  }

  /** Full jitter over a capped exponential: uniform in [0, min(max, base × 2^(attempts-1))]. */
  Duration backoff(int attempts) {
    long base = retry.baseDelay().toMillis();
    long cap = retry.maxDelay().toMillis();
    long ceiling = attempts > 30 ? cap : Math.min(cap, base << Math.max(0, attempts - 1));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }

  private boolean superseded(OutboxEntry entry) {
    InvitationId invitationId = entry.invitationId();
    if (invitationId == null || entry.tokenDigest() == null) {
      return false;
    }
    try {
      Optional<StoredInvitation> stored = work.tx("checking an invitation before mailing it",
          tx -> tx.invitations().find(invitationId));
      return superseded(entry, stored);
    } catch (InvitekitException e) {
      return false;
    }
  }

  /** Whether the entry's link no longer works: its invitation is gone, sent again, or no longer pending. */
  private static boolean superseded(OutboxEntry entry, Optional<StoredInvitation> stored) {
    if (entry.invitationId() == null || entry.tokenDigest() == null) {
      return false;
    }
    return stored.isEmpty() || !entry.tokenDigest().equals(stored.get().tokenDigest())
        || stored.get().invitation().state() != InvitationState.PENDING;
  }

  private void complete(OutboxEntry entry, OutboxEntry.Status status, int attempts, @Nullable String error) {
    try {
      work.tx("completing mail", tx -> tx.outbox().complete(entry.id(), status, attempts, error));
    } catch (InvitekitException e) {
      // Left pending: its lease runs out and it is tried again. At least once, never lost.
      LOG.warn("Could not mark outbox entry {} {}; it will be tried again: {}", entry.id(), status, e.getMessage());
    }
  }

  /**
   * Records an invitation mail's outcome on the invitation (if its token is still current) and publishes a
   * failure: the first transient one (still retrying) and the giving up.
   */
  private void record(OutboxEntry entry, DeliveryStatus status, int attempts) {
    InvitationId invitation = entry.invitationId();
    TokenDigest digest = entry.tokenDigest();
    AccountId account = entry.accountId();
    if (invitation == null || digest == null || account == null) {
      return;
    }
    Instant at = clock.instant();
    boolean recorded;
    try {
      recorded = work.tx("recording a delivery", tx -> tx.invitations().recordDelivery(invitation, digest, status, at));
    } catch (InvitekitException e) {
      LOG.warn("Could not record the delivery status of invitation {}: {}", invitation, e.getMessage());
      return;
    }
    boolean announce = status == DeliveryStatus.FAILED_PERMANENT
        || (status == DeliveryStatus.FAILED_RETRYABLE && attempts == 1);
    if (recorded && announce) {
      events.publish(List.of(new InvitekitEvent.InvitationDeliveryFailed(at, account, invitation,
          status == DeliveryStatus.FAILED_RETRYABLE)));
    }
  }

  // ---- operator views

  @Override
  public List<OutboxMessage> pending(AccountId accountId) {
    return view(Objects.requireNonNull(accountId, "accountId"), OutboxEntry.Status.PENDING);
  }

  @Override
  public List<OutboxMessage> givenUp(AccountId accountId) {
    return view(Objects.requireNonNull(accountId, "accountId"), OutboxEntry.Status.GAVE_UP);
  }

  @Override
  public Optional<OutboxMessage> find(String messageId) {
    Objects.requireNonNull(messageId, "messageId");
    return work.tx("reading an outbox entry", tx -> tx.outbox().find(messageId)).map(this::toView);
  }

  private List<OutboxMessage> view(AccountId accountId, OutboxEntry.Status status) {
    List<OutboxEntry> entries = work.tx("listing the outbox", tx -> tx.outbox().ofAccount(accountId, status, VIEW_LIMIT));
    List<OutboxMessage> views = new ArrayList<>(entries.size());
    for (OutboxEntry entry : entries) {
      views.add(toView(entry));
    }
    return views;
  }

  private OutboxMessage toView(OutboxEntry entry) {
    MailMessage.Kind kind = null;
    dev.invitekit.email.EmailAddress to = entry.recipient();
    if (!entry.payload().isEmpty()) {
      try {
        MailMessage message = payloads.open(entry.payload(), entry.id());
        kind = message.kind();
        to = message.to();
      } catch (OutboxPayload.Unreadable e) {
        // Another node's key: the view shows what the store knows.
      }
    }
    return new OutboxMessage(entry.id(), entry.accountId(), entry.invitationId(), kind, to,
        OutboxMessage.Status.valueOf(entry.status().name()), entry.attempts(), entry.createdAt(),
        entry.nextAttemptAt(), entry.lastError());
  }
}
