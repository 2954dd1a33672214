package dev.invitekit.internal.invite;

import dev.invitekit.spi.store.InvitationStore;
import dev.invitekit.refusal.Refusal;
import dev.invitekit.refusal.Refusal.Reason;
import dev.invitekit.account.Account;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.email.AddressEntry;
import dev.invitekit.email.AddressList;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.id.InvitationId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.json.ReportJson;
import dev.invitekit.internal.mail.MailDispatcher;
import dev.invitekit.internal.policy.InviteLimits;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.ratelimit.RateLimiter;
import dev.invitekit.internal.text.NameRule;
import dev.invitekit.internal.tx.Outcome;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.invite.InviteAs;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.IdempotencyRecord;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Inviting a list of addresses by email (I1–I4, I6, I7, I10): one unit of work decides every address,
 * records the invitations and their mail, then the mail gets its one attempt after commit.
 */
final class InviteByEmail {
  private final UnitOfWork work;
  private final Clock clock;
  private final EventBus events;
  private final RateLimiter rateLimiter;
  private final InvitationMail mail;
  private final MailDispatcher outbox;

  InviteByEmail(UnitOfWork work, Clock clock, EventBus events, RateLimiter rateLimiter, InvitationMail mail,
      MailDispatcher outbox) {
    this.work = work;
    this.clock = clock;
    this.events = events;
    this.rateLimiter = rateLimiter;
    this.mail = mail;
    this.outbox = outbox;
  }

  InviteResult invite(InviteRequest request) {
    Objects.requireNonNull(request, "request");
    String key = request.idempotencyKey();
    if (key != null && (key.isBlank() || key.length() > InviteRequest.MAX_IDEMPOTENCY_KEY)) {
      return new InviteResult.InvalidIdempotencyKey(InviteRequest.MAX_IDEMPOTENCY_KEY);
    }
    AddressList list = AddressList.parse(request.addresses()).distinct();
    String fingerprint = fingerprint(request, list);
    if (key != null) {
      Optional<InviteResult> replay = replay(request, key, fingerprint);
      if (replay.isPresent()) {
        return replay.get();
      }
    }
    Instant now = clock.instant();
    Plan plan = work.decide("inviting by email", tx -> plan(tx, request, list, now, fingerprint));
    // Java 17 has no pattern switch: the chain runs over the sealed Plan, each case once.
    if (plan instanceof KeyTakenMeanwhile) {
      return replay(request, Objects.requireNonNull(key), fingerprint).orElseThrow();
    }
    if (plan instanceof Refused refused) {
      return new InviteResult.NotPermitted(refused.refusal());
    }
    if (plan instanceof TooMany tooMany) {
      return tooMany.result();
    }
    Ready ready = (Ready) plan;
    events.publish(ready.events());
    // The request's mails in one unit of work after commit, however many there are (SPEC §5).
    Map<String, DeliveryStatus> delivered = outbox.deliverRecorded(ready.mails());
    List<AddressOutcome> outcomes = new ArrayList<>(ready.items().size());
    for (Item item : ready.items()) {
      outcomes.add(item.deliver(delivered));
    }
    return new InviteResult.InviteReport(outcomes, false);
  }

  /** What the unit of work decided for the whole request. */
  private sealed interface Plan permits Refused, TooMany, Ready, KeyTakenMeanwhile {}

  /** The inviter may not invite at all (U6); nothing was written. */
  private record Refused(Refusal refusal) implements Plan {}

  /** The list is too long (I2); nothing was written. */
  private record TooMany(InviteResult result) implements Plan {}

  /** Every address decided; the invitations and their mail are recorded. */
  private record Ready(List<Item> items, List<InvitekitEvent> events, List<MailDispatcher.Outgoing> mails)
      implements Plan {}

  /** A concurrent request took the idempotency key: everything is rolled back and its report replayed (I10). */
  private record KeyTakenMeanwhile() implements Plan {}

  /** What to do with one entry, decided inside the unit of work; mail goes out after commit. */
  private record Item(AddressOutcome decided, @Nullable Dispatch dispatch) {
    AddressOutcome deliver(Map<String, DeliveryStatus> delivered) {
      if (dispatch == null) {
        return decided;
      }
      DeliveryStatus status = delivered.getOrDefault(dispatch.mailId(), DeliveryStatus.NOT_SENT);
      if (decided instanceof AddressOutcome.Invited i) {
        return new AddressOutcome.Invited(i.input(), i.address(), i.invitationId(), i.role(), status);
      }
      AddressOutcome.Resent r = (AddressOutcome.Resent) decided;
      return new AddressOutcome.Resent(r.input(), r.address(), r.invitationId(), status);
    }
  }

