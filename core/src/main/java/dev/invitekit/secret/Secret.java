package dev.invitekit.secret;

/** Text shown instead of a secret in every {@code toString()}. */
public final class Secret {
  /** What a redacted secret prints as. */
  public static final String REDACTED = "[redacted]";

  private Secret() {}
}
