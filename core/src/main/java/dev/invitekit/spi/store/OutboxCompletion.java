package dev.invitekit.spi.store;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One step of {@link Outbox#completeAll}: the arguments of one
 * {@link Outbox#complete} call.
 *
 * @param id the entry's id
 * @param status {@code SENT} or {@code GAVE_UP}
 * @param attempts the attempts made
 * @param lastError the error, null when sent
 */
public record OutboxCompletion(String id, OutboxEntry.Status status, int attempts, @Nullable String lastError) {
  /** Checks the arguments as {@link Outbox#complete} does. */
  public OutboxCompletion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    if (status == OutboxEntry.Status.PENDING) {
      throw new IllegalArgumentException("an outbox entry is completed as SENT or GAVE_UP, not PENDING");
    }
  }
}
