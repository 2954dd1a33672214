package dev.invitekit.invite;

/**
 * An invitation's life cycle (I5): {@code PENDING → ACCEPTED | DECLINED | REVOKED | EXPIRED}. A link
 * redemption on an account that requires approval starts at {@code AWAITING_APPROVAL} (L1). Every state
 * but the first two is final.
 */
public enum InvitationState {
  /** Redeemed through a link; an admin must approve it before it is emailed (L1). */
  AWAITING_APPROVAL,
  /** Emailed and usable until it expires. */
  PENDING,
  /** Used to sign up or join; it can never be used again (I5). */
  ACCEPTED,
  /** The invitee said no (I11). */
  DECLINED,
  /** An admin or the inviter withdrew it (I7), or an admin denied a link redemption (L1). */
  REVOKED,
  /** Its lifetime ran out before it was used. */
  EXPIRED;

  /** Whether the invitation can still change. */
  public boolean isOpen() {
    return this == AWAITING_APPROVAL || this == PENDING;
  }
}
