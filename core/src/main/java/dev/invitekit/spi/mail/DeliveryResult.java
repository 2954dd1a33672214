package dev.invitekit.spi.mail;

import java.util.Objects;

/** What a mail provider did with one message (SPEC §4). */
public sealed interface DeliveryResult {

  /** The server accepted the message. */
  record Delivered(String messageId) implements DeliveryResult {}

  /**
   * Delivery failed.
   *
   * @param permanent true when retrying cannot help (an SMTP 5xx: unknown mailbox, refused); false for
   *     failures that may pass (4xx, connection refused, timeout)
   * @param detail what failed, for operators; never the message's content (Invitekit also takes the message's link
   *     and token out of it before logging or storing it, in case a server's reply quoted them)
   */
  record Failed(boolean permanent, String detail) implements DeliveryResult {
    /** Requires the detail. */
    public Failed {
      Objects.requireNonNull(detail, "detail");
    }

    /** A failure that may pass. */
    public static Failed transientFailure(String detail) {
      return new Failed(false, detail);
    }

    /** A failure retrying cannot fix. */
    public static Failed permanentFailure(String detail) {
      return new Failed(true, detail);
    }
  }
}
