package dev.invitekit.spring.boot;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The mail outbox's health (SPEC §5), as Actuator's {@code invitekit} contributor: DOWN when the store cannot
 * be read, or when pending mail has been due for longer than {@code invitekit.health.max-overdue} (dispatch is
 * not running or not keeping up); UP otherwise. Details: {@code pending}, {@code givenUp} (at most 10,000
 * counted each) and {@code oldestOverdue} (ISO-8601 duration). No address or content is shown.
 */
@SuppressWarnings("exports") // optional libraries (static requires) and package-private imports
public final class InvitekitOutboxHealthIndicator extends AbstractHealthIndicator {
  private final OutboxCounts outbox;
  private final Clock clock;
  private final Duration maxOverdue;

  InvitekitOutboxHealthIndicator(OutboxCounts outbox, Clock clock, Duration maxOverdue) {
    super("Invitekit outbox health check failed");
    this.outbox = outbox;
    this.clock = clock;
    this.maxOverdue = maxOverdue;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    OutboxCounts.Snapshot s = outbox.snapshot();
    Duration overdue = s.oldestDue() == null ? Duration.ZERO
        : Duration.between(s.oldestDue(), clock.instant());
    if (overdue.isNegative()) {
      overdue = Duration.ZERO;
    }
    builder.status(overdue.compareTo(maxOverdue) > 0 ? "DOWN" : "UP")
        .withDetail("pending", s.pending())
        .withDetail("givenUp", s.givenUp())
        .withDetail("oldestOverdue", overdue.toString());
  }
}
