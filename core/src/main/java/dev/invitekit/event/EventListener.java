package dev.invitekit.event;

/**
 * Receives every committed state change (E1). Called synchronously after commit, on the thread that made
 * the change; an exception it throws is logged and never breaks the use case. Keep it quick, or hand
 * the event to your own executor.
 */
@FunctionalInterface
public interface EventListener {

  /** Called once per committed change. */
  void onEvent(InvitekitEvent event);
}
