package dev.invitekit.internal.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.invitekit.spi.store.CounterIncrement;
import dev.invitekit.spi.store.Counters;
import dev.invitekit.spi.store.StoreTransaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fixed-window rate limits (A2, I4, I7) whose counts live in the store, through
 * {@link dev.invitekit.spi.store.Counters#tryIncrement}: every node sharing one store enforces one limit, and a
 * permit taken inside a unit of work that rolls back is given back with it.
 *
 * <p>In front of the store sits a small Caffeine cache of windows this node has seen full. It can only
 * refuse earlier, never allow more: counts within a window only grow, except for {@link #release}, after
 * which this node may refuse a permit the store would still grant until the window ends. That is the one
 * direction that is safe to get wrong. A window is remembered as full <em>for the limit it was full
 * under</em>: the limit is part of the cache key, so when an admin raises a limit (A2) no node keeps
 * refusing on what it saw under the old one; the store decides afresh (issue 9 item 2). Nothing cached
 * outlives a policy change.
 */
public final class RateLimiter {
  private final Clock clock;
  private final Cache<String, Boolean> full;

  /** A limiter on {@code clock}, remembering at most {@code maximumKeys} full windows. */
  public RateLimiter(Clock clock, long maximumKeys) {
    this.clock = clock;
    Ticker ticker = () -> clock.millis() * 1_000_000L;
    this.full = Caffeine.newBuilder()
        .ticker(ticker)
        .maximumSize(maximumKeys)
        .expireAfterWrite(Duration.ofDays(2))
        .build();
  }

  /** The start of the fixed window of {@code window} length that holds {@code now}. */
  static Instant windowStart(long nowMillis, Duration window) {
    long windowMillis = window.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(nowMillis, windowMillis) * windowMillis);
  }

  /**
   * Takes {@code permits} from the window of {@code key}, if that many are left under {@code limit}, in the
   * store's counter, as part of {@code tx}.
   *
   * @return empty when taken; otherwise how long until the window resets
   */
  public Optional<Duration> tryAcquire(StoreTransaction tx, String key, int limit, Duration window, int permits) {
    long now = clock.millis();
    Instant start = windowStart(now, window);
    Duration retryAfter = Duration.ofMillis(start.toEpochMilli() + window.toMillis() - now);
    String cacheKey = cacheKey(key, start, limit, permits);
    if (full.getIfPresent(cacheKey) != null) {
      return Optional.of(retryAfter);
    }
    if (tx.counters().tryIncrement(key, start, permits, limit)) {
      return Optional.empty();
    }
    full.put(cacheKey, Boolean.TRUE);
    return Optional.of(retryAfter);
  }

  /**
   * The cache key of a window seen full: the counter, the window, and the limit and permits it was refused
   * under, so that a changed limit is never answered from what was seen under the old one (issue 9.2).
   */
  private static String cacheKey(String key, Instant start, int limit, int permits) {
    return key + "@" + start.toEpochMilli() + "#" + limit + "/" + permits;
  }

  /** One permit of a limit: its counter's key, its limit and its window's length. */
  public record Permit(String key, int limit, Duration window) {}

  /**
   * For each group in order, takes one permit of each of its limits in order, exactly as
   * {@link #tryAcquire} one by one would, a refusal giving back what the group's earlier limits took:
   * returns, per group, empty when all were taken, else how long until the refusing window resets.
   *
   * <p>First all steps go to the store as one batch ({@link Counters#tryIncrementAll}). When
   * every step is taken, that is what the one-by-one calls would have done. When any is refused, the batch
   * is given back ({@link Counters#decrementAll}, in the same unit of work, so nobody saw
   * it) and the groups are taken one by one, so that outcomes and retry times are those of one-by-one
   * calls. Windows this node knows to be full also send the groups one by one.
   */
  public List<Optional<Duration>> tryAcquireGroups(StoreTransaction tx, List<List<Permit>> groups) {
    long now = clock.millis();
    List<CounterIncrement> steps = new ArrayList<>();
    boolean knownFull = false;
    // Usually no window is known full: then no cache key is built and looked up, one per permit.
    boolean anyFull = full.estimatedSize() > 0;
    for (List<Permit> group : groups) {
      for (Permit permit : group) {
        Instant start = windowStart(now, permit.window());
        knownFull |= anyFull && full.getIfPresent(cacheKey(permit.key(), start, permit.limit(), 1)) != null;
        steps.add(new CounterIncrement(permit.key(), start, 1, permit.limit()));
      }
    }
    if (!knownFull && !steps.isEmpty()) {
      List<Counters.IncrementOutcome> taken = tx.counters().tryIncrementAll(steps);
      List<CounterIncrement> giveBack = new ArrayList<>();
      for (int i = 0; i < taken.size(); i++) {
        if (taken.get(i) == Counters.IncrementOutcome.TAKEN) {
          giveBack.add(steps.get(i));
        }
      }
      if (giveBack.size() == steps.size()) {
        List<Optional<Duration>> all = new ArrayList<>(groups.size());
        groups.forEach(g -> all.add(Optional.empty()));
        return all;
      }
      tx.counters().decrementAll(giveBack);
    }
    List<Optional<Duration>> outcomes = new ArrayList<>(groups.size());
    for (List<Permit> group : groups) {
      outcomes.add(tryAcquireGroup(tx, group));
    }
    return outcomes;
  }

  private Optional<Duration> tryAcquireGroup(StoreTransaction tx, List<Permit> group) {
    for (int i = 0; i < group.size(); i++) {
      Permit permit = group.get(i);
      Optional<Duration> refused = tryAcquire(tx, permit.key(), permit.limit(), permit.window(), 1);
      if (refused.isPresent()) {
        for (int j = 0; j < i; j++) {
          release(tx, group.get(j).key(), group.get(j).window(), 1);
        }
        return refused;
      }
    }
    return Optional.empty();
  }

  /** Gives back permits taken, in {@code tx}, for work that then did not happen. */
  public void release(StoreTransaction tx, String key, Duration window, int permits) {
    tx.counters().decrement(key, windowStart(clock.millis(), window), permits);
  }

  /** Deletes the store's counters of windows that ended more than two days ago. */
  public int sweep(StoreTransaction tx) {
    return tx.counters().deleteBefore(clock.instant().minus(Duration.ofDays(3)));
  }
}
