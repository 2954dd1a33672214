package dev.invitekit.signup;

import dev.invitekit.refusal.Refusal;

/**
 * The outcome of looking at an invitation by its token (S1, I8, I9). Looking never changes it. A preview
 * answers what accepting would answer now: {@link Valid} only when the invitation can be accepted.
 */
public sealed interface PreviewResult {

  /** The invitation can be used. */
  record Valid(InvitationPreview preview) implements PreviewResult {}

  /** The token cannot be used; {@code status} says why and what to do. */
  record Unusable(TokenStatus status) implements PreviewResult {}

  /**
   * The token is the invitation's current one, but the invitation no longer grants what it offered (I8):
   * the inviter was removed or demoted, their permission to invite was turned off, or the account's policy
   * changed (guests off, the address's domain no longer allowed, links off). Accepting it would be refused
   * with the very same {@code refusal}, which says why and names the admins to ask for a new invitation.
   * Returned by {@link Signup#preview} only; nothing was changed (I9).
   */
  record NotAllowed(Refusal refusal) implements PreviewResult {}
}
