package dev.invitekit.internal.signup;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.account.Account;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.internal.contacts.Directory;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.mail.MailComposer;
import dev.invitekit.internal.mail.MailDispatcher;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.tx.Outcome;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.link.LinkJoin;
import dev.invitekit.member.Membership;
import dev.invitekit.member.User;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.signup.TokenStatus;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * S6 in one unit of work, for a new identity ({@link CreateAccountFromInvitation}) or one that signed in
 * ({@link JoinWithInvitation}): re-checks the token and what the invitation grants (I8), creates the user
 * (when a hash is given) and the membership, and marks the invitation accepted, at most once (I5).
 */
final class AcceptInvitation {
  private final UnitOfWork work;
  private final EventBus events;
  private final Directory directory;
  private final MailComposer composer;
  private final MailDispatcher outbox;

  AcceptInvitation(UnitOfWork work, EventBus events, Directory directory, MailComposer composer,
      MailDispatcher outbox) {
    this.work = work;
    this.events = events;
    this.directory = directory;
    this.composer = composer;
    this.outbox = outbox;
  }

  /** What the unit of work decided. */
  private sealed interface Decision permits Refused, Accepted {}

  /** Not accepted, and nothing of it kept: the answer says why. */
  private record Refused(SignupResult result) implements Decision {}

  /** Accepted and joined; the mail waits in the outbox. */
  private record Accepted(SignupResult.Joined joined, Account account, Invitation invitation,
      List<MailDispatcher.Outgoing> mails) implements Decision {}

  SignupResult accept(TokenDigest digest, Instant now, User user, @Nullable PasswordHash hash) {
    Decision decision = work.decide("accepting an invitation", tx -> decide(tx, digest, now, user, hash));
    if (decision instanceof Refused refused) {
      return refused.result();
    }
    Accepted accepted = (Accepted) decision;
    directory.invalidate(accepted.account().id());
    events.publish(List.of(new InvitekitEvent.MemberJoined(now, accepted.account().id(), user.id(),
        accepted.joined().membership().role(), accepted.invitation().id(), accepted.invitation().viaLink())));
    outbox.deliverRecorded(accepted.mails());
    return accepted.joined();
  }

  private Outcome<Decision> decide(StoreTransaction tx, TokenDigest digest, Instant now, User user,
      @Nullable PasswordHash hash) {
    Optional<StoredInvitation> stored = tx.invitations().findByToken(digest);
    if (stored.isEmpty()) {
      // Replaced between the check and now (I7): never usable, and said so.
      return refuse(new SignupResult.Unusable(tx.invitations().findBySupersededToken(digest)
          .map(s -> InvitationTokens.supersededStatus(s.invitation(), now)).orElse(TokenStatus.UNKNOWN)));
    }
    Invitation invitation = stored.get().invitation();
    TokenStatus status = InvitationTokens.statusOf(invitation, now);
    if (status != null) {
      return refuse(new SignupResult.Unusable(status));
    }
    Account account = tx.accounts().find(invitation.accountId()).orElseThrow();
    Refusal refusal = Permissions.stillGrants(tx, account, invitation);
    if (refusal != null) {
      return refuse(new SignupResult.NotAllowed(refusal));
    }
    // The invitation's conditional update first: it is the one step that picks the winner of concurrent
    // accepts, so every loser is told ALREADY_USED (I5, issue 9 item 13). An identity inserted after it
    // can then only clash with someone else's, and rolls the accept back.
    Invitation acceptedInvitation = invitation.accepted(user.id(), now);
    if (!tx.invitations().update(new StoredInvitation(acceptedInvitation, stored.get().tokenDigest()),
        InvitationState.PENDING)) {
      return refuse(new SignupResult.Unusable(TokenStatus.ALREADY_USED));
    }
    if (hash != null && !tx.users().insert(new StoredUser(user, hash))) {
      return refuse(new SignupResult.Invalid(List.of(new FieldProblem(Field.EMAIL, Code.ALREADY_TAKEN,
          invitation.email() + " already has an identity: sign in, then accept the invitation with it."))));
    }
    Membership membership = tx.memberships().find(account.id(), user.id()).orElse(null);
    boolean joined = membership == null;
    if (membership == null) {
      membership = new Membership(account.id(), user.id(), invitation.role(), true, invitation.invitedBy(),
          invitation.viaLink(), now);
      tx.memberships().insert(membership);
    }
    if (joined && invitation.viaLink() != null) {
      tx.links().recordJoin(new LinkJoin(invitation.viaLink(), user.id(), now));
    }
    User inviter = invitation.viaLink() == null
        ? tx.users().find(invitation.invitedBy()).map(StoredUser::user).orElse(null) : null;
    // The welcome and the inviter's notice are recorded with the join: sent if and only if it commits.
    List<MailDispatcher.Outgoing> mails = new ArrayList<>();
    mails.add(outbox.record(tx, composer.welcome(user, account, membership.role(),
        acceptedInvitation.locale()), account.id(), null, null));
    MailDispatcher.Outgoing notice = InviterNotice.enqueue(composer, outbox, tx, account, inviter,
        acceptedInvitation, MailComposer.Notice.ACCEPTED, user.displayName());
    if (notice != null) {
      mails.add(notice);
    }
    return Outcome.commit(new Accepted(new SignupResult.Joined(user, membership), account, acceptedInvitation,
        mails));
  }

  /** Rolls back whatever this unit of work wrote, and answers {@code result}. */
  private static Outcome<Decision> refuse(SignupResult result) {
    return Outcome.rollback(new Refused(result));
  }
}