  /** What one address needs, decided from what is known before anything is written. */
  private sealed interface Decision permits Settled, Fresh, Again {}

  /** The address's outcome is known and sends nothing (invalid, not allowed, already a member ...). */
  private record Settled(AddressOutcome outcome) implements Decision, Acted {}

  /** An address to invite anew, once its permits are taken. */
  private record Fresh(AddressEntry.Mailbox mailbox, Role role) implements Decision {}

  /** An address whose open invitation is sent again (I7). */
  private record Again(AddressEntry.Mailbox mailbox, Role role, StoredInvitation stored) implements Decision {
    Invitation current() {
      return stored.invitation();
    }
  }

  /** What was done for one address: settled without mail, or recorded and waiting for its mail. */
  private sealed interface Acted permits Settled, ToMail {}

  /** A decided outcome whose mail is still to be recorded in the outbox. */
  private record ToMail(AddressOutcome decided, Dispatch.Issued issued) implements Acted {}

  /** What the look before the loop found: users by address, the account's members, open invitations. */
  private record Known(Map<EmailAddress, StoredUser> users, Map<UserId, Membership> members,
      Map<EmailAddress, StoredInvitation> open) {}

  private Outcome<Plan> plan(StoreTransaction tx, InviteRequest request, AddressList list, Instant now,
      String fingerprint) {
    Optional<Account> found = tx.accounts().find(request.accountId());
    Membership inviter = tx.memberships().find(request.accountId(), request.inviterId()).orElse(null);
    if (found.isEmpty()) {
      return Outcome.commit(new Refused(Permissions.notAMember()));
    }
    Account account = found.get();
    Supplier<List<AdminContact>> admins = memo(() -> Permissions.admins(tx, account));
    Refusal refusal = Permissions.mayInviteAtAll(inviter, account, admins);
    if (refusal != null || inviter == null) {
      return Outcome.commit(new Refused(refusal != null ? refusal : Permissions.notAMember()));
    }
    // U6 before I2: someone who may not invite at all is told so, with the admins, whatever the list.
    InviteResult tooMany = tooMany(list);
    if (tooMany != null) {
      return Outcome.commit(new TooMany(tooMany));
    }
    User inviterUser = tx.users().find(request.inviterId()).map(StoredUser::user).orElseThrow();
    Locale locale = request.locale() != null ? request.locale() : account.locale();
    List<InvitekitEvent> published = new ArrayList<>();
    // One look each, before the loop, instead of one per address: who has a user, who has an open
    // invitation; then the membership of only those who have a user (none, for new addresses), never the
    // account's every member, which would make an invite grow with the account.
    List<EmailAddress> addresses = list.entries().stream()
        .filter(AddressEntry.Mailbox.class::isInstance).map(e -> ((AddressEntry.Mailbox) e).address()).toList();
    Map<EmailAddress, StoredUser> users = tx.users().findByEmails(addresses);
    Map<UserId, Membership> members = users.isEmpty() ? Map.of()
        : tx.memberships().findAll(account.id(), users.values().stream().map(u -> u.user().id()).toList());
    Known known = new Known(users, members, tx.invitations().findOpenByEmails(account.id(), addresses));
    List<Decision> decisions = new ArrayList<>();
    for (AddressEntry entry : list.entries()) {
      if (entry instanceof AddressEntry.Unusable bad) {
        decisions.add(new Settled(new AddressOutcome.Invalid(bad.input(), bad.problem())));
      } else {
        decisions.add(decide(account, inviter, (AddressEntry.Mailbox) entry, request, known, admins));
      }
    }
    // The new invitations' permits, all in one batch; outcomes as if taken address by address, in order.
    List<List<RateLimiter.Permit>> groups = new ArrayList<>();
    for (Decision decision : decisions) {
      if (decision instanceof Fresh fresh) {
        groups.add(InviteLimits.permits(account, inviter.userId(), fresh.mailbox().address()));
      }
    }
    Iterator<Optional<Duration>> limits = rateLimiter.tryAcquireGroups(tx, groups).iterator();
    // The new invitations that got their permits, inserted in one bulk step: one outcome per invitation.
    // Keyed by the decision itself, not by value: hashing each record's address and input again on
    // every step showed in the profile, and each decision is its own entry anyway.
    Map<Fresh, Optional<Duration>> limitOf = new IdentityHashMap<>();
    Map<Fresh, Dispatch.Issued> issuedFor = new IdentityHashMap<>();
    List<Fresh> issuedInOrder = new ArrayList<>();
    List<StoredInvitation> toInsert = new ArrayList<>();
    for (Decision decision : decisions) {
      if (decision instanceof Fresh fresh) {
        Optional<Duration> limited = limits.next();
        limitOf.put(fresh, limited);
        if (limited.isEmpty()) {
          Dispatch.Issued issued = mail.issue(fresh(account, inviter, fresh, locale, now));
          issuedFor.put(fresh, issued);
          issuedInOrder.add(fresh);
          toInsert.add(issued.stored());
        }
      }
    }
    Iterator<InvitationStore.InsertOutcome> insertOutcomes = tx.invitations().insertAll(toInsert).iterator();
    Map<Fresh, InvitationStore.InsertOutcome> insertOf = new IdentityHashMap<>();
    issuedInOrder.forEach(fresh -> insertOf.put(fresh, insertOutcomes.next()));
    List<Acted> done = new ArrayList<>();
    for (Decision decision : decisions) {
      if (decision instanceof Fresh fresh) {
        done.add(invite(tx, account, inviter, fresh, now, Objects.requireNonNull(limitOf.get(fresh)),
            issuedFor.get(fresh), insertOf.get(fresh), published));
      } else if (decision instanceof Again again) {
        done.add(resend(tx, account, inviter, again, locale, now, published));
      } else {
        done.add((Settled) decision);
      }
    }
    // The mails last, in address order, recorded in the outbox in one bulk step.
    List<Item> items = new ArrayList<>(done.size());
    List<MailDispatcher.Outgoing> mails = new ArrayList<>();
    for (Acted acted : done) {
      if (acted instanceof ToMail toMail) {
        Dispatch.Prepared prepared = mail.prepare(toMail.issued(), account, inviterUser, false);
        mails.add(prepared.outgoing());
        items.add(new Item(toMail.decided(), prepared.dispatch()));
      } else {
        items.add(new Item(((Settled) acted).outcome(), null));
      }
    }
    tx.outbox().insertAll(mails.stream().map(MailDispatcher.Outgoing::entry).toList());
    String key = request.idempotencyKey();
    if (key != null) {
      List<AddressOutcome> decided = items.stream().map(Item::decided).toList();
      boolean inserted = tx.idempotency().insert(new IdempotencyRecord(account.id(), request.inviterId(),
          key, fingerprint, ReportJson.write(decided), now));
      if (!inserted) {
        return Outcome.rollback(new KeyTakenMeanwhile());
      }
    }
    return Outcome.commit(new Ready(items, published, mails));
  }

