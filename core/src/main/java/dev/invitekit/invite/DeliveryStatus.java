package dev.invitekit.invite;

/**
 * What happened to an invitation's latest email. A failed delivery leaves the invitation recorded; a
 * retryable one is sent again by {@link Invitations#resend} (SPEC §5).
 */
public enum DeliveryStatus {
  /** Not sent yet (awaiting approval, or being sent). */
  NOT_SENT,
  /** The mail provider accepted the message. */
  SENT,
  /** Delivery failed for a reason that may pass (server down, timeout); re-send to retry. */
  FAILED_RETRYABLE,
  /** The provider refused the message for good (such as an unknown mailbox). */
  FAILED_PERMANENT
}
