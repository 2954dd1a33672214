package dev.invitekit.bench;

import org.jspecify.annotations.Nullable;

/** Closes what a trial opened. */
final class Closing {
  private Closing() {}

  /**
   * Closes each resource in the order given, skipping those a failed set-up never made, and every one even when
   * one before it throws: the first failure is thrown once all are closed, any later ones suppressed in it.
   */
  static void inOrder(@Nullable AutoCloseable... resources) {
    Throwable first = null;
    for (AutoCloseable resource : resources) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Throwable failed) {
        if (first == null) {
          first = failed;
        } else {
          first.addSuppressed(failed);
        }
      }
    }
    if (first instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    if (first instanceof Error error) {
      throw error;
    }
    if (first != null) {
      throw new IllegalStateException("could not close what the trial opened", first);
    }
  }
}
