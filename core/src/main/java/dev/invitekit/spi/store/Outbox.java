package dev.invitekit.spi.store;

import dev.invitekit.id.AccountId;
import dev.invitekit.spi.store.OutboxEntry.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The mail outbox (SPEC §5), reached through {@link StoreTransaction#outbox()}: a message is recorded in
 * the unit of work of the change it reports, and delivered after that one committed, at least once.
 */
public interface Outbox {

  /** What became of one step of {@link #completeAll}. */
  enum CompleteOutcome {
    /** The entry was pending and is now final. */
    COMPLETED,
    /** Nothing changed: the entry is not pending (or unknown). */
    NOT_PENDING
  }

  /** Records a message to deliver. Plain write. Ids are unique. */
  void insert(OutboxEntry entry);

  /**
   * {@link #insert} for each entry, in list order. Plain write; a store should send them as one batch (a
   * bulk invite records up to 20 mails).
   */
  default void insertAll(List<OutboxEntry> entries) {
    for (OutboxEntry entry : entries) {
      insert(entry);
    }
  }

  /** The entry with this id. Plain read. */
  Optional<OutboxEntry> find(String id);

  /**
   * The entries with these ids: a map from each id that exists to what {@link #find} answers for it;
   * unknown ids are absent. Plain read; a store should answer with one query.
   */
  default Map<String, OutboxEntry> findAll(Collection<String> ids) {
    Map<String, OutboxEntry> found = new LinkedHashMap<>();
    for (String id : ids) {
      if (!found.containsKey(id)) {
        find(id).ifPresent(entry -> found.put(id, entry));
      }
    }
    return found;
  }

  /**
   * Claims up to {@code limit} due entries for delivery: {@code PENDING}, {@code nextAttemptAt <= now},
   * and unclaimed or with {@code claimedUntil <= now}; sets their {@code claimedUntil} to
   * {@code leaseUntil} and returns them as claimed, earliest {@code nextAttemptAt} first. Atomic: while a
   * lease holds, no other unit of work, on this node or another, claims the same entry.
   */
  List<OutboxEntry> claim(Instant now, Instant leaseUntil, int limit);

  /**
   * Schedules another attempt of a pending entry: sets its attempts, next attempt and last error, and
   * releases the claim. Returns false, changing nothing, if the entry is not pending. Atomic: the check
   * and the write are one step.
   */
  boolean reschedule(String id, int attempts, Instant nextAttemptAt, String lastError);

  /**
   * Ends a pending entry as {@code SENT} or {@code GAVE_UP}: records the attempts and the error (null when
   * sent), releases the claim, and erases the payload (makes it empty). Returns false, changing nothing,
   * if the entry is not pending. Atomic: the check and the write are one step.
   *
   * @throws IllegalArgumentException if {@code status} is {@code PENDING}
   */
  boolean complete(String id, Status status, int attempts, @Nullable String lastError);

  /**
   * {@link #complete} for each step, in list order, each independently: one outcome per step, in the same
   * order. Atomic per step. A store should send them as one batch.
   */
  default List<CompleteOutcome> completeAll(List<OutboxCompletion> completions) {
    List<CompleteOutcome> outcomes = new ArrayList<>(completions.size());
    for (OutboxCompletion c : completions) {
      outcomes.add(complete(c.id(), c.status(), c.attempts(), c.lastError())
          ? CompleteOutcome.COMPLETED : CompleteOutcome.NOT_PENDING);
    }
    return outcomes;
  }

  /** Every account's entries in {@code status}, oldest first, at most {@code limit}. Plain read. */
  List<OutboxEntry> inStatus(Status status, int limit);

  /** The account's entries in {@code status}, oldest first, at most {@code limit}. Plain read. */
  List<OutboxEntry> ofAccount(AccountId accountId, Status status, int limit);
}
