package dev.invitekit.internal.invite;

import dev.invitekit.id.AccountId;
import dev.invitekit.id.InvitationId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.mail.MailComposer;
import dev.invitekit.internal.mail.MailDispatcher;
import dev.invitekit.internal.ratelimit.RateLimiter;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.invite.Invitations;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.IdempotencyRecord;
import dev.invitekit.spi.store.InvitationStore;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import java.time.Clock;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Invitations by email (I1–I11): the {@link Invitations} API over one class per use case, each given the
 * collaborators it uses: {@link InviteByEmail}, {@link RevokeInvitation}, {@link ResendInvitation},
 * {@link ExpireInvitations}, {@link RemindInvitees}; the two reads are here.
 */
public final class InvitationService implements Invitations {
  private final UnitOfWork work;
  private final InviteByEmail inviteByEmail;
  private final RevokeInvitation revoke;
  private final ResendInvitation resend;
  private final ExpireInvitations expiry;
  private final RemindInvitees reminders;

  /** Wires the use cases of invitations. */
  public InvitationService(UnitOfWork work, Clock clock, EventBus events, RateLimiter rateLimiter,
      InvitationMail mail, MailComposer composer, MailDispatcher outbox) {
    this.work = work;
    this.inviteByEmail = new InviteByEmail(work, clock, events, rateLimiter, mail, outbox);
    this.revoke = new RevokeInvitation(work, clock, events);
    this.resend = new ResendInvitation(work, clock, events, rateLimiter, mail);
    this.expiry = new ExpireInvitations(work, clock, events, rateLimiter, composer, outbox);
    this.reminders = new RemindInvitees(work, clock, events, mail);
  }

  @Override
  public InviteResult inviteByEmail(UserId inviterId, AccountId accountId, String addresses) {
    return invite(InviteRequest.members(inviterId, accountId, addresses));
  }

  @Override
  public InviteResult invite(InviteRequest request) {
    return inviteByEmail.invite(request);
  }

  @Override
  public InvitationChange revoke(UserId actorId, AccountId accountId, InvitationId invitationId) {
    return revoke.revoke(actorId, accountId, invitationId);
  }

  @Override
  public InvitationChange resend(UserId actorId, AccountId accountId, InvitationId invitationId) {
    return resend.resend(actorId, accountId, invitationId);
  }

  // ---- reads (I5: never a token)

  @Override
  public Optional<Invitation> find(UserId actorId, AccountId accountId, InvitationId invitationId) {
    return work.tx("finding an invitation", tx -> {
      Optional<Membership> actor = tx.memberships().find(accountId, actorId);
      if (actor.isEmpty()) {
        return Optional.<Invitation>empty();
      }
      return tx.invitations().find(invitationId).map(StoredInvitation::invitation)
          .filter(i -> i.accountId().equals(accountId))
          .filter(i -> actor.get().role() == Role.ADMIN || InvitationAccess.sentBy(i, actorId));
    });
  }

  @Override
  public List<Invitation> list(UserId actorId, AccountId accountId) {
    return work.tx("listing invitations", tx -> {
      Optional<Membership> actor = tx.memberships().find(accountId, actorId);
      if (actor.isEmpty()) {
        return List.<Invitation>of();
      }
      return tx.invitations().ofAccount(accountId).stream().map(StoredInvitation::invitation)
          .filter(i -> actor.get().role() == Role.ADMIN || InvitationAccess.sentBy(i, actorId))
          .toList();
    });
  }

  // ---- expiry and reminders (I11)

  @Override
  public int expireDue() {
    return expiry.expireDue();
  }

  @Override
  public int sendReminders() {
    return reminders.sendReminders();
  }
}
