package dev.invitekit.account;

/** An account's plan (A1). Only {@code PRO_PLUS} accounts have Pro+ licenses to assign (P1). */
public enum Plan {
  /** The standard paid plan, without Pro+ seats. */
  PRO,
  /** The plan with purchased Pro+ seats that admins assign (P1–P4). */
  PRO_PLUS
}
