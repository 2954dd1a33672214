package dev.invitekit.spi.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rate-limit counters shared by every node (A2), reached through {@link StoreTransaction#counters()}:
 * one count per key and window.
 */
public interface Counters {

  /** What became of one step of {@link #tryIncrementAll}. */
  enum IncrementOutcome {
    /** The permits were added. */
    TAKEN,
    /** Nothing changed: the permits would have taken the counter over its limit. */
    REFUSED
  }

  /**
   * Adds {@code permits} to the counter of {@code key} in the window starting at {@code window}, if the
   * result stays at or under {@code limit}; returns whether it did. Atomic: of concurrent calls, on one
   * node or many, never more than {@code limit} permits are taken in one window, and a call never fails
   * because another one created the same counter at the same moment.
   *
   * @throws IllegalArgumentException if {@code permits} is below 1
   */
  boolean tryIncrement(String key, Instant window, int permits, int limit);

  /**
   * {@link #tryIncrement} for each step, in list order, each atomically and independently (a refused one
   * does not undo or prevent the others): one outcome per step, in the same order. The same key may
   * appear several times: a later step sees what the earlier ones took. Atomic per step, as
   * {@link #tryIncrement}; two bulk increments over the same counters never deadlock, whatever order
   * their callers listed them in. A store should send them as one batch.
   */
  default List<IncrementOutcome> tryIncrementAll(List<CounterIncrement> increments) {
    List<IncrementOutcome> outcomes = new ArrayList<>(increments.size());
    for (CounterIncrement step : increments) {
      outcomes.add(tryIncrement(step.key(), step.window(), step.permits(), step.limit())
          ? IncrementOutcome.TAKEN : IncrementOutcome.REFUSED);
    }
    return outcomes;
  }

  /** Gives permits back to a counter (never below zero), for work that then did not happen. Atomic. */
  void decrement(String key, Instant window, int permits);

  /**
   * {@link #decrement} for each step's key, window and permits (its limit is not used), in list order.
   * Atomic per step. A store should send them as one batch.
   */
  default void decrementAll(List<CounterIncrement> decrements) {
    for (CounterIncrement step : decrements) {
      decrement(step.key(), step.window(), step.permits());
    }
  }

  /** The counter's value in the window; 0 if it was never incremented. Plain read. */
  int value(String key, Instant window);

  /** Deletes every counter of windows starting before {@code before}; returns how many. Plain write. */
  int deleteBefore(Instant before);
}
