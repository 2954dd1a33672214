package dev.invitekit.internal.invite;

import dev.invitekit.Refusal;
import dev.invitekit.Refusal.Reason;
import dev.invitekit.account.Account;
import dev.invitekit.account.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.email.AddressEntry;
import dev.invitekit.email.AddressList;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.internal.Kernel;
import dev.invitekit.internal.json.ReportJson;
import dev.invitekit.internal.mail.MailComposer;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.ratelimit.RateLimiter;
import dev.invitekit.internal.text.NameRule;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.invite.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.invite.Invitations;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.member.AdminContact;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.member.UserId;
import dev.invitekit.spi.store.IdempotencyRecord;
import dev.invitekit.spi.store.InvitationStore;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Invitations by email (I1–I11). */
public final class InvitationService implements Invitations {
  /** At most this many distinct valid addresses per request (I2); invalid entries do not count. */
  public static final int MAX_ADDRESSES = 20;
  /**
   * At most this many distinct entries, valid or not, per request (I2): bounds the work of one request
   * (one outcome each), far above {@link #MAX_ADDRESSES}, so a list with a few typos is never refused.
   */
  public static final int MAX_ENTRIES = 200;
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = Duration.ofDays(1);
  private static final int SWEEP_BATCH = 500;

  private final Kernel kernel;

  /** The service on the shared kernel. */
  public InvitationService(Kernel kernel) {
    this.kernel = kernel;
  }

  @Override
  public InviteResult inviteByEmail(UserId inviterId, AccountId accountId, String addresses) {
    return invite(InviteRequest.members(inviterId, accountId, addresses));
  }

  @Override
  public InviteResult invite(InviteRequest request) {
    Objects.requireNonNull(request, "request");
    String key = request.idempotencyKey();
    if (key != null && (key.isBlank() || key.length() > InviteRequest.MAX_IDEMPOTENCY_KEY)) {
      return new InviteResult.InvalidIdempotencyKey(InviteRequest.MAX_IDEMPOTENCY_KEY);
    }
    AddressList list = AddressList.parse(request.addresses()).distinct();
    String fingerprint = fingerprint(request, list);
    if (request.idempotencyKey() != null) {
      Optional<InviteResult> replay = replay(request, fingerprint);
      if (replay.isPresent()) {
        return replay.get();
      }
    }
    Instant now = kernel.now();
    Planned planned;
    try {
      planned = kernel.tx("inviting by email", tx -> plan(tx, request, list, now, fingerprint));
    } catch (KeyTakenMeanwhile e) {
      return replay(request, fingerprint).orElseThrow();
    }
    if (planned.refusal() != null) {
      return new InviteResult.NotPermitted(planned.refusal());
    }
    if (planned.tooMany() != null) {
      return planned.tooMany();
    }
    kernel.publish(planned.events());
    // The request's mails in a bounded number of units of work, however many there are (SPEC §5).
    Map<String, DeliveryStatus> delivered = kernel.deliverNow(planned.items().stream()
        .filter(item -> item.dispatch() != null).map(item -> item.dispatch().mailId()).toList());
    List<AddressOutcome> outcomes = new ArrayList<>(planned.items().size());
    for (Item item : planned.items()) {
      outcomes.add(item.deliver(delivered));
    }
    return new InviteResult.InviteReport(outcomes, false);
  }

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

  private record Planned(@Nullable Refusal refusal, @Nullable InviteResult tooMany, List<Item> items,
      List<InvitekitEvent> events) {}

  /** Thrown inside a unit of work to roll it back when a concurrent request took the idempotency key. */
  private static final class KeyTakenMeanwhile extends Kernel.Rollback {
    private static final long serialVersionUID = 1L;
  }

