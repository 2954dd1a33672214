package dev.invitekit.signup;

/**
 * Why an invitation token cannot be used, each with what to do next (S1). Codes are stable.
 */
public enum TokenStatus {
  /** No invitation has this token (mistyped, or from a store that does not remember replaced tokens). */
  UNKNOWN("This invitation link is not valid. Ask the person who invited you to send a new invitation."),
  /**
   * A newer mail for the same invitation was sent (a re-send or a reminder, I7), and this link is from an
   * older one: the invitation is still open, but only the newest mail's link can be used. Nothing about
   * the newer link is revealed, and this one stays unusable.
   */
  SUPERSEDED("A newer invitation mail was sent to you. Use the link in the latest one."),
  /** The invitation's lifetime ran out. */
  EXPIRED("This invitation has expired. Ask the person who invited you to send a new one."),
  /** The inviter or an admin withdrew the invitation. */
  REVOKED("This invitation was withdrawn. Ask an admin of the account if you should still join."),
  /** The invitation was already used. */
  ALREADY_USED("This invitation was already used. Sign in with the account you created."),
  /** The invitee declined it. */
  DECLINED("You declined this invitation. Ask the person who invited you to send a new one."),
  /** A failed age check locked it (S2). */
  LOCKED("This invitation can no longer be used. Contact the person who invited you."),
  /**
   * Too many unknown or malformed tokens were tried from this client or overall (SPEC §5); the token was
   * not looked up. Nothing is said about it.
   */
  TOO_MANY_ATTEMPTS("Too many invitation links were tried. Wait a while and try again.");

  private final String whatToDo;

  TokenStatus(String whatToDo) {
    this.whatToDo = whatToDo;
  }

  /** A sentence for the invitee saying what happened and what to do next. */
  public String whatToDo() {
    return whatToDo;
  }
}
