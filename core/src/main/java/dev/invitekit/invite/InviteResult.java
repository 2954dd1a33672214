package dev.invitekit.invite;

import dev.invitekit.Refusal;
import java.util.List;

/** The outcome of a bulk invitation by email (I1–I4, U6). */
public sealed interface InviteResult {

  /**
   * The request was processed: one outcome per distinct entry, in input order (I4).
   *
   * @param outcomes one per distinct entry
   * @param replayed true when an earlier request with the same idempotency key produced this report and
   *     nothing was done this time (I10)
   */
  record InviteReport(List<AddressOutcome> outcomes, boolean replayed) implements InviteResult {
    /** Copies the outcomes. */
    public InviteReport {
      outcomes = List.copyOf(outcomes);
    }

    /** The outcomes of one kind, such as {@code AddressOutcome.Invited.class}. */
    public <T extends AddressOutcome> List<T> outcomes(Class<T> kind) {
      return outcomes.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
  }

  /** More than {@code limit} distinct entries; nothing was created or sent (I2). */
  record TooManyAddresses(int limit, int count) implements InviteResult {
    /** A sentence naming the limit and the count. */
    public String message() {
      return "At most " + limit + " addresses can be invited at once; the list has " + count
          + ". Split it and send the rest in another request.";
    }
  }

  /** The inviter may not invite at all; nothing was sent, and the admins to contact are named (U6). */
  record NotPermitted(Refusal refusal) implements InviteResult {}
}