  private Planned plan(StoreTransaction tx, InviteRequest request, AddressList list, Instant now, String fingerprint) {
    Optional<Account> found = tx.accounts().find(request.accountId());
    Membership inviter = tx.memberships().find(request.accountId(), request.inviterId()).orElse(null);
    if (found.isEmpty()) {
      return new Planned(Permissions.notAMember(), null, List.of(), List.of());
    }
    Account account = found.get();
    Supplier<List<AdminContact>> admins = memo(() -> Permissions.admins(tx, account));
    Refusal refusal = Permissions.mayInviteAtAll(inviter, account, admins);
    if (refusal != null) {
      return new Planned(refusal, null, List.of(), List.of());
    }
    // U6 before I2: someone who may not invite at all is told so, with the admins, whatever the list.
    InviteResult tooMany = tooMany(list);
    if (tooMany != null) {
      return new Planned(null, tooMany, List.of(), List.of());
    }
    User inviterUser = tx.users().find(request.inviterId()).map(StoredUser::user).orElseThrow();
    Locale locale = request.locale() != null ? request.locale() : account.locale();
    List<InvitekitEvent> events = new ArrayList<>();
    // One look each, before the loop, instead of one per address: who has a user, who is a member, who
    // has an open invitation. A bulk invite so costs the same few round trips for 1 address or 20.
    List<EmailAddress> addresses = list.entries().stream()
        .filter(AddressEntry.Mailbox.class::isInstance).map(e -> ((AddressEntry.Mailbox) e).address()).toList();
    Known known = new Known(tx.users().findByEmails(addresses), tx.memberships().ofAccount(account.id()).stream()
        .collect(Collectors.toMap(Membership::userId, m -> m, (a, b) -> a)), tx.invitations().findOpenByEmails(account.id(), addresses));
    List<Object> decisions = new ArrayList<>();
    for (AddressEntry entry : list.entries()) {
      if (entry instanceof AddressEntry.Unusable bad) {
        decisions.add(new Item(new AddressOutcome.Invalid(bad.input(), bad.problem()), null));
        continue;
      }
      decisions.add(decide(account, inviter, (AddressEntry.Mailbox) entry, request, known, admins));
    }
    // The new invitations' permits, all in one batch; outcomes as if taken address by address, in order.
    List<List<RateLimiter.Permit>> groups = new ArrayList<>();
    for (Object decision : decisions) {
      if (decision instanceof Fresh fresh) {
        groups.add(permits(account, inviter.userId(), fresh.mailbox().address()));
      }
    }
    Iterator<Optional<Duration>> limits = kernel.rateLimiter.tryAcquireGroups(tx, groups).iterator();
    // The new invitations that got their permits, inserted in one bulk step: one outcome per invitation.
    Map<Fresh, Optional<Duration>> limitOf = new LinkedHashMap<>();
    Map<Fresh, Dispatch.Issued> issuedFor = new LinkedHashMap<>();
    for (Object decision : decisions) {
      if (decision instanceof Fresh fresh) {
        Optional<Duration> limited = limits.next();
        limitOf.put(fresh, limited);
        if (limited.isEmpty()) {
          issuedFor.put(fresh, Dispatch.issue(kernel, fresh(account, inviter, fresh, locale, now)));
        }
      }
    }
    List<Dispatch.Issued> toInsert = List.copyOf(issuedFor.values());
    Iterator<InvitationStore.InsertOutcome> insertOutcomes =
        tx.invitations().insertAll(toInsert.stream().map(Dispatch.Issued::stored).toList()).iterator();
    Map<Fresh, InvitationStore.InsertOutcome> insertOf = new LinkedHashMap<>();
    issuedFor.keySet().forEach(fresh -> insertOf.put(fresh, insertOutcomes.next()));
    List<Object> done = new ArrayList<>();
    for (Object decision : decisions) {
      if (decision instanceof Fresh fresh) {
        done.add(invite(tx, account, inviter, fresh, now, limitOf.get(fresh), issuedFor.get(fresh),
            insertOf.get(fresh), events));
      } else if (decision instanceof Again again) {
        done.add(resend(tx, account, inviter, again, locale, now, events));
      } else {
        done.add(decision);
      }
    }
    // The mails last, in address order, recorded in the outbox in one bulk step.
    List<Item> items = new ArrayList<>(done.size());
    List<OutboxEntry> mails = new ArrayList<>();
    for (Object decision : done) {
      if (decision instanceof ToMail mail) {
        Dispatch.Prepared prepared = Dispatch.prepare(kernel, mail.issued(), account, inviterUser, false);
        mails.add(prepared.entry());
        items.add(new Item(mail.decided(), prepared.dispatch()));
      } else {
        items.add((Item) decision);
      }
    }
    tx.outbox().insertAll(mails);
    if (request.idempotencyKey() != null) {
      List<AddressOutcome> decided = items.stream().map(Item::decided).toList();
      boolean inserted = tx.idempotency().insert(new IdempotencyRecord(account.id(), request.inviterId(),
          request.idempotencyKey(), fingerprint, ReportJson.write(decided), now));
      if (!inserted) {
        throw new KeyTakenMeanwhile();
      }
    }
    return new Planned(null, null, items, events);
  }

