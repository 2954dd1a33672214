package dev.invitekit.internal.link;

import dev.invitekit.refusal.Refusal.Reason;
import dev.invitekit.account.Account;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.email.AddressCheck;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.error.StoreException;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.id.InvitationId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.invite.Dispatch;
import dev.invitekit.internal.invite.InvitationMail;
import dev.invitekit.internal.mail.MailComposer;
import dev.invitekit.internal.mail.MailDispatcher;
import dev.invitekit.internal.policy.InviteLimits;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.ratelimit.RateLimiter;
import dev.invitekit.internal.ratelimit.TokenAttempts;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.link.Redemption;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.TokenDigest;
import dev.invitekit.spi.store.StoredUser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Redeeming the invite link with an address (L3): every admitted address hears the same answer, in about the same time. */
final class RedeemLink {
  private final UnitOfWork work;
  private final Clock clock;
  private final EventBus events;
  private final RateLimiter rateLimiter;
  private final TokenAttempts tokenAttempts;
  private final InvitationMail mail;
  private final MailComposer composer;
  private final MailDispatcher outbox;

  RedeemLink(UnitOfWork work, Clock clock, EventBus events, RateLimiter rateLimiter, TokenAttempts tokenAttempts, InvitationMail mail, MailComposer composer, MailDispatcher outbox) {
    this.work = work;
    this.clock = clock;
    this.events = events;
    this.rateLimiter = rateLimiter;
    this.tokenAttempts = tokenAttempts;
    this.mail = mail;
    this.composer = composer;
    this.outbox = outbox;
  }

  /** The one answer to every accepted redemption, whatever the address's history (L3). */
  private static final String CHECK_YOUR_EMAIL =
      "Check your inbox: if this address can join, we have sent it an email with the next step.";

  /**
   * What a redemption decided inside its unit of work. {@code mail} is what it recorded in the outbox, the
   * verification mail or a member's notice, in hand for the attempt after commit. {@code decoy} is the
   * invitation whose work a path that sends no verification mail repeats and throws away, so that every
   * "check your email" costs about the same (L3).
   */
  private record Decision(Redemption answer, MailDispatcher.@Nullable Outgoing mail, List<InvitekitEvent> events,
      @Nullable Decoy decoy) {
    Decision(Redemption answer, MailDispatcher.@Nullable Outgoing mail, List<InvitekitEvent> events) {
      this(answer, mail, events, null);
    }
  }

  /**
   * The account and address of a "check your email" answer that sends no verification mail. {@code sendsMail}:
   * the answer sends other mail in its place (a member's notice), whose delivery is booked in a unit of work
   * after commit as the verification mail's is, so the decoy adds no unit of work of its own.
   */
  private record Decoy(Account account, EmailAddress address, boolean sendsMail) {}

  Redemption redeem(String linkToken, String email, @Nullable String clientKey) {
    Objects.requireNonNull(linkToken, "linkToken");
    Objects.requireNonNull(email, "email");
    if (!Tokens.isWellFormed(linkToken)) {
      // A malformed token is a miss like an unknown one (SPEC §5), counted without a lookup.
      boolean counted = work.tx("counting a token attempt", tx -> tokenAttempts.miss(tx, clientKey));
      return new Redemption.Refused(counted ? Redemption.Reason.UNKNOWN_LINK : Redemption.Reason.TOO_MANY_ATTEMPTS);
    }
    AddressCheck check = EmailAddress.check(email);
    if (!(check instanceof AddressCheck.Valid valid)) {
      return new Redemption.Refused(Redemption.Reason.INVALID_ADDRESS);
    }
    EmailAddress address = valid.address();
    Instant now = clock.instant();
    Decision decision = work.tx("redeeming an invite link", tx -> decide(tx, linkToken, address, now, clientKey));
    events.publish(decision.events());
    if (decision.mail() != null) {
      // One path for both mails, the verification and a member's notice, so that neither path does work the
      // other does not (L3); sent as recorded, the entry pending until the attempt is booked (SPEC §5).
      outbox.deliverRecorded(List.of(decision.mail()));
    }
    if (decision.decoy() != null) {
      equalize(decision.decoy(), now);
    }
    return decision.answer();
  }

