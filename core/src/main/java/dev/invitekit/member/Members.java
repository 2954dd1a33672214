package dev.invitekit.member;

import dev.invitekit.account.AccountId;
import java.util.List;
import java.util.Optional;

/** Memberships of an account: who is in it, with which role, and who may invite (U1–U6). */
public interface Members {

  /** The membership of {@code userId} in the account, if any. */
  Optional<Membership> find(AccountId accountId, UserId userId);

  /** Every membership of the account, admins first, then co-workers, then guests. */
  List<Membership> list(AccountId accountId);

  /** The user with this id, if any. */
  Optional<User> user(UserId userId);

  /** The account's admins as contact cards (U6). */
  List<AdminContact> admins(AccountId accountId);

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
