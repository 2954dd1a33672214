package dev.invitekit.internal.link;

import dev.invitekit.Refusal;
import dev.invitekit.Refusal.Reason;
import dev.invitekit.account.Account;
import dev.invitekit.account.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.email.AddressCheck;
import dev.invitekit.email.AddressEntry;
import dev.invitekit.email.AddressList;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.internal.Kernel;
import dev.invitekit.internal.invite.Dispatch;
import dev.invitekit.internal.invite.InvitationService;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.ratelimit.RateLimiter;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.invite.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.link.InviteLink;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.LinkId;
import dev.invitekit.link.LinkJoins;
import dev.invitekit.link.Links;
import dev.invitekit.link.Redemption;
import dev.invitekit.link.ShareResult;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.member.UserId;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Invite links (L1–L3). */
public final class LinkService implements Links {
  /** The one answer to every accepted redemption, whatever the address's history (L3). */
  static final String CHECK_YOUR_EMAIL =
      "Check your inbox: if this address can join, we have sent it an email with the next step.";

  private final Kernel kernel;

  /** The service on the shared kernel. */
  public LinkService(Kernel kernel) {
    this.kernel = kernel;
  }

  private InviteLink toPublic(StoredLink link) {
    return new InviteLink(link.id(), link.accountId(), kernel.linkUrl(link.token()), link.createdBy(), link.createdAt(),
        link.expiresAt(), link.useLimit(), link.uses(), link.active());
  }

  private record Access(@Nullable Refusal refusal, @Nullable Account account, @Nullable User member) {}

  /**
   * Whether the member may have the account's link (L1, U6): one decision with inviting,
   * {@link Permissions#mayHaveLink}; rotating is for admins.
   */
  private static Access access(StoreTransaction tx, UserId memberId, AccountId accountId, boolean adminOnly) {
    // Locked first: concurrent first fetches (and rotations) of the account's link run one after another,
    // so the second finds the link the first created and there is one current link (L1).
    Optional<Account> account = tx.accounts().lock(accountId);
    Optional<Membership> member = tx.memberships().find(accountId, memberId);
    if (account.isEmpty() || member.isEmpty()) {
      return new Access(Permissions.notAMember(), null, null);
    }
    Account a = account.get();
    if (adminOnly && member.get().role() != Role.ADMIN) {
      return new Access(Permissions.adminsOnly(a, "rotate the invite link", () -> Permissions.admins(tx, a)), null, null);
    }
    Refusal refusal = Permissions.mayHaveLink(member.get(), a, () -> Permissions.admins(tx, a));
    if (refusal != null) {
      return new Access(refusal, null, null);
    }
    return new Access(null, a, tx.users().find(memberId).map(StoredUser::user).orElseThrow());
  }

  private StoredLink newLink(Account account, UserId by, Instant now) {
    InvitePolicy policy = account.policy();
    return new StoredLink(LinkId.random(), account.id(), kernel.tokens.next(), by, now, now.plus(policy.linkLifetime()),
        policy.linkUseLimit(), 0, true);
  }

  @Override
  public LinkAccess current(UserId memberId, AccountId accountId) {
    return link("getting the invite link", memberId, accountId, false);
  }

  @Override
  public LinkAccess rotate(UserId adminId, AccountId accountId) {
    return link("rotating the invite link", adminId, accountId, true);
  }

  /**
   * The account's link for the actor (L1): the active one, or a new one when there is none, it expired,
   * or an admin rotates it. A replaced link is deactivated in the same unit of work, so the old URL stops
   * working at once.
   */
  private LinkAccess link(String operation, UserId actorId, AccountId accountId, boolean rotate) {
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(accountId, "accountId");
    Instant now = kernel.now();
    List<InvitekitEvent> events = new ArrayList<>();
    LinkAccess result = kernel.tx(operation, tx -> {
      events.clear();
      Access access = access(tx, actorId, accountId, rotate);
      if (access.refusal() != null) {
        return new LinkAccess.NotAllowed(access.refusal());
      }
      Optional<StoredLink> old = tx.links().findActive(accountId);
      // An expired link is replaced. One that reached its use limit is not: it stays, showing its uses,
      // until an admin rotates it, or any member could lift the limit by asking again (L1).
      if (!rotate && old.isPresent() && now.isBefore(old.get().expiresAt())) {
        return new LinkAccess.Available(toPublic(old.get()));
      }
      old.ifPresent(l -> tx.links().deactivate(l.id()));
      StoredLink link = newLink(access.account(), actorId, now);
      tx.links().insert(link);
      events.add(old.isPresent()
          ? new InvitekitEvent.LinkRotated(now, accountId, old.get().id(), link.id(), actorId)
          : new InvitekitEvent.LinkCreated(now, accountId, link.id(), actorId));
      return new LinkAccess.Available(toPublic(link));
    });
    kernel.publish(events);
    return result;
  }

