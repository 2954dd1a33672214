package dev.invitekit.member;

import dev.invitekit.refusal.AdminContact;
import dev.invitekit.id.UserId;
import dev.invitekit.id.AccountId;
import java.util.List;
import java.util.Optional;

/** Memberships of an account: who is in it, with which role, and who may invite (U1–U6). */
public interface Members {

  /**
   * The membership of {@code userId} in the account, as {@code viewerId} may see it (U7): present only when
   * the viewer is a member who may see that member (see {@link #list}). Trusted server-side code uses
   * {@code Invitekit.trusted()}.
   */
  Optional<Membership> find(UserId viewerId, AccountId accountId, UserId userId);

  /**
   * The memberships of the account that {@code viewerId} may see (U7, C1, C2), admins first, then
   * co-workers, then guests: an admin sees every member; a co-worker sees the admins and co-workers and the
   * guests they invited; a guest sees themselves and the member who invited them. Every member sees at least
   * themselves, so the list is empty exactly when the viewer is not a member (or there is no such account):
   * nothing about the account is shown then.
   */
  List<Membership> list(UserId viewerId, AccountId accountId);

  /**
   * The user with this id, as {@code viewerId} may see them (U7): themselves, or someone the viewer may see
   * in an account they share ({@link #list}); empty otherwise, and for an unknown id alike.
   */
  Optional<User> user(UserId viewerId, UserId userId);

  /**
   * The account's admins as contact cards (U6), for a member of the account (U7); empty when
   * {@code viewerId} is not a member.
   */
  List<AdminContact> admins(UserId viewerId, AccountId accountId);

  /**
   * Turns a member's permission to invite on or off (U6). Only admins may; an admin's own permission
   * cannot be turned off.
   *
   * @return {@link MemberChange.Changed} with the new membership, or {@link MemberChange.NotAllowed}
   */
  MemberChange setInvitePermission(UserId adminId, AccountId accountId, UserId memberId, boolean mayInvite);

  /**
   * Changes a member's role. Only admins may (U4). Promoting to {@code ADMIN} needs a company-domain
   * address (U4); promoting a guest to {@code COWORKER} is the explicit promotion A4 allows for webmail
   * users; the last admin cannot be demoted.
   */
  MemberChange changeRole(UserId adminId, AccountId accountId, UserId memberId, Role newRole);

  /**
   * Removes a member from the account. Only admins may; the last admin cannot be removed. The member's
   * Pro+ license, if any, is freed (P4), and their pending invitations no longer grant anything they can
   * no longer grant (I8).
   */
  MemberChange remove(UserId adminId, AccountId accountId, UserId memberId);
}
