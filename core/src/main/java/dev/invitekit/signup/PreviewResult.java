package dev.invitekit.signup;

/** The outcome of looking at an invitation by its token (S1, I9). Looking never changes it. */
public sealed interface PreviewResult {

  /** The invitation can be used. */
  record Valid(InvitationPreview preview) implements PreviewResult {}

  /** The token cannot be used; {@code status} says why and what to do. */
  record Unusable(TokenStatus status) implements PreviewResult {}
}
