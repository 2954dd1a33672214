package dev.invitekit.invite;

/**
 * What happened to an invitation's latest email. A failed delivery leaves the invitation recorded. The
 * mail outbox retries a transient failure on its own ({@code FAILED_RETRYABLE}) until its give-up time,
 * then gives up ({@code FAILED_PERMANENT}); {@link Invitations#resend} sends a new email at once (SPEC §5).
 */
public enum DeliveryStatus {
  /** Not sent yet (awaiting approval, or being sent). */
  NOT_SENT,
  /** The mail provider accepted the message. */
  SENT,
  /** Delivery failed for a reason that may pass (server down, timeout); the outbox is still retrying. */
  FAILED_RETRYABLE,
  /**
   * The outbox gave up: the provider refused the message for good (such as an unknown mailbox), or transient
   * failures outlasted the give-up time. Nothing more happens unless someone re-sends the invitation.
   */
  FAILED_PERMANENT
}
