package dev.invitekit.refusal;

import dev.invitekit.refusal.AdminContact;
import java.util.List;
import java.util.Objects;

/**
 * Why an actor may not do what they asked, as data a UI can show: a stable {@link Reason}, a sentence
 * for people, and, when the actor lacks a permission, the account's admins to reach out to (U6).
 *
 * @param reason stable code of the refusal
 * @param message a sentence that says what was refused and what to do
 * @param adminsToContact the admins who can grant what is missing; empty when asking them would not help
 */
public record Refusal(Reason reason, String message, List<AdminContact> adminsToContact) {

  /** Stable codes of refusals; names never change, new ones may be added. */
  public enum Reason {
    /** The actor is not a member of the account. */
    NOT_A_MEMBER,
    /** An admin disabled this member's permission to invite (U6). */
    INVITE_PERMISSION_DISABLED,
    /** Only admins may do this under the account's policy (A2, U4, P2). */
    ADMINS_ONLY,
    /** The account's policy lets no one invite guests (A2). */
    GUESTS_NOT_ALLOWED,
    /** Guests from this domain are not allowed by the account's allow or block list (A2). */
    GUEST_DOMAIN_NOT_ALLOWED,
    /** Only a company-domain address can hold the admin role (U4). */
    ADMIN_NEEDS_COMPANY_DOMAIN,
    /** Invite links are turned off for the account (A2, L1). */
    LINKS_DISABLED,
    /** The account's plan has no Pro+ licenses (P1). */
    NOT_PRO_PLUS,
    /** Guests cannot hold Pro+ licenses (P2). */
    NOT_LICENSABLE,
    /** The inviter can no longer grant what the invitation offered (I8). */
    INVITER_NO_LONGER_ALLOWED,
    /** The target of the operation is not a member of the account. */
    TARGET_NOT_A_MEMBER,
    /** The operation would leave the account without an admin. */
    LAST_ADMIN,
    /**
     * The invitation was sent to another address than the identity's trying to accept it (S6): sign in with
     * the address it was sent to.
     */
    INVITATION_FOR_ANOTHER_ADDRESS
  }

  /** Validates and copies the admins list. */
  public Refusal {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    adminsToContact = List.copyOf(adminsToContact);
  }

  /** A refusal with no admins to contact. */
  public static Refusal of(Reason reason, String message) {
    return new Refusal(reason, message, List.of());
  }
}
