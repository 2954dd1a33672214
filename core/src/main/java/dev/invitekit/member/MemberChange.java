package dev.invitekit.member;

import dev.invitekit.refusal.Refusal;

/** The outcome of an admin's change to a membership (U4, U6, A4). */
public sealed interface MemberChange {

  /** The change was made. */
  record Changed(Membership membership) implements MemberChange {}

  /** The actor may not make this change; nothing changed. */
  record NotAllowed(Refusal refusal) implements MemberChange {}
}
