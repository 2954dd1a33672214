package dev.invitekit.error;

/**
 * The one unchecked base of Invitekit's exceptions. Expected business outcomes (an invalid address, a
 * refused sign-up, no seat left) are values, never exceptions; an {@code InvitekitException} means
 * infrastructure failed (see {@link StoreException}) and the operation did not take effect.
 */
public class InvitekitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that says what failed and what to do. */
  public InvitekitException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the underlying cause. */
  public InvitekitException(String message, Throwable cause) {
    super(message, cause);
  }
}
