package dev.invitekit.invite;

/**
 * The role an inviter asks for. A member invitation becomes {@code COWORKER} or {@code GUEST} by the
 * address's domain (U3); only admins may invite admins, and only to company addresses (U4).
 */
public enum InviteAs {
  /** A co-worker or a guest, by domain (U3). */
  MEMBER,
  /** An admin: company-domain addresses only, invited by an admin (U4). */
  ADMIN
}
