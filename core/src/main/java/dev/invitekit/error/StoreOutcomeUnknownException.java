package dev.invitekit.error;

/**
 * The store failed as a unit of work was being committed, after all of its work had been done: whether it
 * was recorded is unknown (SPEC §5). A JDBC connection lost while {@code COMMIT} is answered is the usual
 * cause; the database may have committed or not.
 *
 * <p>Unlike its parent, this failure does not promise that nothing was recorded, so do not simply repeat
 * the operation: repeat it with the same idempotency key where it takes one ({@code InviteRequest}'s, I10),
 * which does it at most once, or look up its result first (the invitation, the member, the link). Mail of a
 * unit of work that did commit is not lost: the outbox sends it on its next dispatch.
 */
public class StoreOutcomeUnknownException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the failure, saying which operation's outcome is unknown. */
  public StoreOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
