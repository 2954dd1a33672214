package dev.invitekit.internal.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.invitekit.spi.store.StoreTransaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Fixed-window rate limits (A2, I4, I7) whose counts live in the store, through
 * {@link StoreTransaction#tryIncrementCounter}: every node sharing one store enforces one limit, and a
 * permit taken inside a unit of work that rolls back is given back with it.
 *
 * <p>In front of the store sits a small Caffeine cache of windows this node has seen full. It can only
 * refuse earlier, never allow more: counts within a window only grow, except for {@link #release}, after
 * which this node may refuse a permit the store would still grant until the window ends. That is the one
 * direction that is safe to get wrong.
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
    String cacheKey = key + "@" + start.toEpochMilli();
    if (full.getIfPresent(cacheKey) != null) {
      return Optional.of(retryAfter);
    }
    if (tx.tryIncrementCounter(key, start, permits, limit)) {
      return Optional.empty();
    }
    full.put(cacheKey, Boolean.TRUE);
    return Optional.of(retryAfter);
  }

  /** Gives back permits taken, in {@code tx}, for work that then did not happen. */
  public void release(StoreTransaction tx, String key, Duration window, int permits) {
    tx.decrementCounter(key, windowStart(clock.millis(), window), permits);
  }

  /** Deletes the store's counters of windows that ended more than two days ago. */
  public int sweep(StoreTransaction tx) {
    return tx.deleteCountersBefore(clock.instant().minus(Duration.ofDays(3)));
  }
}