  /**
   * L3, no enumeration by timing: a redemption that creates an invitation issues a token, hashes it,
   * composes and sends the verification mail, and records the delivery in a second unit of work. The
   * other "check your email" paths (a member, a pending invitation, a limited address) would answer
   * measurably sooner, telling a visitor with a stopwatch what the answer hides. They do the same kinds of
   * work and throw it away: a token and its digest, the verification mail composed but not sent, and a unit
   * of work that reads what recording a delivery would read. A member's path sends its notice instead, which
   * stands in for sending the verification mail and booking it, so it skips that unit of work: every path
   * runs the same two units of work. NoEnumerationTest measures the result.
   *
   * <p>The redemption has committed by now, so nothing here may fail it: a store failure in the throwaway
   * read is ignored (the answer, the use and any mail are recorded; telling the caller "nothing was recorded"
   * would make them redeem again).
   */
  private void equalize(Decoy decoy, Instant now) {
    Invitation throwaway = new Invitation(InvitationId.random(), decoy.account().id(), decoy.address(), null,
        Role.COWORKER, InvitationState.PENDING, UserId.random(), null, decoy.account().locale(), now,
        now.plus(decoy.account().policy().invitationLifetime()), now, DeliveryStatus.NOT_SENT, false, false, null);
    Dispatch.Issued issued = mail.issue(throwaway);
    mail.composeDecoy(issued, decoy.account());
    if (decoy.sendsMail()) {
      return;
    }
    try {
      work.tx("redeeming an invite link", tx -> tx.invitations().findByToken(issued.digest()));
    } catch (StoreException ignored) {
      // Only timing rode on this read; see above.
    }
  }