  /**
   * I2: the refusal of a (distinct) list with more than {@link InviteLimits#MAX_ENTRIES} entries, valid or
   * not, which bounds the work, else of one with too many valid addresses; null when within both.
   */
  private static @Nullable InviteResult tooMany(AddressList list) {
    if (InviteLimits.tooManyEntries(list)) {
      return new InviteResult.TooManyEntries(InviteLimits.MAX_ENTRIES, list.entries().size());
    }
    int valid = InviteLimits.tooManyAddresses(list);
    return valid > 0 ? new InviteResult.TooManyAddresses(InviteLimits.MAX_ADDRESSES, valid) : null;
  }

  /** The outcome of one address from what is known, or what is left to do for it. */
  private static Decision decide(Account account, Membership inviter, AddressEntry.Mailbox mailbox,
      InviteRequest request, Known known, Supplier<List<AdminContact>> admins) {
    EmailAddress address = mailbox.address();
    String input = mailbox.input();
    Role role = Permissions.roleFor(account, address, request.as());
    if (request.as() == InviteAs.ADMIN && role != Role.ADMIN) {
      return new Settled(new AddressOutcome.NotAllowed(input, address, Refusal.of(Reason.ADMIN_NEEDS_COMPANY_DOMAIN,
          "Only addresses at " + String.join(", ", account.companyDomains()) + " can be admins of "
              + Permissions.ending(account.name()))));
    }
    Refusal refusal = Permissions.mayInvite(inviter, account, address, role, admins);
    if (refusal != null) {
      return new Settled(new AddressOutcome.NotAllowed(input, address, refusal));
    }
    StoredUser existing = known.users().get(address);
    if (existing != null) {
      Membership membership = known.members().get(existing.user().id());
      if (membership != null) {
        return new Settled(new AddressOutcome.AlreadyMember(input, address, membership.role()));
      }
    }
    StoredInvitation open = known.open().get(address);
    if (open != null) {
      Invitation current = open.invitation();
      // I7: only the inviter or an admin may send an invitation again. An invitation through the link is no
      // member's: anyone who may invite the address sends it again as their own, or whoever holds the link
      // could keep a co-worker from inviting a chosen address by redeeming it first (review 18).
      if (current.viaLink() == null && !current.invitedBy().equals(inviter.userId()) && inviter.role() != Role.ADMIN) {
        return new Settled(new AddressOutcome.NotAllowed(input, address, new Refusal(Reason.ADMINS_ONLY, address
            + " already has a pending invitation from someone else; only they or an admin can send it again.",
            admins.get())));
      }
      return new Again(mailbox, role, open);
    }
    return new Fresh(mailbox, role);
  }

