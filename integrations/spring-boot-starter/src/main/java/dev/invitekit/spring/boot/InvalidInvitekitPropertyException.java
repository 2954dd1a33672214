package dev.invitekit.spring.boot;

/**
 * A start-up failure caused by one {@code invitekit.*} property: its message names the property and says
 * what is wrong. It never repeats the value of a secret (outbox key, SMTP password); Boot prints it through
 * {@link InvitekitPropertyFailureAnalyzer}.
 */
public final class InvalidInvitekitPropertyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String property;

  /**
   * @param property the property's canonical name, such as {@code invitekit.base-url}
   * @param reason what is wrong with it
   */
  public InvalidInvitekitPropertyException(String property, String reason) {
    super("Invalid Invitekit configuration: " + property + ": " + reason);
    this.property = property;
  }

  /** The property's canonical name, such as {@code invitekit.base-url}. */
  public String property() {
    return property;
  }

  /** Runs {@code setting}; turns the IllegalArgumentException a builder throws into a failure naming {@code property}. */
  static void check(String property, Runnable setting) {
    try {
      setting.run();
    } catch (IllegalArgumentException | IllegalStateException e) {
      String reason = e.getMessage();
      throw new InvalidInvitekitPropertyException(property, reason != null ? reason : e.getClass().getSimpleName());
    }
  }
}
