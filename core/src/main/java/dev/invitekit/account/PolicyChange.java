package dev.invitekit.account;

import dev.invitekit.refusal.Refusal;

/** The outcome of changing an account's invite policy (A2). */
public sealed interface PolicyChange {
  /** The policy was changed. */
  record Changed(Account account) implements PolicyChange {}

  /** Only admins may change the policy; nothing changed. */
  record NotAllowed(Refusal refusal) implements PolicyChange {}
}
