package dev.invitekit.link;

import dev.invitekit.refusal.Refusal;

/** The outcome of asking for, or rotating, an account's invite link (L1). */
public sealed interface LinkAccess {

  /** The link to share. */
  record Available(InviteLink link) implements LinkAccess {}

  /** The actor may not have the link, or links are off; {@code refusal} says which (L1, U6). */
  record NotAllowed(Refusal refusal) implements LinkAccess {}
}
