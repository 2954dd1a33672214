package dev.invitekit.spring.boot;

import dev.invitekit.event.EventListener;
import dev.invitekit.event.InvitekitEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes every committed Invitekit event (E1) as a Spring application event, so an app listens with
 * {@code @EventListener void on(InvitekitEvent.MemberJoined e)}. Listeners run synchronously after the unit of
 * work committed, on the thread that made the change; a failing one is logged by Invitekit and never breaks
 * the use case.
 */
final class SpringEventForwarder implements EventListener {
  private final ApplicationEventPublisher publisher;

  SpringEventForwarder(ApplicationEventPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public void onEvent(InvitekitEvent event) {
    publisher.publishEvent(event);
  }
}
