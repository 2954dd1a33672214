package dev.invitekit.spi.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of {@link Counters#tryIncrementAll}: the arguments of one
 * {@link Counters#tryIncrement} call.
 *
 * @param key the counter's key
 * @param window the start of the counter's window
 * @param permits how many to take, at least 1
 * @param limit the most the counter may reach in the window
 */
public record CounterIncrement(String key, Instant window, int permits, int limit) {
  /** Checks the arguments as {@link Counters#tryIncrement} does. */
  public CounterIncrement {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(window, "window");
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1, was " + permits);
    }
  }
}
