package dev.invitekit.error;

/**
 * The store failed (connection lost, constraint violated unexpectedly, timeout). The unit of work that
 * was running was rolled back: nothing of it was recorded (SPEC §5), and the caller may retry. The one
 * exception is its subclass {@link StoreOutcomeUnknownException}: the store failed while committing, and
 * whether the work was recorded is unknown. Store providers throw it (or a subclass) from any SPI method.
 */
public class StoreException extends InvitekitException {
  private static final long serialVersionUID = 1L;

  /** Creates a store failure that says which operation failed. */
  public StoreException(String message) {
    super(message);
  }

  /** Creates a store failure with its cause. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
