package dev.invitekit.internal.tx;

import dev.invitekit.account.Account;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.error.InvitekitException;
import dev.invitekit.error.StoreException;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.InvitationId;
import dev.invitekit.id.LinkId;
import dev.invitekit.id.UserId;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.link.LinkJoin;
import dev.invitekit.member.Membership;
import dev.invitekit.spi.store.AccountStore;
import dev.invitekit.spi.store.CounterIncrement;
import dev.invitekit.spi.store.Counters;
import dev.invitekit.spi.store.DeliveryRecord;
import dev.invitekit.spi.store.DirectoryEntry;
import dev.invitekit.spi.store.FounderSignup;
import dev.invitekit.spi.store.FounderSignupStore;
import dev.invitekit.spi.store.IdempotencyRecord;
import dev.invitekit.spi.store.IdempotencyStore;
import dev.invitekit.spi.store.InvitationStore;
import dev.invitekit.spi.store.LinkStore;
import dev.invitekit.spi.store.MembershipStore;
import dev.invitekit.spi.store.Outbox;
import dev.invitekit.spi.store.OutboxCompletion;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.SeatClaim;
import dev.invitekit.spi.store.SeatStore;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredMember;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import dev.invitekit.spi.store.UserStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A store's {@link StoreTransaction} as {@link UnitOfWork} hands it to a use case: every call through it, and
 * through the role objects it hands out, reports what the store throws as a {@link StoreException} naming
 * the store, the operation and the method (a failure inside a store call is the store's, whoever called); a
 * {@link InvitekitException} the store throws, and any {@link Error}, pass unchanged.
 *
 * <p>Written out by hand, one class per role, rather than as a {@link java.lang.reflect.Proxy}: a proxy paid a
 * reflective call on every store call, which showed in the in-memory preview (issue 12, benchmark 3). Each
 * wrapper overrides every method of its interface, default methods included, and sends it to the store's
 * object as it is, so a store's own bulk or join method is the one that runs; {@code GuardedTransactionTest}
 * fails when an SPI method is added without its override here.
 *
 * <p>One per unit of work, used by its one thread only; not thread-safe.
 */
final class GuardedTransaction implements StoreTransaction {
  private final StoreTransaction target;
  private final String operation;
  private final Store store;

  // The guarded role object each accessor last handed out: a use case asks for tx.invitations() once per
  // call, and a new guard each time cost more than the call it guards. Reused only for the very same store
  // object.
  private @Nullable Accounts accounts;
  private @Nullable Users users;
  private @Nullable Memberships memberships;
  private @Nullable Invitations invitations;
  private @Nullable Links links;
  private @Nullable Seats seats;
  private @Nullable Idempotency idempotency;
  private @Nullable FounderSignups founderSignups;
  private @Nullable GuardedOutbox outbox;
  private @Nullable GuardedCounters counters;

  /** Guards {@code target}, a unit of work of {@code store}, for {@code operation}. */
  GuardedTransaction(StoreTransaction target, String operation, Store store) {
    this.target = target;
    this.operation = operation;
    this.store = store;
  }

  /**
   * What a store call that threw {@code thrown} reports: an {@link InvitekitException} as it is (a store
   * failure the store already named), anything else as a {@link StoreException} that says "nothing was
   * recorded, safe to retry".
   */
  RuntimeException failed(String method, RuntimeException thrown) {
    if (thrown instanceof InvitekitException failure) {
      return failure;
    }
    return UnitOfWork.storeFailed(store, operation + " (" + method + ")", thrown);
  }

  @Override
  public String toString() {
    return "guarded " + target;
  }

  @Override
  public AccountStore accounts() {
    AccountStore raw;
    try {
      raw = target.accounts();
    } catch (RuntimeException e) {
      throw failed("accounts", e);
    }
    Accounts known = accounts;
    if (known == null || known.target != raw) {
      known = accounts = new Accounts(raw, this);
    }
    return known;
  }

  @Override
  public UserStore users() {
    UserStore raw;
    try {
      raw = target.users();
    } catch (RuntimeException e) {
      throw failed("users", e);
    }
    Users known = users;
    if (known == null || known.target != raw) {
      known = users = new Users(raw, this);
    }
    return known;
  }

  @Override
  public MembershipStore memberships() {
    MembershipStore raw;
    try {
      raw = target.memberships();
    } catch (RuntimeException e) {
      throw failed("memberships", e);
    }
    Memberships known = memberships;
    if (known == null || known.target != raw) {
      known = memberships = new Memberships(raw, this);
    }
    return known;
  }

  @Override
  public InvitationStore invitations() {
    InvitationStore raw;
    try {
      raw = target.invitations();
    } catch (RuntimeException e) {
      throw failed("invitations", e);
    }
    Invitations known = invitations;
    if (known == null || known.target != raw) {
      known = invitations = new Invitations(raw, this);
    }
    return known;
  }

  @Override
  public LinkStore links() {
    LinkStore raw;
    try {
      raw = target.links();
    } catch (RuntimeException e) {
      throw failed("links", e);
    }
    Links known = links;
    if (known == null || known.target != raw) {
      known = links = new Links(raw, this);
    }
    return known;
  }

  @Override
  public SeatStore seats() {
    SeatStore raw;
    try {
      raw = target.seats();
    } catch (RuntimeException e) {
      throw failed("seats", e);
    }
    Seats known = seats;
    if (known == null || known.target != raw) {
      known = seats = new Seats(raw, this);
    }
    return known;
  }

  @Override
  public IdempotencyStore idempotency() {
    IdempotencyStore raw;
    try {
      raw = target.idempotency();
    } catch (RuntimeException e) {
      throw failed("idempotency", e);
    }
    Idempotency known = idempotency;
    if (known == null || known.target != raw) {
      known = idempotency = new Idempotency(raw, this);
    }
    return known;
  }

  @Override
  public FounderSignupStore founderSignups() {
    FounderSignupStore raw;
    try {
      raw = target.founderSignups();
    } catch (RuntimeException e) {
      throw failed("founderSignups", e);
    }
    FounderSignups known = founderSignups;
    if (known == null || known.target != raw) {
      known = founderSignups = new FounderSignups(raw, this);
    }
    return known;
  }

  @Override
  public Outbox outbox() {
    Outbox raw;
    try {
      raw = target.outbox();
    } catch (RuntimeException e) {
      throw failed("outbox", e);
    }
    GuardedOutbox known = outbox;
    if (known == null || known.target != raw) {
      known = outbox = new GuardedOutbox(raw, this);
    }
    return known;
  }

  @Override
  public Counters counters() {
    Counters raw;
    try {
      raw = target.counters();
    } catch (RuntimeException e) {
      throw failed("counters", e);
    }
    GuardedCounters known = counters;
    if (known == null || known.target != raw) {
      known = counters = new GuardedCounters(raw, this);
    }
    return known;
  }

  @Override
  public List<StoredMember> membersWithUsers(AccountId accountId) {
    try {
      return target.membersWithUsers(accountId);
    } catch (RuntimeException e) {
      throw failed("membersWithUsers", e);
    }
  }

  @Override
  public List<DirectoryEntry> directoryOf(AccountId accountId) {
    try {
      return target.directoryOf(accountId);
    } catch (RuntimeException e) {
      throw failed("directoryOf", e);
    }
  }

  /** Common part of the role guards: the store's object, and the transaction that reports its failures. */
  private abstract static class Role<R> {
    final R target;
    final GuardedTransaction tx;

    Role(R target, GuardedTransaction tx) {
      this.target = target;
      this.tx = tx;
    }

    @Override
    public final String toString() {
      return "guarded " + target;
    }
  }

  /** {@link AccountStore}, guarded. */
  static final class Accounts extends Role<AccountStore> implements AccountStore {
    Accounts(AccountStore target, GuardedTransaction tx) {
      super(target, tx);
    }

    @Override
    public void insert(Account account) {
      try {
        target.insert(account);
      } catch (RuntimeException e) {
        throw tx.failed("insert", e);
      }
    }

    @Override
    public Optional<Account> find(AccountId id) {
      try {
        return target.find(id);
      } catch (RuntimeException e) {
        throw tx.failed("find", e);
      }
    }

    @Override
    public void update(Account account) {
      try {
        target.update(account);
      } catch (RuntimeException e) {
        throw tx.failed("update", e);
      }
    }

    @Override
    public Optional<Account> lock(AccountId id) {
      try {
        return target.lock(id);
      } catch (RuntimeException e) {
        throw tx.failed("lock", e);
      }
    }
  }

  /** {@link UserStore}, guarded. */
  static final class Users extends Role<UserStore> implements UserStore {
    Users(UserStore target, GuardedTransaction tx) {
      super(target, tx);
    }

    @Override
    public boolean insert(StoredUser user) {
      try {
        return target.insert(user);
      } catch (RuntimeException e) {
        throw tx.failed("insert", e);
      }
    }

    @Override
    public Optional<StoredUser> find(UserId id) {
      try {
        return target.find(id);
      } catch (RuntimeException e) {
        throw tx.failed("find", e);
      }
    }

    @Override
    public Optional<StoredUser> findByEmail(EmailAddress email) {
      try {
        return target.findByEmail(email);
      } catch (RuntimeException e) {
        throw tx.failed("findByEmail", e);
      }
    }

    @Override
    public Map<EmailAddress, StoredUser> findByEmails(Collection<EmailAddress> emails) {
      try {
        return target.findByEmails(emails);
      } catch (RuntimeException e) {
        throw tx.failed("findByEmails", e);
      }
    }

    @Override
    public void updatePasswordHash(UserId id, PasswordHash hash) {
      try {
        target.updatePasswordHash(id, hash);
      } catch (RuntimeException e) {
        throw tx.failed("updatePasswordHash", e);
      }
    }
  }

  /** {@link MembershipStore}, guarded. */
  static final class Memberships extends Role<MembershipStore> implements MembershipStore {
    Memberships(MembershipStore target, GuardedTransaction tx) {
      super(target, tx);
    }

    @Override
    public boolean insert(Membership membership) {
      try {
        return target.insert(membership);
      } catch (RuntimeException e) {
        throw tx.failed("insert", e);
      }
    }

    @Override
    public Optional<Membership> find(AccountId accountId, UserId userId) {
      try {
        return target.find(accountId, userId);
      } catch (RuntimeException e) {
        throw tx.failed("find", e);
      }
    }

    @Override
    public Map<UserId, Membership> findAll(AccountId accountId, Collection<UserId> userIds) {
      try {
        return target.findAll(accountId, userIds);
      } catch (RuntimeException e) {
        throw tx.failed("findAll", e);
      }
    }

    @Override
    public List<Membership> ofAccount(AccountId accountId) {
      try {
        return target.ofAccount(accountId);
      } catch (RuntimeException e) {
        throw tx.failed("ofAccount", e);
      }
    }

    @Override
    public List<Membership> ofUser(UserId userId) {
      try {
        return target.ofUser(userId);
      } catch (RuntimeException e) {
        throw tx.failed("ofUser", e);
      }
    }

    @Override
    public void update(Membership membership) {
      try {
        target.update(membership);
      } catch (RuntimeException e) {
        throw tx.failed("update", e);
      }
    }

    @Override
    public boolean delete(AccountId accountId, UserId userId) {
      try {
        return target.delete(accountId, userId);
      } catch (RuntimeException e) {
        throw tx.failed("delete", e);
      }
    }
  }

  /** {@link InvitationStore}, guarded. */
  static final class Invitations extends Role<InvitationStore> implements InvitationStore {
    Invitations(InvitationStore target, GuardedTransaction tx) {
      super(target, tx);
    }

    @Override
    public boolean insert(StoredInvitation invitation) {
      try {
        return target.insert(invitation);
      } catch (RuntimeException e) {
        throw tx.failed("insert", e);
      }
    }

    @Override
    public List<InsertOutcome> insertAll(List<StoredInvitation> invitations) {
      try {
        return target.insertAll(invitations);
      } catch (RuntimeException e) {
        throw tx.failed("insertAll", e);
      }
    }

    @Override
    public Optional<StoredInvitation> find(InvitationId id) {
      try {
        return target.find(id);
      } catch (RuntimeException e) {
        throw tx.failed("find", e);
      }
    }

    @Override
    public Map<InvitationId, StoredInvitation> findAll(Collection<InvitationId> ids) {
      try {
        return target.findAll(ids);
      } catch (RuntimeException e) {
        throw tx.failed("findAll", e);
      }
    }

    @Override
    public Optional<StoredInvitation> findByToken(TokenDigest digest) {
      try {
        return target.findByToken(digest);
      } catch (RuntimeException e) {
        throw tx.failed("findByToken", e);
      }
    }

    @Override
    public void supersedeToken(InvitationId id, TokenDigest digest) {
      try {
        target.supersedeToken(id, digest);
      } catch (RuntimeException e) {
        throw tx.failed("supersedeToken", e);
      }
    }

    @Override
    public Optional<StoredInvitation> findBySupersededToken(TokenDigest digest) {
      try {
        return target.findBySupersededToken(digest);
      } catch (RuntimeException e) {
        throw tx.failed("findBySupersededToken", e);
      }
    }

    @Override
    public Optional<StoredInvitation> findOpen(AccountId accountId, EmailAddress email) {
      try {
        return target.findOpen(accountId, email);
      } catch (RuntimeException e) {
        throw tx.failed("findOpen", e);
      }
    }

    @Override
    public Map<EmailAddress, StoredInvitation> findOpenByEmails(AccountId accountId,
        Collection<EmailAddress> emails) {
      try {
        return target.findOpenByEmails(accountId, emails);
      } catch (RuntimeException e) {
        throw tx.failed("findOpenByEmails", e);
      }
    }

    @Override
    public List<StoredInvitation> ofAccount(AccountId accountId) {
      try {
        return target.ofAccount(accountId);
      } catch (RuntimeException e) {
        throw tx.failed("ofAccount", e);
      }
    }

    @Override
    public List<StoredInvitation> openExpiringBy(Instant at, int limit) {
      try {
        return target.openExpiringBy(at, limit);
      } catch (RuntimeException e) {
        throw tx.failed("openExpiringBy", e);
      }
    }

    @Override
    public List<StoredInvitation> pendingUnremindedExpiringBy(Instant at, int limit) {
      try {
        return target.pendingUnremindedExpiringBy(at, limit);
      } catch (RuntimeException e) {
        throw tx.failed("pendingUnremindedExpiringBy", e);
      }
    }

    @Override
    public boolean update(StoredInvitation next, InvitationState expectedState) {
      try {
        return target.update(next, expectedState);
      } catch (RuntimeException e) {
        throw tx.failed("update", e);
      }
    }

    @Override
    public boolean recordDelivery(InvitationId id, TokenDigest tokenDigest, DeliveryStatus status, Instant at) {
      try {
        return target.recordDelivery(id, tokenDigest, status, at);
      } catch (RuntimeException e) {
        throw tx.failed("recordDelivery", e);
      }
    }

    @Override
    public List<RecordOutcome> recordDeliveries(List<DeliveryRecord> records) {
      try {
        return target.recordDeliveries(records);
      } catch (RuntimeException e) {
        throw tx.failed("recordDeliveries", e);
      }
    }
  }

  /** {@link LinkStore}, guarded. */
  static final class Links extends Role<LinkStore> implements LinkStore {
    Links(LinkStore target, GuardedTransaction tx) {
      super(target, tx);
    }

    @Override
    public void insert(StoredLink link) {
      try {
        target.insert(link);
      } catch (RuntimeException e) {
        throw tx.failed("insert", e);
      }
    }

    @Override
    public Optional<StoredLink> findByToken(TokenDigest digest) {
      try {
        return target.findByToken(digest);
      } catch (RuntimeException e) {
        throw tx.failed("findByToken", e);
      }
    }

    @Override
    public Optional<StoredLink> findActive(AccountId accountId) {
      try {
        return target.findActive(accountId);
      } catch (RuntimeException e) {
        throw tx.failed("findActive", e);
      }
    }

    @Override
    public Optional<StoredLink> find(LinkId id) {
      try {
        return target.find(id);
      } catch (RuntimeException e) {
        throw tx.failed("find", e);
      }
    }

    @Override
    public void deactivate(LinkId id) {
      try {
        target.deactivate(id);
      } catch (RuntimeException e) {
        throw tx.failed("deactivate", e);
      }
    }

    @Override
    public boolean tryUse(LinkId id, Instant now) {
      try {
        return target.tryUse(id, now);
      } catch (RuntimeException e) {
        throw tx.failed("tryUse", e);
      }
    }

    @Override
    public void updateLimits(LinkId id, Instant expiresAt, @Nullable Integer useLimit) {
      try {
        target.updateLimits(id, expiresAt, useLimit);
      } catch (RuntimeException e) {
        throw tx.failed("updateLimits", e);
      }
    }

    @Override
    public void recordJoin(LinkJoin join) {
      try {
        target.recordJoin(join);
      } catch (RuntimeException e) {
        throw tx.failed("recordJoin", e);
      }
    }

    @Override
    public List<LinkJoin> joins(AccountId accountId) {
      try {
        return target.joins(accountId);
      } catch (RuntimeException e) {
        throw tx.failed("joins", e);
      }
    }
  }

  /** {@link SeatStore}, guarded. */
  static final class Seats extends Role<SeatStore> implements SeatStore {
    Seats(SeatStore target, GuardedTransaction tx) {
      super(target, tx);
    }

    @Override
    public SeatClaim tryAssign(LicenseAssignment assignment, int seats) {
      try {
        return target.tryAssign(assignment, seats);
      } catch (RuntimeException e) {
        throw tx.failed("tryAssign", e);
      }
    }

    @Override
    public Optional<LicenseAssignment> remove(AccountId accountId, UserId userId, License license) {
      try {
        return target.remove(accountId, userId, license);
      } catch (RuntimeException e) {
        throw tx.failed("remove", e);
      }
    }

    @Override
    public List<LicenseAssignment> ofAccount(AccountId accountId) {
      try {
        return target.ofAccount(accountId);
      } catch (RuntimeException e) {
        throw tx.failed("ofAccount", e);
      }
    }
  }

  /** {@link IdempotencyStore}, guarded. */
  static final class Idempotency extends Role<IdempotencyStore> implements IdempotencyStore {
    Idempotency(IdempotencyStore target, GuardedTransaction tx) {
      super(target, tx);
    }

    @Override
    public Optional<IdempotencyRecord> find(AccountId accountId, UserId inviterId, String key) {
      try {
        return target.find(accountId, inviterId, key);
      } catch (RuntimeException e) {
        throw tx.failed("find", e);
      }
    }

    @Override
    public boolean insert(IdempotencyRecord record) {
      try {
        return target.insert(record);
      } catch (RuntimeException e) {
        throw tx.failed("insert", e);
      }
    }
  }

  /** {@link FounderSignupStore}, guarded. */
  static final class FounderSignups extends Role<FounderSignupStore> implements FounderSignupStore {
    FounderSignups(FounderSignupStore target, GuardedTransaction tx) {
      super(target, tx);
    }

    @Override
    public void insert(FounderSignup signup) {
      try {
        target.insert(signup);
      } catch (RuntimeException e) {
        throw tx.failed("insert", e);
      }
    }

    @Override
    public Optional<FounderSignup> findByToken(TokenDigest digest) {
      try {
        return target.findByToken(digest);
      } catch (RuntimeException e) {
        throw tx.failed("findByToken", e);
      }
    }

    @Override
    public Optional<FounderSignup> latestOpen(EmailAddress email, Instant now) {
      try {
        return target.latestOpen(email, now);
      } catch (RuntimeException e) {
        throw tx.failed("latestOpen", e);
      }
    }

    @Override
    public boolean confirm(TokenDigest digest, Instant now) {
      try {
        return target.confirm(digest, now);
      } catch (RuntimeException e) {
        throw tx.failed("confirm", e);
      }
    }

    @Override
    public int deleteExpired(Instant before) {
      try {
        return target.deleteExpired(before);
      } catch (RuntimeException e) {
        throw tx.failed("deleteExpired", e);
      }
    }
  }

  /** {@link Outbox}, guarded. */
  static final class GuardedOutbox extends Role<Outbox> implements Outbox {
    GuardedOutbox(Outbox target, GuardedTransaction tx) {
      super(target, tx);
    }

    @Override
    public void insert(OutboxEntry entry) {
      try {
        target.insert(entry);
      } catch (RuntimeException e) {
        throw tx.failed("insert", e);
      }
    }

    @Override
    public void insertAll(List<OutboxEntry> entries) {
      try {
        target.insertAll(entries);
      } catch (RuntimeException e) {
        throw tx.failed("insertAll", e);
      }
    }

    @Override
    public Optional<OutboxEntry> find(String id) {
      try {
        return target.find(id);
      } catch (RuntimeException e) {
        throw tx.failed("find", e);
      }
    }

    @Override
    public Map<String, OutboxEntry> findAll(Collection<String> ids) {
      try {
        return target.findAll(ids);
      } catch (RuntimeException e) {
        throw tx.failed("findAll", e);
      }
    }

    @Override
    public List<OutboxEntry> claim(Instant now, Instant leaseUntil, int limit) {
      try {
        return target.claim(now, leaseUntil, limit);
      } catch (RuntimeException e) {
        throw tx.failed("claim", e);
      }
    }

    @Override
    public boolean reschedule(String id, int attempts, Instant nextAttemptAt, String lastError) {
      try {
        return target.reschedule(id, attempts, nextAttemptAt, lastError);
      } catch (RuntimeException e) {
        throw tx.failed("reschedule", e);
      }
    }

    @Override
    public boolean complete(String id, OutboxEntry.Status status, int attempts, @Nullable String lastError) {
      try {
        return target.complete(id, status, attempts, lastError);
      } catch (RuntimeException e) {
        throw tx.failed("complete", e);
      }
    }

    @Override
    public List<CompleteOutcome> completeAll(List<OutboxCompletion> completions) {
      try {
        return target.completeAll(completions);
      } catch (RuntimeException e) {
        throw tx.failed("completeAll", e);
      }
    }

    @Override
    public List<OutboxEntry> inStatus(OutboxEntry.Status status, int limit) {
      try {
        return target.inStatus(status, limit);
      } catch (RuntimeException e) {
        throw tx.failed("inStatus", e);
      }
    }

    @Override
    public List<OutboxEntry> ofAccount(AccountId accountId, OutboxEntry.Status status, int limit) {
      try {
        return target.ofAccount(accountId, status, limit);
      } catch (RuntimeException e) {
        throw tx.failed("ofAccount", e);
      }
    }
  }

  /** {@link Counters}, guarded. */
  static final class GuardedCounters extends Role<Counters> implements Counters {
    GuardedCounters(Counters target, GuardedTransaction tx) {
      super(target, tx);
    }

    @Override
    public boolean tryIncrement(String key, Instant window, int permits, int limit) {
      try {
        return target.tryIncrement(key, window, permits, limit);
      } catch (RuntimeException e) {
        throw tx.failed("tryIncrement", e);
      }
    }

    @Override
    public List<IncrementOutcome> tryIncrementAll(List<CounterIncrement> increments) {
      try {
        return target.tryIncrementAll(increments);
      } catch (RuntimeException e) {
        throw tx.failed("tryIncrementAll", e);
      }
    }

    @Override
    public void decrement(String key, Instant window, int permits) {
      try {
        target.decrement(key, window, permits);
      } catch (RuntimeException e) {
        throw tx.failed("decrement", e);
      }
    }

    @Override
    public void decrementAll(List<CounterIncrement> decrements) {
      try {
        target.decrementAll(decrements);
      } catch (RuntimeException e) {
        throw tx.failed("decrementAll", e);
      }
    }

    @Override
    public int value(String key, Instant window) {
      try {
        return target.value(key, window);
      } catch (RuntimeException e) {
        throw tx.failed("value", e);
      }
    }

    @Override
    public int deleteBefore(Instant before) {
      try {
        return target.deleteBefore(before);
      } catch (RuntimeException e) {
        throw tx.failed("deleteBefore", e);
      }
    }
  }
}