  /**
   * I2: the refusal of a (distinct) list with more than {@link #MAX_ADDRESSES} valid addresses, or null;
   * invalid entries get their own outcome and do not count. A share by email may use it too (L2).
   */
  public static InviteResult.@Nullable TooManyAddresses tooManyAddresses(AddressList list) {
    long valid = list.entries().stream().filter(AddressEntry.Mailbox.class::isInstance).count();
    return valid > MAX_ADDRESSES ? new InviteResult.TooManyAddresses(MAX_ADDRESSES, (int) valid) : null;
  }

  /**
   * I2: the refusal of a (distinct) list with more than {@link #MAX_ENTRIES} entries, valid or not, which
   * bounds the work, else of one with too many valid addresses; null when the list is within both.
   */
  private static @Nullable InviteResult tooMany(AddressList list) {
    if (list.entries().size() > MAX_ENTRIES) {
      return new InviteResult.TooManyEntries(MAX_ENTRIES, list.entries().size());
    }
    return tooManyAddresses(list);
  }

  /** What the look before the loop found: users by address, the account's members, open invitations. */
  private record Known(Map<EmailAddress, StoredUser> users, Map<UserId, Membership> members,
      Map<EmailAddress, StoredInvitation> open) {}

  /** An address to invite anew, once its permits are taken. */
  private record Fresh(AddressEntry.Mailbox mailbox, Role role) {}

  /** An address whose open invitation is sent again (I7). */
  private record Again(AddressEntry.Mailbox mailbox, Role role, StoredInvitation stored) {
    Invitation current() {
      return stored.invitation();
    }
  }

  /** A decided outcome whose mail is still to be recorded in the outbox. */
  private record ToMail(AddressOutcome decided, Dispatch.Issued issued) {}

  /** The outcome of one address from what is known, or what is left to do for it: {@link Fresh}, {@link Again}. */
  private Object decide(Account account, Membership inviter, AddressEntry.Mailbox mailbox, InviteRequest request,
      Known known, Supplier<List<AdminContact>> admins) {
    EmailAddress address = mailbox.address();
    String input = mailbox.input();
    Role role = Permissions.roleFor(account, address, request.as());
    if (request.as() == dev.invitekit.invite.InviteAs.ADMIN && role != Role.ADMIN) {
      return new Item(new AddressOutcome.NotAllowed(input, address, Refusal.of(Reason.ADMIN_NEEDS_COMPANY_DOMAIN,
          "Only addresses at " + String.join(", ", account.companyDomains()) + " can be admins of "
              + Permissions.ending(account.name()))), null);
    }
    Refusal refusal = Permissions.mayInvite(inviter, account, address, role, admins);
    if (refusal != null) {
      return new Item(new AddressOutcome.NotAllowed(input, address, refusal), null);
    }
    StoredUser existing = known.users().get(address);
    if (existing != null) {
      Membership membership = known.members().get(existing.user().id());
      if (membership != null) {
        return new Item(new AddressOutcome.AlreadyMember(input, address, membership.role()), null);
      }
    }
    StoredInvitation open = known.open().get(address);
    if (open != null) {
      Invitation current = open.invitation();
      // I7: only the inviter or an admin may send an invitation again.
      if (!current.invitedBy().equals(inviter.userId()) && inviter.role() != Role.ADMIN) {
        return new Item(new AddressOutcome.NotAllowed(input, address, new Refusal(Reason.ADMINS_ONLY, address
            + " already has a pending invitation from someone else; only they or an admin can send it again.",
            admins.get())), null);
      }
      return new Again(mailbox, role, open);
    }
    return new Fresh(mailbox, role);
  }

