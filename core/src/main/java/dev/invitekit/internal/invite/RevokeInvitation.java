package dev.invitekit.internal.invite;

import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.InvitationId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.spi.store.StoredInvitation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Revoking an open invitation (I7): its links stop working at once. */
final class RevokeInvitation {
  private final UnitOfWork work;
  private final Clock clock;
  private final EventBus events;

  RevokeInvitation(UnitOfWork work, Clock clock, EventBus events) {
    this.work = work;
    this.clock = clock;
    this.events = events;
  }

  InvitationChange revoke(UserId actorId, AccountId accountId, InvitationId invitationId) {
    Instant now = clock.instant();
    InvitationChange change = work.tx("revoking an invitation", tx -> {
      InvitationAccess.Checked checked = InvitationAccess.check(tx, actorId, accountId, invitationId, "revoke");
      if (checked instanceof InvitationAccess.Denied denied) {
        return denied.answer();
      }
      StoredInvitation stored = ((InvitationAccess.Granted) checked).stored();
      Invitation revoked = stored.invitation().withState(InvitationState.REVOKED, now);
      if (!tx.invitations().update(new StoredInvitation(revoked, stored.tokenDigest()), stored.invitation().state())) {
        return new InvitationChange.NotOpen(tx.invitations().find(invitationId).orElseThrow().invitation().state());
      }
      return new InvitationChange.Changed(revoked);
    });
    if (change instanceof InvitationChange.Changed) {
      events.publish(List.of(new InvitekitEvent.InvitationRevoked(now, accountId, invitationId, actorId)));
    }
    return change;
  }
}
