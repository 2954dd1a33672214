package dev.invitekit.internal.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed-window counters (A2, I4, I7) in a bounded Caffeine cache that runs on the injected clock. The
 * counts live in this node's memory: with several nodes each enforces its own share.
 */
public final class RateLimiter {
  private final Clock clock;
  private final Cache<String, AtomicInteger> windows;

  /** A limiter on {@code clock}, remembering at most {@code maximumKeys} windows. */
  public RateLimiter(Clock clock, long maximumKeys) {
    this.clock = clock;
    Ticker ticker = () -> clock.millis() * 1_000_000L;
    this.windows = Caffeine.newBuilder()
        .ticker(ticker)
        .maximumSize(maximumKeys)
        .expireAfterWrite(Duration.ofDays(2))
        .build();
  }

  /**
   * Takes {@code permits} from the window of {@code key}, if that many are left under {@code limit}.
   *
   * @return empty when taken; otherwise how long until the window resets
   */
  public Optional<Duration> tryAcquire(String key, int limit, Duration window, int permits) {
    long now = clock.millis();
    long windowMillis = window.toMillis();
    long index = Math.floorDiv(now, windowMillis);
    AtomicInteger used = windows.get(key + "@" + windowMillis + ":" + index, k -> new AtomicInteger());
    while (true) {
      int current = used.get();
      if (current + permits > limit) {
        return Optional.of(Duration.ofMillis((index + 1) * windowMillis - now));
      }
      if (used.compareAndSet(current, current + permits)) {
        return Optional.empty();
      }
    }
  }

  /** Gives back permits taken for work that then did not happen. */
  public void release(String key, Duration window, int permits) {
    long windowMillis = window.toMillis();
    long index = Math.floorDiv(clock.millis(), windowMillis);
    AtomicInteger used = windows.getIfPresent(key + "@" + windowMillis + ":" + index);
    if (used != null) {
      used.addAndGet(-permits);
    }
  }
}
