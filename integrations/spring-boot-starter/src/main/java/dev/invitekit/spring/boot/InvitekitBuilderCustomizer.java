package dev.invitekit.spring.boot;

import dev.invitekit.Invitekit;

/**
 * A bean of this type adjusts the auto-configured {@link Invitekit.Builder} after the {@code invitekit.*}
 * properties were applied and before it is built: a clock, mail templates, a mail scheduler, listeners.
 * Customizers run in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface InvitekitBuilderCustomizer {

  /** Adjusts the builder. */
  void customize(Invitekit.Builder builder);
}
