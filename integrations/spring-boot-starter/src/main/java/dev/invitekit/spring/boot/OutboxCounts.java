package dev.invitekit.spring.boot;

import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How many outbox entries are pending and given up, across all accounts, for the metrics and the health
 * indicator. {@code kit.mail()} answers per account; the whole outbox is an operator question, so it is asked
 * of the store ({@code outbox(null, status, limit)}), at most {@link #CAP} entries per status, and the answer
 * is kept for a few seconds so that frequent scrapes cost one query each per interval.
 */
final class OutboxCounts {
  /** The most entries counted per status; a larger outbox is reported as this many. */
  static final int CAP = 10_000;

  private final Store store;
  private final Clock clock;
  private final Duration maxAge;
  private @Nullable Snapshot last;

  OutboxCounts(Store store, Clock clock, Duration maxAge) {
    this.store = store;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /**
   * What the outbox holds now (or at most {@code maxAge} ago).
   *
   * @param pending entries waiting for delivery, at most {@link #CAP}
   * @param givenUp entries given up, at most {@link #CAP}
   * @param oldestDue when the pending entry due first was due, or null when none is pending
   * @param at when it was read
   */
  record Snapshot(int pending, int givenUp, @Nullable Instant oldestDue, Instant at) {}

  synchronized Snapshot snapshot() {
    Instant now = clock.instant();
    Snapshot s = last;
    if (s != null && !s.at().plus(maxAge).isBefore(now) && !s.at().isAfter(now)) {
      return s;
    }
    s = store.inTransaction(tx -> {
      List<OutboxEntry> pending = tx.outbox().inStatus(OutboxEntry.Status.PENDING, CAP);
      int givenUp = tx.outbox().inStatus(OutboxEntry.Status.GAVE_UP, CAP).size();
      Instant oldest = pending.stream().map(OutboxEntry::nextAttemptAt).min(Instant::compareTo).orElse(null);
      return new Snapshot(pending.size(), givenUp, oldest, now);
    });
    last = s;
    return s;
  }
}