  private Object resend(StoreTransaction tx, Account account, Membership inviter, Again again, Locale locale,
      Instant now, List<InvitekitEvent> events) {
    AddressEntry.Mailbox mailbox = again.mailbox();
    EmailAddress address = mailbox.address();
    String input = mailbox.input();
    Invitation current = again.current();
    InvitePolicy policy = account.policy();
    Optional<Duration> limited = kernel.rateLimiter.tryAcquire(tx, resendKey(current.id()),
        policy.resendsPerInvitationPerDay(), DAY, 1);
    if (limited.isPresent()) {
      return new Item(new AddressOutcome.RateLimited(input, address, limited.get()), null);
    }
    // Sent again, it becomes this inviter's invitation with the role they ask for now (the mail names
    // them, and I8 re-checks them at accept); an admin re-sending an admin invitation keeps that role.
    Role newRole = current.role() == Role.ADMIN && inviter.role() == Role.ADMIN ? Role.ADMIN : again.role();
    String name = displayName(mailbox.displayName());
    Invitation reissued = new Invitation(current.id(), current.accountId(), address,
        name != null ? name : current.displayName(), newRole, InvitationState.PENDING, inviter.userId(), null,
        locale, current.createdAt(), now.plus(policy.invitationLifetime()), now, DeliveryStatus.NOT_SENT,
        current.ageCheckLocked(), false, null);
    Dispatch.Issued issued = Dispatch.issue(kernel, reissued);
    if (!Dispatch.reissue(tx, again.stored(), issued, current.state())) {
      // Changed by a concurrent request between the read and the write: ask the caller to try again.
      return new Item(new AddressOutcome.RateLimited(input, address, Duration.ZERO), null);
    }
    events.add(new InvitekitEvent.InvitationResent(now, account.id(), current.id(), inviter.userId()));
    return new ToMail(new AddressOutcome.Resent(input, address, current.id(), DeliveryStatus.NOT_SENT), issued);
  }

  /** The new invitation for an address to invite anew. */
  private static Invitation fresh(Account account, Membership inviter, Fresh fresh, Locale locale, Instant now) {
    AddressEntry.Mailbox mailbox = fresh.mailbox();
    return new Invitation(InvitationId.random(), account.id(), mailbox.address(),
        displayName(mailbox.displayName()), fresh.role(), InvitationState.PENDING, inviter.userId(), null, locale, now,
        now.plus(account.policy().invitationLifetime()), now, DeliveryStatus.NOT_SENT, false, false, null);
  }

  private Object invite(StoreTransaction tx, Account account, Membership inviter, Fresh fresh, Instant now,
      Optional<Duration> limited, Dispatch.@Nullable Issued issued, InvitationStore.@Nullable InsertOutcome insert,
      List<InvitekitEvent> events) {
    AddressEntry.Mailbox mailbox = fresh.mailbox();
    EmailAddress address = mailbox.address();
    String input = mailbox.input();
    if (limited.isPresent()) {
      return new Item(new AddressOutcome.RateLimited(input, address, limited.get()), null);
    }
    Invitation invitation = Objects.requireNonNull(issued).stored().invitation();
    if (insert != InvitationStore.InsertOutcome.INSERTED) {
      // Another request created the open invitation a moment ago: it is being sent right now.
      return new Item(new AddressOutcome.Resent(input, address,
          tx.invitations().findOpen(account.id(), address).map(s -> s.invitation().id()).orElse(invitation.id()),
          DeliveryStatus.NOT_SENT), null);
    }
    events.add(new InvitekitEvent.Invited(now, account.id(), invitation.id(), address, fresh.role(), inviter.userId(),
        null));
    return new ToMail(new AddressOutcome.Invited(input, address, invitation.id(), fresh.role(),
        DeliveryStatus.NOT_SENT), issued);
  }

