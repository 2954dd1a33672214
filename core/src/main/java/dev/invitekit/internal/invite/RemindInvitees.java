package dev.invitekit.internal.invite;

import dev.invitekit.account.Account;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One reminder per invitation before it expires, when the account's policy asks for it (I11). */
final class RemindInvitees {
  private final UnitOfWork work;
  private final Clock clock;
  private final EventBus events;
  private final InvitationMail mail;

  RemindInvitees(UnitOfWork work, Clock clock, EventBus events, InvitationMail mail) {
    this.work = work;
    this.clock = clock;
    this.events = events;
    this.mail = mail;
  }

  int sendReminders() {
    Instant now = clock.instant();
    List<Invitation> candidates = work.tx("finding invitations to remind",
        tx -> tx.invitations().pendingUnremindedExpiringBy(now.plus(InvitePolicy.MAX_INVITATION_LIFETIME), 10_000)
            .stream().map(StoredInvitation::invitation).toList());
    int sent = 0;
    for (Invitation candidate : candidates) {
      Optional<Dispatch> dispatch = work.tx("reminding an invitee", tx -> {
        // The account's lock first (I11): nodes sending reminders at once take turns, and whoever comes
        // second reads the invitation as reminded, so each invitation is reminded once, by one node.
        Account account = tx.accounts().lock(candidate.accountId()).orElse(null);
        Optional<StoredInvitation> stored = tx.invitations().find(candidate.id());
        Duration before = account == null ? null : account.policy().reminderBeforeExpiryInEffect();
        if (stored.isEmpty() || account == null || before == null) {
          return Optional.<Dispatch>empty();
        }
        Invitation current = stored.get().invitation();
        Instant remindFrom = current.expiresAt().minus(before);
        if (current.state() != InvitationState.PENDING || current.reminded() || now.isBefore(remindFrom)
            || !now.isBefore(current.expiresAt())) {
          return Optional.<Dispatch>empty();
        }
        // A reminder is mail that admits: an invitation that no longer grants its role is not advertised
        // again (U6, I8); accepting it would be refused anyway.
        if (Permissions.stillGrants(tx, account, current) != null) {
          return Optional.<Dispatch>empty();
        }
        Dispatch.Issued issued = mail.issue(current.withReminded(now));
        if (!Dispatch.reissue(tx, stored.get(), issued, InvitationState.PENDING)) {
          return Optional.<Dispatch>empty();
        }
        User inviter = tx.users().find(current.invitedBy()).map(StoredUser::user).orElse(null);
        return Optional.of(mail.enqueue(tx, issued, account, current.viaLink() == null ? inviter : null,
            current.viaLink() == null));
      });
      if (dispatch.isPresent()) {
        events.publish(List.of(new InvitekitEvent.InvitationResent(now, candidate.accountId(), candidate.id(), null)));
        mail.send(dispatch.get());
        sent++;
      }
    }
    return sent;
  }
}
