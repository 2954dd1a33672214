package dev.invitekit.invite;

import dev.invitekit.refusal.Refusal;
import java.time.Duration;

/** The outcome of revoking or re-sending one invitation (I7). */
public sealed interface InvitationChange {

  /** The change was made; {@code invitation} is the new state. */
  record Changed(Invitation invitation) implements InvitationChange {}

  /** No invitation with that id in that account. */
  record NotFound() implements InvitationChange {}

  /** The invitation is no longer open ({@code state} says why); nothing changed. */
  record NotOpen(InvitationState state) implements InvitationChange {}

  /** Only an admin or the inviter may do this; nothing changed. */
  record NotAllowed(Refusal refusal) implements InvitationChange {}

  /** Re-sent too often; try again after {@code retryAfter} (I7). */
  record RateLimited(Duration retryAfter) implements InvitationChange {}
}