  @Override
  public ShareResult share(UserId memberId, AccountId accountId, String recipients, boolean send) {
    Objects.requireNonNull(recipients, "recipients");
    AddressList list = AddressList.parse(recipients).distinct();
    // U6 before I2: someone who may not share is told so, with the admins, whatever the list.
    LinkAccess access = current(memberId, accountId);
    if (access instanceof LinkAccess.NotAllowed refused) {
      return new ShareResult.NotAllowed(refused.refusal());
    }
    // I2 as for invitations: the entries bound the work; only valid addresses count toward the 20.
    if (list.entries().size() > InvitationService.MAX_ENTRIES) {
      return new ShareResult.TooManyEntries(InvitationService.MAX_ENTRIES, list.entries().size());
    }
    InviteResult.TooManyAddresses tooMany = InvitationService.tooManyAddresses(list);
    if (tooMany != null) {
      return new ShareResult.TooManyAddresses(tooMany.limit(), tooMany.count());
    }
    InviteLink link = ((LinkAccess.Available) access).link();
    record Context(Account account, User sharer) {}
    Context context = kernel.tx("sharing the invite link", tx -> new Context(tx.accounts().find(accountId).orElseThrow(),
        tx.users().find(memberId).orElseThrow().user()));
    List<EmailAddress> to = new ArrayList<>();
    List<AddressEntry.Unusable> unusable = new ArrayList<>();
    for (AddressEntry entry : list.entries()) {
      if (entry instanceof AddressEntry.Mailbox m) {
        to.add(m.address());
      } else {
        unusable.add((AddressEntry.Unusable) entry);
      }
    }
    String[] subjectAndText = kernel.composer.linkShareSubjectAndText(context.sharer(), context.account(), link.url());
    URI mailto = link.mailto(to, subjectAndText[0], subjectAndText[1]);
    Map<EmailAddress, DeliveryStatus> deliveries = new LinkedHashMap<>();
    Map<EmailAddress, Duration> limited = new LinkedHashMap<>();
    if (send && !to.isEmpty()) {
      Map<EmailAddress, String> queued = kernel.tx("sharing the invite link by email", tx -> {
        limited.clear();
        // The same per-inviter, per-account and per-recipient limits as inviting, in the store's counters
        // shared by every node: a share mails an address someone typed (A2, L2, issue 8 item 3).
        Account account = tx.accounts().find(accountId).orElseThrow();
        List<List<RateLimiter.Permit>> groups = new ArrayList<>();
        for (EmailAddress recipient : to) {
          groups.add(InvitationService.permits(account, memberId, recipient));
        }
        List<Optional<Duration>> permits = kernel.rateLimiter.tryAcquireGroups(tx, groups);
        Map<EmailAddress, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < to.size(); i++) {
          EmailAddress recipient = to.get(i);
          if (permits.get(i).isPresent()) {
            limited.put(recipient, permits.get(i).get());
            continue;
          }
          MailMessage message = kernel.composer.linkShare(context.sharer(), context.account(), link.url(), recipient);
          ids.put(recipient, kernel.enqueue(tx, message, accountId, null, null));
        }
        return ids;
      });
      queued.forEach((recipient, id) -> deliveries.put(recipient, kernel.deliverNow(id)));
    }
    return new ShareResult.Shared(mailto, to, unusable, deliveries, limited);
  }

  // ---- redemption (L3)

  /**
   * What a redemption decided inside its unit of work. {@code decoy} is the invitation whose work a path
   * that sends no verification mail repeats and throws away, so that every "check your email" costs about
   * the same (L3).
   */
  private record Decision(Redemption answer, @Nullable Dispatch dispatch, @Nullable String noticeId,
      List<InvitekitEvent> events, @Nullable Decoy decoy) {
    Decision(Redemption answer, @Nullable Dispatch dispatch, @Nullable String noticeId, List<InvitekitEvent> events) {
      this(answer, dispatch, noticeId, events, null);
    }
  }

  /** The account and address of a "check your email" answer that sends no verification mail. */
  private record Decoy(Account account, EmailAddress address) {}

  @Override
  public Redemption redeem(String linkToken, String email, @Nullable String clientKey) {
    Objects.requireNonNull(linkToken, "linkToken");
    Objects.requireNonNull(email, "email");
    if (!Tokens.isWellFormed(linkToken)) {
      // A malformed token is a miss like an unknown one (SPEC §5), counted without a lookup.
      boolean counted = kernel.tx("counting a token attempt", tx -> kernel.tokenAttempts.miss(tx, clientKey));
      return new Redemption.Refused(counted ? Redemption.Reason.UNKNOWN_LINK : Redemption.Reason.TOO_MANY_ATTEMPTS);
    }
    AddressCheck check = EmailAddress.check(email);
    if (!(check instanceof AddressCheck.Valid valid)) {
      return new Redemption.Refused(Redemption.Reason.INVALID_ADDRESS);
    }
    EmailAddress address = valid.address();
    Instant now = kernel.now();
    Decision decision = kernel.tx("redeeming an invite link", tx -> decide(tx, linkToken, address, now, clientKey));
    kernel.publish(decision.events());
    if (decision.dispatch() != null) {
      decision.dispatch().send(kernel);
    }
    if (decision.noticeId() != null) {
      kernel.deliverNow(decision.noticeId());
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
   * of work that reads what recording a delivery would read. A member's path also sends its notice, which
   * stands in for sending the verification mail. NoEnumerationTest measures the result.
   */
  private void equalize(Decoy decoy, Instant now) {
    Invitation throwaway = new Invitation(InvitationId.random(), decoy.account().id(), decoy.address(), null,
        Role.COWORKER, InvitationState.PENDING, UserId.random(), null, decoy.account().locale(), now,
        now.plus(decoy.account().policy().invitationLifetime()), now, DeliveryStatus.NOT_SENT, false, false, null);
    Dispatch.Issued issued = Dispatch.issue(kernel, throwaway);
    kernel.composer.linkVerification(throwaway, decoy.account(), kernel.invitationUrl(issued.token()));
    kernel.tx("redeeming an invite link", tx -> tx.invitations().findByToken(issued.digest()));
  }

  private Decision decide(StoreTransaction tx, String token, EmailAddress address, Instant now,
      @Nullable String clientKey) {
    // Looked up by digest-indexed equality in the store; the token itself is never compared here.
    Optional<StoredLink> found = tx.links().findByToken(TokenDigest.ofToken(token));
    if (found.isEmpty()) {
      // Only a miss counts; a known link is never refused for what others sent (SPEC §5, issue 8 item 2).
      return refused(kernel.tokenAttempts.miss(tx, clientKey) ? Redemption.Reason.UNKNOWN_LINK
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
    // Every mail a link sends to one address counts against one daily limit, whatever the address's
    // history, and the answer stays the same: nobody floods an inbox through a link, and nobody learns
    // anything about the address from being limited (A2, L3).
    Decoy silent = new Decoy(account, address);
    if (kernel.rateLimiter.tryAcquire(tx, InvitationService.recipientKey(account.id(), address),
        policy.invitesPerRecipientPerDay(), Duration.ofDays(1), 1).isPresent()) {
      return new Decision(answer, null, null, List.of(), silent);
    }
    Optional<StoredUser> user = tx.users().findByEmail(address);
    if (user.isPresent() && tx.memberships().find(account.id(), user.get().user().id()).isPresent()) {
      return new Decision(answer, null, kernel.enqueue(tx, kernel.composer.alreadyMember(address, account), account.id(),
          null, null), List.of(), new Decoy(account, address));
    }
    Optional<StoredInvitation> open = tx.invitations().findOpen(account.id(), address);
    if (open.isPresent()) {
      Invitation current = open.get().invitation();
      // Only a link invitation is sent again from the link. An emailed one keeps its token: otherwise
      // anyone holding the link could kill the link in someone's personal invitation. Same answer.
      if (current.viaLink() == null || current.state() != InvitationState.PENDING
          || kernel.rateLimiter.tryAcquire(tx, InvitationService.resendKey(current.id()),
          policy.resendsPerInvitationPerDay(), Duration.ofDays(1), 1).isPresent()) {
        return new Decision(answer, null, null, List.of(), silent);
      }
      Dispatch.Issued issued = Dispatch.issue(kernel, current.renewed(now.plus(policy.invitationLifetime()), now));
      if (!Dispatch.reissue(tx, open.get(), issued, InvitationState.PENDING)) {
        return new Decision(answer, null, null, List.of(), silent);
      }
      return new Decision(answer, dispatchFor(tx, issued, account, current), null,
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
      return new Decision(answer, null, null, events, silent);
    }
    Dispatch.Issued issued = Dispatch.issue(kernel, invitation);
    if (!tx.invitations().insert(issued.stored())) {
      throw new IllegalStateException("an open invitation appeared inside this unit of work");
    }
    return new Decision(answer, dispatchFor(tx, issued, account, invitation), null, events);
  }

  private Dispatch dispatchFor(StoreTransaction tx, Dispatch.Issued issued, Account account, Invitation invitation) {
    // Link redemptions get the verification mail, which names no inviter (L3).
    User inviter = invitation.viaLink() == null ? tx.users().find(invitation.invitedBy()).map(StoredUser::user).orElse(null) : null;
    return Dispatch.enqueue(kernel, tx, issued, account, inviter, false);
  }

  private static Decision refused(Redemption.Reason reason) {
    return new Decision(new Redemption.Refused(reason), null, null, List.of());
  }

  @Override
  public LinkJoins joins(UserId adminId, AccountId accountId) {
    Objects.requireNonNull(adminId, "adminId");
    Objects.requireNonNull(accountId, "accountId");
    return kernel.tx("listing link joins", tx -> {
      Optional<Account> account = tx.accounts().find(accountId);
      Optional<Membership> member = tx.memberships().find(accountId, adminId);
      if (account.isEmpty() || member.isEmpty()) {
        return new LinkJoins.NotAllowed(Permissions.notAMember());
      }
      if (member.get().role() != Role.ADMIN) {
        return new LinkJoins.NotAllowed(Permissions.adminsOnly(account.get(), "see who joined through the invite link",
            () -> Permissions.admins(tx, account.get())));
      }
      return new LinkJoins.Listed(tx.links().joins(accountId));
    });
  }

  @Override
  public InvitationChange approve(UserId adminId, AccountId accountId, InvitationId invitationId) {
    return decideApproval(adminId, accountId, invitationId, true);
  }

  @Override
  public InvitationChange deny(UserId adminId, AccountId accountId, InvitationId invitationId) {
    return decideApproval(adminId, accountId, invitationId, false);
  }

  private InvitationChange decideApproval(UserId adminId, AccountId accountId, InvitationId invitationId, boolean approve) {
    Instant now = kernel.now();
    record Outcome(InvitationChange change, @Nullable Dispatch dispatch, @Nullable InvitekitEvent event) {}
    Outcome outcome = kernel.tx(approve ? "approving a link redemption" : "denying a link redemption", tx -> {
      Optional<Account> account = tx.accounts().find(accountId);
      Optional<Membership> admin = tx.memberships().find(accountId, adminId);
      if (account.isEmpty() || admin.isEmpty()) {
        return new Outcome(new InvitationChange.NotAllowed(
            Permissions.notAMember()), null, null);
      }
      if (admin.get().role() != Role.ADMIN) {
        return new Outcome(new InvitationChange.NotAllowed(Permissions.adminsOnly(account.get(),
            "approve people joining by link", () -> Permissions.admins(tx, account.get()))), null, null);
      }
      Optional<StoredInvitation> stored = tx.invitations().find(invitationId)
          .filter(s -> s.invitation().accountId().equals(accountId));
      if (stored.isEmpty()) {
        return new Outcome(new InvitationChange.NotFound(), null, null);
      }
      Invitation current = stored.get().invitation();
      if (current.state() != InvitationState.AWAITING_APPROVAL) {
        return new Outcome(new InvitationChange.NotOpen(current.state()), null, null);
      }
      if (!approve) {
        Invitation denied = current.withState(InvitationState.REVOKED, now);
        tx.invitations().update(new StoredInvitation(denied, null), InvitationState.AWAITING_APPROVAL);
        return new Outcome(new InvitationChange.Changed(denied), null,
            new InvitekitEvent.InvitationRevoked(now, accountId, invitationId, adminId));
      }
      // Approving sends mail that admits someone: the link rule under today's policy decides (U6, I8, L1).
      Refusal refusal = Permissions.stillGrants(tx, account.get(), current);
      if (refusal != null) {
        return new Outcome(new InvitationChange.NotAllowed(refusal), null, null);
      }
      Dispatch.Issued issued = Dispatch.issue(kernel,
          current.renewed(now.plus(account.get().policy().invitationLifetime()), now));
      if (!tx.invitations().update(issued.stored(), InvitationState.AWAITING_APPROVAL)) {
        return new Outcome(new InvitationChange.NotOpen(tx.invitations().find(invitationId).orElseThrow().invitation().state()),
            null, null);
      }
      return new Outcome(new InvitationChange.Changed(issued.stored().invitation()),
          dispatchFor(tx, issued, account.get(), current),
          new InvitekitEvent.InvitationResent(now, accountId, invitationId, adminId));
    });
    if (outcome.event() != null) {
      kernel.publish(List.of(outcome.event()));
    }
    if (outcome.dispatch() != null) {
      DeliveryStatus status = outcome.dispatch().send(kernel);
      return new InvitationChange.Changed(outcome.dispatch().stored().invitation().withDelivery(status, now));
    }
    return outcome.change();
  }
}
