package dev.invitekit.contacts;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;

/**
 * A person someone can see in an account (C1, C2).
 *
 * @param userId the person
 * @param name their display name
 * @param email their address
 * @param role their role in the account
 * @param relation why they are visible
 */
public record Contact(UserId userId, String name, EmailAddress email, Role role, Relation relation) {

  /** Why a contact is visible. */
  public enum Relation {
    /** Both are in the company directory (C1). */
    DIRECTORY,
    /** The contact invited the viewer, a guest (C2). */
    INVITED_YOU,
    /** The viewer, whatever their role (a guest too), invited the contact, a guest (C2). */
    YOUR_GUEST
  }
}
