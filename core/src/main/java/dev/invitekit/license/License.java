package dev.invitekit.license;

/** Paid licenses an admin assigns to members (P1). */
public enum License {
  /** The Pro+ license: as many as the account's purchased seats (P1). */
  PRO_PLUS
}