  /**
   * One invitation from the inviter's hourly, the account's daily and the recipient's daily allowance
   * (A2, I4), in this order, in the store's counters so that every node sharing the store enforces one
   * limit. A refusal by a later limit gives back what the earlier ones took. Every path that mails an
   * address someone typed takes these permits: inviting, and sharing the link by email (L2, issue 8.3).
   */
  public static List<RateLimiter.Permit> permits(Account account, UserId inviterId, EmailAddress address) {
    InvitePolicy policy = account.policy();
    return List.of(
        new RateLimiter.Permit("inviter:" + account.id() + ":" + inviterId, policy.invitesPerInviterPerHour(), HOUR),
        new RateLimiter.Permit("account:" + account.id(), policy.invitesPerAccountPerDay(), DAY),
        new RateLimiter.Permit(recipientKey(account.id(), address), policy.invitesPerRecipientPerDay(), DAY));
  }

  /** The counter of invitations an account sends to one address in a day (A2); links use it too (L3). */
  public static String recipientKey(AccountId accountId, EmailAddress address) {
    return "recipient:" + accountId + ":" + address;
  }

  /** The counter of re-sends of one invitation in a day (I7); links use it too (L3). */
  public static String resendKey(InvitationId id) {
    return "resend:" + id;
  }

  /** A display name from a pasted list, on one line and bounded; null when blank. */
  /**
   * The display name pasted with the address, when it passes the one name rule of S3 ({@link NameRule}:
   * no bidi overrides, controls or unpaired surrogates, something visible, at most 100 code points);
   * otherwise none: the address is still invited, and the mail greets the person without a name.
   */
  private static @Nullable String displayName(@Nullable String raw) {
    return NameRule.validOrNull(raw);
  }


