package dev.invitekit.internal.event;

import dev.invitekit.event.EventListener;
import dev.invitekit.event.InvitekitEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers committed events to the registered listeners (E1) through a guard: a listener that throws is
 * logged with the event's type (never its content) and the others still get the event; the use case
 * never sees the exception.
 */
public final class EventBus {
  private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
  private final List<EventListener> listeners;

  /** A bus for these listeners, called in order. */
  public EventBus(List<EventListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /** Publishes events of a committed unit of work, in order. */
  public void publish(List<? extends InvitekitEvent> events) {
    for (InvitekitEvent event : events) {
      for (EventListener listener : listeners) {
        try {
          listener.onEvent(event);
        } catch (RuntimeException | LinkageError e) {
          LOG.warn("Event listener {} failed on a {} event; the change stays committed and other listeners "
              + "still receive it", listener.getClass().getName(), event.type(), e);
        }
      }
    }
  }
}
