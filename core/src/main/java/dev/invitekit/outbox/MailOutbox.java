package dev.invitekit.outbox;

import dev.invitekit.id.AccountId;
import java.util.List;
import java.util.Optional;

/**
 * The mail outbox (SPEC §5). Every message Invitekit sends is recorded as an outbox entry in the same unit
 * of work as the change it reports, then delivered at least once: right after the change commits, and
 * again with capped exponential backoff while the provider fails transiently, until the give-up time.
 * A message keeps its {@code Message-ID} across attempts, so a duplicate can be recognized.
 *
 * <p>These are operator views and controls: they take no acting user and check no permission, so do not
 * expose them to the app's end users as they are.
 */
public interface MailOutbox {

  /**
   * Delivers every entry that is due now, by the configured clock: the scheduler calls it, and an app that
   * turned the scheduler off ({@code manualMailDispatch()}) calls it itself.
   *
   * @return how many entries were attempted and what became of them
   */
  DispatchCounts dispatchDue();

  /** The account's messages still waiting for delivery (between attempts or never tried), oldest first. */
  List<OutboxMessage> pending(AccountId accountId);

  /** The account's messages the outbox gave up on, oldest first: who did not get their mail, and why. */
  List<OutboxMessage> givenUp(AccountId accountId);

  /** One message by its {@code Message-ID} (without angle brackets). */
  Optional<OutboxMessage> find(String messageId);

  /**
   * What one {@link #dispatchDue()} did.
   *
   * @param attempted entries tried
   * @param sent delivered: the provider accepted them
   * @param retrying failed transiently; scheduled again
   * @param gaveUp failed permanently, or transiently after the give-up time, or superseded
   */
  record DispatchCounts(int attempted, int sent, int retrying, int gaveUp) {}
}