  private Decision decide(StoreTransaction tx, String token, EmailAddress address, Instant now,
      @Nullable String clientKey) {
    // Looked up by digest-indexed equality in the store; the token itself is never compared here.
    Optional<StoredLink> found = tx.links().findByToken(TokenDigest.ofToken(token));
    if (found.isEmpty()) {
      // Only a miss counts; a known link is never refused for what others sent (SPEC §5, issue 8 item 2).
      return refused(tokenAttempts.miss(tx, clientKey) ? Redemption.Reason.UNKNOWN_LINK
          : Redemption.Reason.TOO_MANY_ATTEMPTS);
    }
    StoredLink link = found.get();
    Account account = tx.accounts().find(link.accountId()).orElseThrow();
    InvitePolicy policy = account.policy();
    if (!link.active() || !now.isBefore(link.expiresAt()) || !policy.linksEnabled()) {
      return refused(Redemption.Reason.LINK_EXPIRED);
    }
    // Checked before anything about the address, so that a full link answers everyone alike (L3).
    if (link.useLimit() != null && link.uses() >= link.useLimit()) {
      return refused(Redemption.Reason.USE_LIMIT_REACHED);
    }
    // The account's right under its current policy, the one decision of inviting (L1, U5, issue 8.5, 8.6).
    Role role = Permissions.linkAdmits(account, address);
    if (role == null) {
      return refused(Redemption.Reason.NOT_A_COMPANY_ADDRESS);
    }
    // Every admitted redemption uses a use, whatever the address's history (member, pending invitation,
    // rate-limited, new), so that neither the answer nor the use count tells them apart (L3, issue 8.14).
    if (!tx.links().tryUse(link.id(), now)) {
      return refused(Redemption.Reason.USE_LIMIT_REACHED);
    }
    Redemption answer = new Redemption.CheckYourEmail(CHECK_YOUR_EMAIL);
    // Every admitted redemption takes an invitation's permits (A2), the link's own hour in place of an inviter's,
    // the account's day and the address's day, whatever the address's history. Past any of them the answer
    // stays the same and no mail goes out: nobody holding the link floods the company's addresses or an inbox,
    // nobody learns anything about an address from being limited (L3), what a link admits counts against what
    // its account may send, and no member's own allowance goes to strangers holding the link (review 17).
    Decoy silent = new Decoy(account, address, false);
    if (rateLimiter.tryAcquireGroups(tx, List.of(InviteLimits.linkPermits(account, link.id(), address)))
        .get(0).isPresent()) {
      return new Decision(answer, null, List.of(), silent);
    }
    Optional<StoredUser> user = tx.users().findByEmail(address);
    if (user.isPresent() && tx.memberships().find(account.id(), user.get().user().id()).isPresent()) {
      return new Decision(answer, outbox.record(tx, composer.alreadyMember(address, account), account.id(),
          null, null), List.of(), new Decoy(account, address, true));
    }
    Optional<StoredInvitation> open = tx.invitations().findOpen(account.id(), address);
    if (open.isPresent()) {
      Invitation current = open.get().invitation();
      // Only a link invitation is sent again from the link. An emailed one keeps its token: otherwise
      // anyone holding the link could kill the link in someone's personal invitation. Same answer.
      if (current.viaLink() == null || current.state() != InvitationState.PENDING
          || rateLimiter.tryAcquire(tx, InviteLimits.linkResendKey(current.id()),
          policy.resendsPerInvitationPerDay(), InviteLimits.DAY, 1).isPresent()) {
        return new Decision(answer, null, List.of(), silent);
      }
      Dispatch.Issued issued = mail.issue(current.renewed(now.plus(policy.invitationLifetime()), now));
      if (!Dispatch.reissue(tx, open.get(), issued, InvitationState.PENDING)) {
        return new Decision(answer, null, List.of(), silent);
      }
      return new Decision(answer, dispatchFor(tx, issued, account, current),
          List.of(new InvitekitEvent.InvitationResent(now, account.id(), current.id(), null)));
    }
    InvitationState state = policy.linkApprovalRequired() ? InvitationState.AWAITING_APPROVAL : InvitationState.PENDING;
    Invitation invitation = new Invitation(InvitationId.random(), account.id(), address, null, role, state,
        link.createdBy(), link.id(), account.locale(), now, now.plus(policy.invitationLifetime()), now,
        DeliveryStatus.NOT_SENT, false, false, null);
    List<InvitekitEvent> events = List.of(
        new InvitekitEvent.Invited(now, account.id(), invitation.id(), address, role, link.createdBy(), link.id()),
        new InvitekitEvent.LinkRedeemed(now, account.id(), link.id(), invitation.id()));
    if (state == InvitationState.AWAITING_APPROVAL) {
      if (!tx.invitations().insert(new StoredInvitation(invitation, null))) {
        throw new IllegalStateException("an open invitation appeared inside this unit of work");
      }
      return new Decision(answer, null, events, silent);
    }
    Dispatch.Issued issued = mail.issue(invitation);
    if (!tx.invitations().insert(issued.stored())) {
      throw new IllegalStateException("an open invitation appeared inside this unit of work");
    }
    return new Decision(answer, dispatchFor(tx, issued, account, invitation), events);
  }

  /** Records the invitation's mail in the outbox of {@code tx}, and hands it back for the attempt after commit. */
  private MailDispatcher.Outgoing dispatchFor(StoreTransaction tx, Dispatch.Issued issued, Account account,
      Invitation invitation) {
    // Link redemptions get the verification mail, which names no inviter (L3).
    User inviter = invitation.viaLink() == null ? tx.users().find(invitation.invitedBy()).map(StoredUser::user).orElse(null) : null;
    Dispatch.Prepared prepared = mail.prepare(issued, account, inviter, false);
    tx.outbox().insert(prepared.entry());
    return prepared.outgoing();
  }

  private static Decision refused(Redemption.Reason reason) {
    return new Decision(new Redemption.Refused(reason), null, List.of());
  }
}
