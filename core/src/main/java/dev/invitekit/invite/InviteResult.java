package dev.invitekit.invite;

import dev.invitekit.refusal.Refusal;
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

  /**
   * More than {@code limit} distinct valid addresses; nothing was created or sent (I2). Invalid entries
   * do not count: they get their own {@link AddressOutcome.Invalid} when the list is within the limit.
   *
   * @param limit the most distinct valid addresses one request may carry (20)
   * @param count the distinct valid addresses this request carried
   */
  record TooManyAddresses(int limit, int count) implements InviteResult {
    /** A sentence naming the limit and the count. */
    public String message() {
      return "At most " + limit + " addresses can be invited at once; the list has " + count
          + ". Split it and send the rest in another request.";
    }
  }

  /**
   * More than {@code limit} distinct entries, valid or not: the list is too long to look at, whatever it
   * holds; nothing was created or sent (I2). The cap bounds the work of one request and is far above the
   * address limit, so a list of 20 addresses with a few typos is never refused by it.
   *
   * @param limit the most distinct entries one request may carry (200)
   * @param count the distinct entries this request carried
   */
  record TooManyEntries(int limit, int count) implements InviteResult {
    /** A sentence naming the limit and the count. */
    public String message() {
      return "The list has " + count + " entries; at most " + limit + " can be looked at in one request, and at "
          + "most 20 of them can be addresses to invite. Split it and send the rest in another request.";
    }
  }

  /**
   * The request carried an idempotency key this inviter already used, in this account, for a different
   * request (other addresses, role or language); nothing was created or sent (I10). Repeating the first
   * request with the key replays its report; a new request needs a new key.
   *
   * @param idempotencyKey the key, as given
   */
  record IdempotencyKeyReused(String idempotencyKey) implements InviteResult {
    /** A sentence saying what happened and what to do. */
    public String message() {
      return "The idempotency key " + idempotencyKey + " was already used for a different invitation request; "
          + "use a new key for a new request.";
    }
  }

  /**
   * The idempotency key is blank or longer than {@link InviteRequest#MAX_IDEMPOTENCY_KEY} characters (I10);
   * nothing was done. Keys usually come from a request header, so this is an answer, not an exception.
   */
  record InvalidIdempotencyKey(int maxLength) implements InviteResult {
    /** A sentence saying what is wrong and what to do. */
    public String message() {
      return "The idempotency key must be 1 to " + maxLength + " characters; send a shorter one, or none.";
    }
  }

  /** The inviter may not invite at all; nothing was sent, and the admins to contact are named (U6). */
  record NotPermitted(Refusal refusal) implements InviteResult {}
}