  private Acted resend(StoreTransaction tx, Account account, Membership inviter, Again again, Locale locale,
      Instant now, List<InvitekitEvent> published) {
    AddressEntry.Mailbox mailbox = again.mailbox();
    EmailAddress address = mailbox.address();
    String input = mailbox.input();
    Invitation current = again.current();
    InvitePolicy policy = account.policy();
    // A member's paste of an address whose invitation came through the link is the member's first invitation of
    // it: it takes a new invitation's permits, not a re-send, whose counts the link's redemptions spent in
    // counters of their own (review 19), so whoever holds the link cannot use them up to keep members out.
    boolean takenOver = current.viaLink() != null;
    Optional<Duration> limited = takenOver
        ? rateLimiter.tryAcquireGroups(tx, List.of(InviteLimits.permits(account, inviter.userId(), address))).get(0)
        : rateLimiter.tryAcquire(tx, InviteLimits.resendKey(current.id()), policy.resendsPerInvitationPerDay(),
            InviteLimits.DAY, 1);
    if (limited.isPresent()) {
      return new Settled(new AddressOutcome.RateLimited(input, address, limited.get()));
    }
    // Sent again, it becomes this inviter's invitation with the role they ask for now (the mail names
    // them, and I8 re-checks them at accept); an admin re-sending an admin invitation keeps that role.
    Role newRole = current.role() == Role.ADMIN && inviter.role() == Role.ADMIN ? Role.ADMIN : again.role();
    String name = displayName(mailbox.displayName());
    Invitation reissued = new Invitation(current.id(), current.accountId(), address,
        name != null ? name : current.displayName(), newRole, InvitationState.PENDING, inviter.userId(), null,
        locale, current.createdAt(), now.plus(policy.invitationLifetime()), now, DeliveryStatus.NOT_SENT,
        current.ageCheckLocked(), false, null);
    Dispatch.Issued issued = mail.issue(reissued);
    if (!Dispatch.reissue(tx, again.stored(), issued, current.state())) {
      // Changed by a concurrent request between the read and the write: ask the caller to try again.
      return new Settled(new AddressOutcome.RateLimited(input, address, Duration.ZERO));
    }
    // Published as an admin's approval is (L1): the invitation was recorded once, by the redemption (review 20).
    published.add(new InvitekitEvent.InvitationResent(now, account.id(), current.id(), inviter.userId()));
    if (current.state() == InvitationState.AWAITING_APPROVAL) {
      // Nothing was sent yet: the redemption waited for an admin's approval, which a member who may invite the
      // address gives by inviting it. It leaves the approval queue, and the link's record, as this member's
      // invitation, sent now: to the member it is a new invitation.
      return new ToMail(new AddressOutcome.Invited(input, address, current.id(), newRole, DeliveryStatus.NOT_SENT),
          issued);
    }
    return new ToMail(new AddressOutcome.Resent(input, address, current.id(), DeliveryStatus.NOT_SENT), issued);
  }