  private Optional<InviteResult> replay(InviteRequest request, String fingerprint) {
    Optional<IdempotencyRecord> record = kernel.tx("reading an idempotency key", tx ->
        tx.idempotency().find(request.accountId(), request.inviterId(), request.idempotencyKey()));
    if (record.isEmpty()) {
      return Optional.empty();
    }
    if (!record.get().requestFingerprint().equals(fingerprint)) {
      // I10, SPEC §5: input from outside gets a typed outcome, never an exception.
      return Optional.of(new InviteResult.IdempotencyKeyReused(Objects.requireNonNull(request.idempotencyKey())));
    }
    // The remembered outcomes are as of commit; their deliveries are read fresh from the invitations.
    List<AddressOutcome> outcomes = kernel.tx("replaying an invitation request", tx ->
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
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
  }

  // ---- revoke, resend (I7)

  @Override
  public InvitationChange revoke(UserId actorId, AccountId accountId, InvitationId invitationId) {
    Instant now = kernel.now();
    InvitationChange change = kernel.tx("revoking an invitation", tx -> {
      Object checked = check(tx, actorId, accountId, invitationId, "revoke");
      if (checked instanceof InvitationChange refused) {
        return refused;
      }
      StoredInvitation stored = (StoredInvitation) checked;
      Invitation revoked = stored.invitation().withState(InvitationState.REVOKED, now);
      if (!tx.invitations().update(new StoredInvitation(revoked, stored.tokenDigest()), stored.invitation().state())) {
        return new InvitationChange.NotOpen(tx.invitations().find(invitationId).orElseThrow().invitation().state());
      }
      return new InvitationChange.Changed(revoked);
    });
    if (change instanceof InvitationChange.Changed) {
      kernel.publish(List.of(new InvitekitEvent.InvitationRevoked(now, accountId, invitationId, actorId)));
    }
    return change;
  }

  @Override
  public InvitationChange resend(UserId actorId, AccountId accountId, InvitationId invitationId) {
    Instant now = kernel.now();
    Object result = kernel.tx("re-sending an invitation", tx -> {
      Object checked = check(tx, actorId, accountId, invitationId, "re-send");
      if (checked instanceof InvitationChange refused) {
        return refused;
      }
      StoredInvitation stored = (StoredInvitation) checked;
      Invitation current = stored.invitation();
      Account account = tx.accounts().find(accountId).orElseThrow();
      // U6, I8: a re-send sends mail, so it takes the same permission decision as inviting, today: a member
      // whose permission is off, or who can no longer grant the role, is refused naming the admins, and
      // nothing is sent (issue 8 item 10).
      Refusal refusal = Permissions.mayResend(tx, tx.memberships().find(accountId, actorId).orElseThrow(), account, current);
      if (refusal != null) {
        return new InvitationChange.NotAllowed(refusal);
      }
      if (current.state() != InvitationState.PENDING) {
        return new InvitationChange.NotOpen(current.state());
      }
      Optional<Duration> limited = kernel.rateLimiter.tryAcquire(tx, resendKey(invitationId),
          account.policy().resendsPerInvitationPerDay(), DAY, 1);
      if (limited.isPresent()) {
        return new InvitationChange.RateLimited(limited.get());
      }
      Dispatch.Issued issued = Dispatch.issue(kernel, current.renewed(now.plus(account.policy().invitationLifetime()), now));
      if (!Dispatch.reissue(tx, stored, issued, InvitationState.PENDING)) {
        return new InvitationChange.NotOpen(tx.invitations().find(invitationId).orElseThrow().invitation().state());
      }
      User inviter = tx.users().find(current.invitedBy()).map(StoredUser::user)
          .orElseGet(() -> tx.users().find(actorId).orElseThrow().user());
      return Dispatch.enqueue(kernel, tx, issued, account, current.viaLink() == null ? inviter : null, false);
    });
    if (result instanceof InvitationChange change) {
      return change;
    }
    Dispatch dispatch = (Dispatch) result;
    kernel.publish(List.of(new InvitekitEvent.InvitationResent(now, accountId, invitationId, actorId)));
    DeliveryStatus status = dispatch.send(kernel);
    return new InvitationChange.Changed(dispatch.stored().invitation().withDelivery(status, now));
  }

  /** The stored invitation if the actor may change it (admin or inviter) and it is open; else the refusal. */
  private static Object check(StoreTransaction tx, UserId actorId, AccountId accountId, InvitationId invitationId,
      String what) {
    Optional<StoredInvitation> stored = tx.invitations().find(invitationId)
        .filter(s -> s.invitation().accountId().equals(accountId));
    Optional<Membership> actor = tx.memberships().find(accountId, actorId);
    if (actor.isEmpty()) {
      return new InvitationChange.NotAllowed(Permissions.notAMember());
    }
    if (stored.isEmpty()) {
      return new InvitationChange.NotFound();
    }
    Invitation invitation = stored.get().invitation();
    if (actor.get().role() != Role.ADMIN && !invitation.invitedBy().equals(actorId)) {
      Account account = tx.accounts().find(accountId).orElseThrow();
      return new InvitationChange.NotAllowed(new Refusal(Reason.ADMINS_ONLY, "Only an admin or the person who sent "
          + "an invitation may " + what + " it.", Permissions.admins(tx, account)));
    }
    if (!invitation.state().isOpen()) {
      return new InvitationChange.NotOpen(invitation.state());
    }
    return stored.get();
  }

  // ---- reads (I5: never a token)

  @Override
  public Optional<Invitation> find(UserId actorId, AccountId accountId, InvitationId invitationId) {
    return kernel.tx("finding an invitation", tx -> {
      Optional<Membership> actor = tx.memberships().find(accountId, actorId);
      if (actor.isEmpty()) {
        return Optional.<Invitation>empty();
      }
      return tx.invitations().find(invitationId).map(StoredInvitation::invitation)
          .filter(i -> i.accountId().equals(accountId))
          .filter(i -> actor.get().role() == Role.ADMIN || i.invitedBy().equals(actorId));
    });
  }

  @Override
  public List<Invitation> list(UserId actorId, AccountId accountId) {
    return kernel.tx("listing invitations", tx -> {
      Optional<Membership> actor = tx.memberships().find(accountId, actorId);
      if (actor.isEmpty()) {
        return List.<Invitation>of();
      }
      return tx.invitations().ofAccount(accountId).stream().map(StoredInvitation::invitation)
          .filter(i -> actor.get().role() == Role.ADMIN || i.invitedBy().equals(actorId))
          .toList();
    });
  }

  // ---- expiry and reminders (I11)

  @Override
  public int expireDue() {
    // The periodic sweep is also when old rate-limit windows leave the store.
    kernel.tx("deleting old rate-limit counters", kernel.rateLimiter::sweep);
    int expired = 0;
    while (true) {
      Instant now = kernel.now();
      List<Invitation> due = kernel.tx("finding expired invitations", tx -> tx.invitations().openExpiringBy(now, SWEEP_BATCH).stream().map(StoredInvitation::invitation).toList());
      int before = expired;
      for (Invitation invitation : due) {
        if (expireOne(invitation, now)) {
          expired++;
        }
      }
      if (due.size() < SWEEP_BATCH || expired == before) {
        return expired;
      }
    }
  }

  private boolean expireOne(Invitation invitation, Instant now) {
    record Expired(@Nullable String noticeId) {}
    Expired expired = kernel.tx("expiring an invitation", tx -> {
      Optional<StoredInvitation> stored = tx.invitations().find(invitation.id());
      if (stored.isEmpty() || !stored.get().invitation().state().isOpen()) {
        return null;
      }
      Invitation next = stored.get().invitation().withState(InvitationState.EXPIRED, now);
      if (!tx.invitations().update(new StoredInvitation(next, stored.get().tokenDigest()), stored.get().invitation().state())) {
        return null;
      }
      Account account = tx.accounts().find(invitation.accountId()).orElseThrow();
      User inviter = tx.memberships().find(account.id(), invitation.invitedBy()).isPresent()
          ? tx.users().find(invitation.invitedBy()).map(StoredUser::user).orElse(null) : null;
      if (account.policy().notifyInviter() && inviter != null && invitation.viaLink() == null) {
        return new Expired(kernel.enqueue(tx, kernel.composer.inviterNotice(inviter, invitation, account,
            MailComposer.Notice.EXPIRED, null), account.id(), null, null));
      }
      return new Expired(null);
    });
    if (expired == null) {
      return false;
    }
    kernel.publish(List.of(new InvitekitEvent.InvitationExpired(now, invitation.accountId(), invitation.id())));
    if (expired.noticeId() != null) {
      kernel.deliverNow(expired.noticeId());
    }
    return true;
  }

  @Override
  public int sendReminders() {
    Instant now = kernel.now();
    List<Invitation> candidates = kernel.tx("finding invitations to remind",
        tx -> tx.invitations().pendingUnremindedExpiringBy(now.plus(InvitePolicy.MAX_INVITATION_LIFETIME), 10_000)
            .stream().map(StoredInvitation::invitation).toList());
    int sent = 0;
    for (Invitation candidate : candidates) {
      Dispatch dispatch = kernel.tx("reminding an invitee", tx -> {
        // The account's lock first (I11): nodes sending reminders at once take turns, and whoever comes
        // second reads the invitation as reminded, so each invitation is reminded once, by one node.
        Account account = tx.accounts().lock(candidate.accountId()).orElse(null);
        Optional<StoredInvitation> stored = tx.invitations().find(candidate.id());
        if (stored.isEmpty() || account == null || account.policy().reminderBeforeExpiry() == null) {
          return null;
        }
        Invitation current = stored.get().invitation();
        Instant remindFrom = current.expiresAt().minus(account.policy().reminderBeforeExpiry());
        if (current.state() != InvitationState.PENDING || current.reminded() || now.isBefore(remindFrom)
            || !now.isBefore(current.expiresAt())) {
          return null;
        }
        // A reminder is mail that admits: an invitation that no longer grants its role is not advertised
        // again (U6, I8); accepting it would be refused anyway.
        if (Permissions.stillGrants(tx, account, current) != null) {
          return null;
        }
        Dispatch.Issued issued = Dispatch.issue(kernel, current.withReminded(now));
        if (!Dispatch.reissue(tx, stored.get(), issued, InvitationState.PENDING)) {
          return null;
        }
        User inviter = tx.users().find(current.invitedBy()).map(StoredUser::user).orElse(null);
        return Dispatch.enqueue(kernel, tx, issued, account, current.viaLink() == null ? inviter : null,
            current.viaLink() == null);
      });
      if (dispatch != null) {
        kernel.publish(List.of(new InvitekitEvent.InvitationResent(now, candidate.accountId(), candidate.id(), null)));
        dispatch.send(kernel);
        sent++;
      }
    }
    return sent;
  }
}
