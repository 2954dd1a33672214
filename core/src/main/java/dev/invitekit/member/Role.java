package dev.invitekit.member;

/**
 * A member's one role in an account (U2). Whether someone is a co-worker or a guest follows from their
 * email domain (U3); only a company-domain address can be an admin (U4).
 */
public enum Role {
  /** Manages the account: invites anyone, assigns licenses, sets policy. */
  ADMIN,
  /** Works at the company: a company-domain address; sees the company directory (C1). */
  COWORKER,
  /** Someone outside the company, added individually (U5); sees only who invited them (C2). */
  GUEST;

  /** Whether this role belongs to the company directory (admins and co-workers, C1). */
  public boolean isCompanyMember() {
    return this != GUEST;
  }
}