  /** The new invitation for an address to invite anew. */
  private static Invitation fresh(Account account, Membership inviter, Fresh fresh, Locale locale, Instant now) {
    AddressEntry.Mailbox mailbox = fresh.mailbox();
    return new Invitation(InvitationId.random(), account.id(), mailbox.address(),
        displayName(mailbox.displayName()), fresh.role(), InvitationState.PENDING, inviter.userId(), null, locale, now,
        now.plus(account.policy().invitationLifetime()), now, DeliveryStatus.NOT_SENT, false, false, null);
  }

  private Acted invite(StoreTransaction tx, Account account, Membership inviter, Fresh fresh, Instant now,
      Optional<Duration> limited, Dispatch.@Nullable Issued issued, InvitationStore.@Nullable InsertOutcome insert,
      List<InvitekitEvent> published) {
    AddressEntry.Mailbox mailbox = fresh.mailbox();
    EmailAddress address = mailbox.address();
    String input = mailbox.input();
    if (limited.isPresent()) {
      return new Settled(new AddressOutcome.RateLimited(input, address, limited.get()));
    }
    Invitation invitation = Objects.requireNonNull(issued, "issued for every address with its permits").stored()
        .invitation();
    if (insert != InvitationStore.InsertOutcome.INSERTED) {
      // Another request created the open invitation a moment ago: it is being sent right now.
      return new Settled(new AddressOutcome.Resent(input, address,
          tx.invitations().findOpen(account.id(), address).map(s -> s.invitation().id()).orElse(invitation.id()),
          DeliveryStatus.NOT_SENT));
    }
    published.add(new InvitekitEvent.Invited(now, account.id(), invitation.id(), address, fresh.role(),
        inviter.userId(), null));
    return new ToMail(new AddressOutcome.Invited(input, address, invitation.id(), fresh.role(),
        DeliveryStatus.NOT_SENT), issued);
  }

  /**
   * The display name pasted with the address, when it passes the one name rule of S3 ({@link NameRule}:
   * no bidi overrides, controls or unpaired surrogates, something visible, at most 100 code points);
   * otherwise none: the address is still invited, and the mail greets the person without a name.
   */
  private static @Nullable String displayName(@Nullable String raw) {
    return NameRule.validOrNull(raw);
  }

  private Optional<InviteResult> replay(InviteRequest request, String key, String fingerprint) {
    Optional<IdempotencyRecord> record = work.tx("reading an idempotency key", tx ->
        tx.idempotency().find(request.accountId(), request.inviterId(), key));
    if (record.isEmpty()) {
      return Optional.empty();
    }
    if (!record.get().requestFingerprint().equals(fingerprint)) {
      // I10, SPEC §5: input from outside gets a typed outcome, never an exception.
      return Optional.of(new InviteResult.IdempotencyKeyReused(key));
    }
    // The remembered outcomes are as of commit; their deliveries are read fresh from the invitations.
    List<AddressOutcome> outcomes = work.tx("replaying an invitation request", tx ->
        ReportJson.read(record.get().resultJson()).stream().map(o -> freshDelivery(tx, o)).toList());
    return Optional.of(new InviteResult.InviteReport(outcomes, true));
  }

  private static AddressOutcome freshDelivery(StoreTransaction tx, AddressOutcome o) {
    if (o instanceof AddressOutcome.Invited i) {
      return new AddressOutcome.Invited(i.input(), i.address(), i.invitationId(), i.role(),
          delivery(tx, i.invitationId(), i.delivery()));
    }
    if (o instanceof AddressOutcome.Resent r) {
      return new AddressOutcome.Resent(r.input(), r.address(), r.invitationId(), delivery(tx, r.invitationId(), r.delivery()));
    }
    return o;
  }

  private static DeliveryStatus delivery(StoreTransaction tx, InvitationId id, DeliveryStatus fallback) {
    return tx.invitations().find(id).map(s -> s.invitation().delivery()).orElse(fallback);
  }

  private static String fingerprint(InviteRequest request, AddressList list) {
    StringBuilder canonical = new StringBuilder(request.as().name()).append('|')
        .append(request.locale() == null ? "" : request.locale().toLanguageTag());
    for (AddressEntry entry : list.entries()) {
      canonical.append('|').append(entry instanceof AddressEntry.Mailbox m ? m.address().toString() : entry.input());
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static <T> Supplier<T> memo(Supplier<T> supplier) {
    return new Supplier<>() {
      private @Nullable T value;

      @Override
      public T get() {
        T known = value;
        if (known == null) {
          known = supplier.get();
          value = known;
        }
        return known;
      }
    };
  }
}
