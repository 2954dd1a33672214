package dev.invitekit.internal.link;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.account.Account;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.InvitationId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.invite.Dispatch;
import dev.invitekit.internal.invite.InvitationMail;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredUser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** An admin approves or denies a link redemption that waits for approval (L3, I8). */
final class ApproveRedemption {
  private final UnitOfWork work;
  private final Clock clock;
  private final EventBus events;
  private final InvitationMail mail;

  ApproveRedemption(UnitOfWork work, Clock clock, EventBus events, InvitationMail mail) {
    this.work = work;
    this.clock = clock;
    this.events = events;
    this.mail = mail;
  }

  InvitationChange decide(UserId adminId, AccountId accountId, InvitationId invitationId, boolean approve) {
    Instant now = clock.instant();
    record Decided(InvitationChange change, @Nullable Dispatch dispatch, @Nullable InvitekitEvent event) {}
    Decided outcome = work.tx(approve ? "approving a link redemption" : "denying a link redemption", tx -> {
      Optional<Account> account = tx.accounts().find(accountId);
      Optional<Membership> admin = tx.memberships().find(accountId, adminId);
      if (account.isEmpty() || admin.isEmpty()) {
        return new Decided(new InvitationChange.NotAllowed(
            Permissions.notAMember()), null, null);
      }
      if (admin.get().role() != Role.ADMIN) {
        return new Decided(new InvitationChange.NotAllowed(Permissions.adminsOnly(account.get(),
            "approve people joining by link", () -> Permissions.admins(tx, account.get()))), null, null);
      }
      Optional<StoredInvitation> stored = tx.invitations().find(invitationId)
          .filter(s -> s.invitation().accountId().equals(accountId));
      if (stored.isEmpty()) {
        return new Decided(new InvitationChange.NotFound(), null, null);
      }
      Invitation current = stored.get().invitation();
      if (current.state() != InvitationState.AWAITING_APPROVAL) {
        return new Decided(new InvitationChange.NotOpen(current.state()), null, null);
      }
      if (!approve) {
        Invitation denied = current.withState(InvitationState.REVOKED, now);
        tx.invitations().update(new StoredInvitation(denied, null), InvitationState.AWAITING_APPROVAL);
        return new Decided(new InvitationChange.Changed(denied), null,
            new InvitekitEvent.InvitationRevoked(now, accountId, invitationId, adminId));
      }
      // Approving sends mail that admits someone: the link rule under today's policy decides (U6, I8, L1).
      Refusal refusal = Permissions.stillGrants(tx, account.get(), current);
      if (refusal != null) {
        return new Decided(new InvitationChange.NotAllowed(refusal), null, null);
      }
      Dispatch.Issued issued = mail.issue(
          current.renewed(now.plus(account.get().policy().invitationLifetime()), now));
      if (!tx.invitations().update(issued.stored(), InvitationState.AWAITING_APPROVAL)) {
        return new Decided(new InvitationChange.NotOpen(tx.invitations().find(invitationId).orElseThrow().invitation().state()),
            null, null);
      }
      return new Decided(new InvitationChange.Changed(issued.stored().invitation()),
          dispatchFor(tx, issued, account.get(), current),
          new InvitekitEvent.InvitationResent(now, accountId, invitationId, adminId));
    });
    if (outcome.event() != null) {
      events.publish(List.of(outcome.event()));
    }
    if (outcome.dispatch() != null) {
      DeliveryStatus status = mail.send(outcome.dispatch());
      return new InvitationChange.Changed(outcome.dispatch().stored().invitation().withDelivery(status, now));
    }
    return outcome.change();
  }

  private Dispatch dispatchFor(StoreTransaction tx, Dispatch.Issued issued, Account account, Invitation invitation) {
    // Link redemptions get the verification mail, which names no inviter (L3).
    User inviter = invitation.viaLink() == null ? tx.users().find(invitation.invitedBy()).map(StoredUser::user).orElse(null) : null;
    return mail.enqueue(tx, issued, account, inviter, false);
  }
}
