package dev.invitekit.internal.invite;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.refusal.Refusal.Reason;
import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.InvitationId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import java.util.Optional;

/**
 * Whether an actor may change an invitation (I7): an admin of its account, or whoever sent it, while open. An
 * invitation made through the link was sent by no member, so only admins may change it (L1).
 */
final class InvitationAccess {
  private InvitationAccess() {}

  /** What {@link #check} found. */
  sealed interface Checked permits Granted, Denied {}

  /** The actor may change the invitation, which is open. */
  record Granted(StoredInvitation stored) implements Checked {}

  /** The answer to give instead: not allowed, not found, or no longer open. */
  record Denied(InvitationChange answer) implements Checked {}

  /**
   * Whether {@code memberId} sent {@code invitation}, so that they see and change it as its inviter (I7, U7). An
   * invitation made through the link is no member's, though it names whoever fetched the link (concepts.md): only
   * admins see and change it, as only they approve or deny a redemption (L1); a member invites the address to make
   * it theirs.
   */
  static boolean sentBy(Invitation invitation, UserId memberId) {
    return invitation.viaLink() == null && invitation.invitedBy().equals(memberId);
  }

  /** The stored invitation if the actor may change it (admin or inviter) and it is open; else the answer. */
  static Checked check(StoreTransaction tx, UserId actorId, AccountId accountId, InvitationId invitationId,
      String what) {
    Optional<StoredInvitation> stored = tx.invitations().find(invitationId)
        .filter(s -> s.invitation().accountId().equals(accountId));
    Optional<Membership> actor = tx.memberships().find(accountId, actorId);
    if (actor.isEmpty()) {
      return new Denied(new InvitationChange.NotAllowed(Permissions.notAMember()));
    }
    if (stored.isEmpty()) {
      return new Denied(new InvitationChange.NotFound());
    }
    Invitation invitation = stored.get().invitation();
    if (actor.get().role() != Role.ADMIN && !sentBy(invitation, actorId)) {
      Account account = tx.accounts().find(accountId).orElseThrow();
      String message = invitation.viaLink() == null
          ? "Only an admin or the person who sent an invitation may " + what + " it."
          : "Only an admin may " + what + " an invitation made through the invite link; to send it as your own, "
              + "invite the address.";
      return new Denied(new InvitationChange.NotAllowed(new Refusal(Reason.ADMINS_ONLY, message,
          Permissions.admins(tx, account))));
    }
    if (!invitation.state().isOpen()) {
      return new Denied(new InvitationChange.NotOpen(invitation.state()));
    }
    return new Granted(stored.get());
  }
}
