package dev.invitekit.internal.invite;

import dev.invitekit.account.Account;
import dev.invitekit.error.StoreException;
import dev.invitekit.error.StoreOutcomeUnknownException;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.mail.MailComposer;
import dev.invitekit.internal.mail.MailDispatcher;
import dev.invitekit.internal.ratelimit.RateLimiter;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredUser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The periodic sweep (I11): open invitations past their expiry become EXPIRED, their inviters told. */
final class ExpireInvitations {
  private static final int SWEEP_BATCH = 500;

  private final UnitOfWork work;
  private final Clock clock;
  private final EventBus events;
  private final RateLimiter rateLimiter;
  private final MailComposer composer;
  private final MailDispatcher outbox;

  ExpireInvitations(UnitOfWork work, Clock clock, EventBus events, RateLimiter rateLimiter, MailComposer composer,
      MailDispatcher outbox) {
    this.work = work;
    this.clock = clock;
    this.events = events;
    this.rateLimiter = rateLimiter;
    this.composer = composer;
    this.outbox = outbox;
  }

  int expireDue() {
    // The periodic sweep is also when old rate-limit windows leave the store.
    work.tx("deleting old rate-limit counters", rateLimiter::sweep);
    int expired = 0;
    while (true) {
      Instant now = clock.instant();
      List<Invitation> due = work.tx("finding expired invitations", tx -> tx.invitations().openExpiringBy(now, SWEEP_BATCH).stream().map(StoredInvitation::invitation).toList());
      int before = expired;
      for (Invitation invitation : due) {
        try {
          if (expireOne(invitation, now)) {
            expired++;
          }
        } catch (StoreException e) {
          throw expired == 0 ? e : stoppedAfter(expired, invitation, e);
        }
      }
      if (due.size() < SWEEP_BATCH || expired == before) {
        return expired;
      }
    }
  }

  /**
   * The failure of a sweep that expired {@code expired} invitations, each in its own unit of work, before the
   * store failed on {@code invitation}'s: the caller learns what was done, that only that one invitation's
   * outcome is what {@code failure} says (nothing recorded, or unknown), and that the sweep is safe to run again
   * (SPEC §5, I11).
   */
  private static StoreException stoppedAfter(int expired, Invitation invitation, StoreException failure) {
    boolean unknown = failure instanceof StoreOutcomeUnknownException;
    String message = "The sweep expired " + expired + " invitation(s), each recorded with its notice, then the store "
        + "failed on invitation " + invitation.id() + (unknown ? ", which may or may not have expired" : ", which was "
        + "left as it was") + " (see the cause). expireDue() is safe to run again and goes on with the rest.";
    return unknown ? new StoreOutcomeUnknownException(message, failure) : new StoreException(message, failure);
  }

  /** What happened to one due invitation. */
  private sealed interface Swept permits Untouched, Expired {}

  /** Gone, no longer open, or changed meanwhile: left as it is. */
  private record Untouched() implements Swept {}

  /**
   * Expired now; the inviter's notice, when the policy asks for one, waits in the outbox, and is in hand for
   * the attempt after commit.
   */
  private record Expired(MailDispatcher.@Nullable Outgoing notice) implements Swept {}

  private boolean expireOne(Invitation invitation, Instant now) {
    Swept swept = work.tx("expiring an invitation", tx -> {
      Optional<StoredInvitation> stored = tx.invitations().find(invitation.id());
      if (stored.isEmpty() || !stored.get().invitation().state().isOpen()) {
        return new Untouched();
      }
      Invitation next = stored.get().invitation().withState(InvitationState.EXPIRED, now);
      if (!tx.invitations().update(new StoredInvitation(next, stored.get().tokenDigest()), stored.get().invitation().state())) {
        return new Untouched();
      }
      Account account = tx.accounts().find(invitation.accountId()).orElseThrow();
      User inviter = tx.memberships().find(account.id(), invitation.invitedBy()).isPresent()
          ? tx.users().find(invitation.invitedBy()).map(StoredUser::user).orElse(null) : null;
      if (account.policy().notifyInviter() && inviter != null && invitation.viaLink() == null) {
        return new Expired(outbox.record(tx, composer.inviterNotice(inviter, invitation, account,
            MailComposer.Notice.EXPIRED, null), account.id(), null, null));
      }
      return new Expired(null);
    });
    if (!(swept instanceof Expired expired)) {
      return false;
    }
    events.publish(List.of(new InvitekitEvent.InvitationExpired(now, invitation.accountId(), invitation.id())));
    if (expired.notice() != null) {
      // Sent as recorded, not read back and opened: the entry stays pending, leased to this node, until the
      // attempt's bookkeeping commits, so a failed send, store or node leaves it to dispatchDue (SPEC §5).
      outbox.deliverRecorded(List.of(expired.notice()));
    }
    return true;
  }
}
