package dev.invitekit.internal.invite;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.account.Account;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.InvitationId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.policy.InviteLimits;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.ratelimit.RateLimiter;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Sending an open invitation again with a fresh token (I7), under the same permission as inviting (U6, I8). */
final class ResendInvitation {
  private final UnitOfWork work;
  private final Clock clock;
  private final EventBus events;
  private final RateLimiter rateLimiter;
  private final InvitationMail mail;

  ResendInvitation(UnitOfWork work, Clock clock, EventBus events, RateLimiter rateLimiter, InvitationMail mail) {
    this.work = work;
    this.clock = clock;
    this.events = events;
    this.rateLimiter = rateLimiter;
    this.mail = mail;
  }

  /** What the unit of work decided: an answer as it is, or mail recorded to send after commit. */
  private sealed interface Decision permits Answered, Resent {}

  private record Answered(InvitationChange change) implements Decision {}

  private record Resent(Dispatch dispatch) implements Decision {}

  InvitationChange resend(UserId actorId, AccountId accountId, InvitationId invitationId) {
    Instant now = clock.instant();
    Decision decision = work.tx("re-sending an invitation", tx -> {
      InvitationAccess.Checked checked = InvitationAccess.check(tx, actorId, accountId, invitationId, "re-send");
      if (checked instanceof InvitationAccess.Denied denied) {
        return new Answered(denied.answer());
      }
      StoredInvitation stored = ((InvitationAccess.Granted) checked).stored();
      Invitation current = stored.invitation();
      Account account = tx.accounts().find(accountId).orElseThrow();
      // U6, I8: a re-send sends mail, so it takes the same permission decision as inviting, today: a member
      // whose permission is off, or who can no longer grant the role, is refused naming the admins, and
      // nothing is sent (issue 8 item 10).
      Refusal refusal = Permissions.mayResend(tx, tx.memberships().find(accountId, actorId).orElseThrow(), account, current);
      if (refusal != null) {
        return new Answered(new InvitationChange.NotAllowed(refusal));
      }
      if (current.state() != InvitationState.PENDING) {
        return new Answered(new InvitationChange.NotOpen(current.state()));
      }
      Optional<Duration> limited = rateLimiter.tryAcquire(tx, InviteLimits.resendKey(invitationId),
          account.policy().resendsPerInvitationPerDay(), InviteLimits.DAY, 1);
      if (limited.isPresent()) {
        return new Answered(new InvitationChange.RateLimited(limited.get()));
      }
      Dispatch.Issued issued = mail.issue(current.renewed(now.plus(account.policy().invitationLifetime()), now));
      if (!Dispatch.reissue(tx, stored, issued, InvitationState.PENDING)) {
        return new Answered(new InvitationChange.NotOpen(
            tx.invitations().find(invitationId).orElseThrow().invitation().state()));
      }
      User inviter = tx.users().find(current.invitedBy()).map(StoredUser::user)
          .orElseGet(() -> tx.users().find(actorId).orElseThrow().user());
      return new Resent(mail.enqueue(tx, issued, account, current.viaLink() == null ? inviter : null, false));
    });
    if (decision instanceof Answered answered) {
      return answered.change();
    }
    Dispatch dispatch = ((Resent) decision).dispatch();
    events.publish(List.of(new InvitekitEvent.InvitationResent(now, accountId, invitationId, actorId)));
    DeliveryStatus status = mail.send(dispatch);
    return new InvitationChange.Changed(dispatch.stored().invitation().withDelivery(status, now));
  }
}
