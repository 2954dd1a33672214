package dev.invitekit.spring.boot;

import dev.invitekit.event.EventListener;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.mail.MailSender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Invitekit's Micrometer meters (docs/spring-boot.md#metrics), derived from the committed events (E1), the
 * mail sender's answers and the outbox:
 * <ul>
 *   <li>{@code invitekit.invitations.sent} (counter, tag {@code via}: email, link): invitations recorded (I4, L3);</li>
 *   <li>{@code invitekit.invitations.resent} (counter, tag {@code reason}: resend, reminder) (I7, I11);</li>
 *   <li>{@code invitekit.invitations.accepted} (counter, tag {@code via}): members who joined (S6);</li>
 *   <li>{@code invitekit.invitations.refused} (counter, tag {@code reason}: declined, revoked, expired,
 *       undeliverable): invitations that ended without a member;</li>
 *   <li>{@code invitekit.mail.delivery} (timer, tags {@code kind}, {@code outcome}: delivered,
 *       transient_failure, permanent_failure, error): each call to the mail provider and how long it took;</li>
 *   <li>{@code invitekit.outbox.pending} and {@code invitekit.outbox.given.up} (gauges): outbox entries
 *       waiting for delivery and given up, across accounts (at most 10,000 counted).</li>
 * </ul>
 * Meters are registered on every registry Boot binds it to; events before binding are not counted.
 */
@SuppressWarnings("exports") // optional libraries (static requires) and package-private imports
public final class InvitekitMetrics implements EventListener, MeterBinder, MailSenderDecorator {
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private final OutboxCounts outbox;

  InvitekitMetrics(OutboxCounts outbox) {
    this.outbox = outbox;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    registries.add(registry);
    for (String via : List.of("email", "link")) {
      counter(registry, "invitekit.invitations.sent", "via", via);
      counter(registry, "invitekit.invitations.accepted", "via", via);
    }
    for (String reason : List.of("resend", "reminder")) {
      counter(registry, "invitekit.invitations.resent", "reason", reason);
    }
    for (String reason : List.of("declined", "revoked", "expired", "undeliverable")) {
      counter(registry, "invitekit.invitations.refused", "reason", reason);
    }
    Gauge.builder("invitekit.outbox.pending", outbox, o -> o.snapshot().pending())
        .description("Outbox entries waiting for delivery, across accounts (at most 10,000 counted)")
        .register(registry);
    Gauge.builder("invitekit.outbox.given.up", outbox, o -> o.snapshot().givenUp())
        .description("Outbox entries given up, across accounts (at most 10,000 counted)")
        .register(registry);
  }

  private static Counter counter(MeterRegistry registry, String name, String tag, String value) {
    return Counter.builder(name).tag(tag, value).register(registry);
  }

  private void count(String name, String tag, String value) {
    for (MeterRegistry registry : registries) {
      counter(registry, name, tag, value).increment();
    }
  }

  @Override
  public void onEvent(InvitekitEvent event) {
    if (event instanceof InvitekitEvent.Invited e) {
      count("invitekit.invitations.sent", "via", e.viaLink() == null ? "email" : "link");
    } else if (event instanceof InvitekitEvent.InvitationResent e) {
      count("invitekit.invitations.resent", "reason", e.by() == null ? "reminder" : "resend");
    } else if (event instanceof InvitekitEvent.MemberJoined e) {
      count("invitekit.invitations.accepted", "via", e.viaLink() == null ? "email" : "link");
    } else if (event instanceof InvitekitEvent.InvitationDeclined) {
      count("invitekit.invitations.refused", "reason", "declined");
    } else if (event instanceof InvitekitEvent.InvitationRevoked) {
      count("invitekit.invitations.refused", "reason", "revoked");
    } else if (event instanceof InvitekitEvent.InvitationExpired) {
      count("invitekit.invitations.refused", "reason", "expired");
    } else if (event instanceof InvitekitEvent.InvitationDeliveryFailed) {
      count("invitekit.invitations.refused", "reason", "undeliverable");
    }
  }

  /** {@code sender}, timing each delivery into {@code invitekit.mail.delivery}. */
  @Override
  public MailSender decorate(MailSender sender) {
    return new TimedMailSender(sender);
  }

  private final class TimedMailSender implements MailSender {
    private final MailSender delegate;

    TimedMailSender(MailSender delegate) {
      this.delegate = delegate;
    }

    @Override
    public DeliveryResult send(MailMessage message) {
      long start = System.nanoTime();
      String outcome = "error";
      try {
        DeliveryResult result = delegate.send(message);
        outcome = result instanceof DeliveryResult.Failed f
            ? (f.permanent() ? "permanent_failure" : "transient_failure") : "delivered";
        return result;
      } finally {
        long elapsed = System.nanoTime() - start;
        String kind = message.kind().name().toLowerCase(Locale.ROOT);
        for (MeterRegistry registry : registries) {
          Timer.builder("invitekit.mail.delivery").tag("kind", kind).tag("outcome", outcome)
              .description("Calls to the mail provider and how long each took")
              .register(registry).record(elapsed, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
      }
    }

    @Override
    public String toString() {
      return delegate.toString();
    }
  }
}
