package dev.invitekit.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.invitekit.spi.store.Counters;
import dev.invitekit.spi.store.StoreTransaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A2: limits are counted by the store; the local cache only ever refuses earlier. */
@DisplayName("A2: store-backed rate limits")
class RateLimiterTest {
  private static final Instant NOW = Instant.parse("2025-03-10T09:20:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  @Test
  @DisplayName("A2: a permit is taken in the store's counter of the fixed window holding now")
  void countsInTheStore() {
    StoreTransaction tx = mock(StoreTransaction.class);
    Counters counters = mock(Counters.class);
    when(tx.counters()).thenReturn(counters);
    when(counters.tryIncrement("k", Instant.parse("2025-03-10T09:00:00Z"), 1, 5)).thenReturn(true);
    RateLimiter limiter = new RateLimiter(Clock.fixed(NOW, ZoneOffset.UTC), 100);

    assertThat(limiter.tryAcquire(tx, "k", 5, HOUR, 1)).isEmpty();
    verify(counters).tryIncrement("k", Instant.parse("2025-03-10T09:00:00Z"), 1, 5);
  }

  @Test
  @DisplayName("A2: once the store refuses, this node refuses the rest of the window without asking it, and asks "
      + "again in the next window")
  void negativeCacheOnlyRefuses() {
    StoreTransaction tx = mock(StoreTransaction.class);
    Counters counters = mock(Counters.class);
    when(tx.counters()).thenReturn(counters);
    when(counters.tryIncrement(anyString(), any(), anyInt(), anyInt())).thenReturn(false);
    MutableClock clock = new MutableClock(NOW);
    RateLimiter limiter = new RateLimiter(clock, 100);

    assertThat(limiter.tryAcquire(tx, "k", 5, HOUR, 1)).contains(Duration.ofMinutes(40));
    assertThat(limiter.tryAcquire(tx, "k", 5, HOUR, 1)).contains(Duration.ofMinutes(40));
    verify(counters, times(1)).tryIncrement(anyString(), any(), anyInt(), anyInt());

    clock.now = NOW.plus(HOUR);
    when(counters.tryIncrement(eq("k"), eq(Instant.parse("2025-03-10T10:00:00Z")), eq(1), eq(5))).thenReturn(true);
    assertThat(limiter.tryAcquire(tx, "k", 5, HOUR, 1)).isEmpty();
  }

  @Test
  @DisplayName("A2: a success is never cached: every permit is counted by the store")
  void successesAlwaysAskTheStore() {
    StoreTransaction tx = mock(StoreTransaction.class);
    Counters counters = mock(Counters.class);
    when(tx.counters()).thenReturn(counters);
    when(counters.tryIncrement(anyString(), any(), anyInt(), anyInt())).thenReturn(true);
    RateLimiter limiter = new RateLimiter(Clock.fixed(NOW, ZoneOffset.UTC), 100);
    for (int i = 0; i < 3; i++) {
      limiter.tryAcquire(tx, "k", 5, HOUR, 1);
    }
    verify(counters, times(3)).tryIncrement(anyString(), any(), anyInt(), anyInt());
    verify(counters, never()).decrement(anyString(), any(), anyInt());
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
