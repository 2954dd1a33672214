package dev.invitekit.store.memory;

import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.id.LinkId;
import dev.invitekit.link.LinkJoin;
import dev.invitekit.member.Membership;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.AccountStore;
import dev.invitekit.spi.store.Counters;
import dev.invitekit.spi.store.DirectoryEntry;
import dev.invitekit.spi.store.FounderSignup;
import dev.invitekit.spi.store.FounderSignupStore;
import dev.invitekit.spi.store.IdempotencyStore;
import dev.invitekit.spi.store.InvitationStore;
import dev.invitekit.spi.store.LinkStore;
import dev.invitekit.spi.store.MembershipStore;
import dev.invitekit.spi.store.Outbox;
import dev.invitekit.spi.store.SeatStore;
import dev.invitekit.spi.store.UserStore;
import dev.invitekit.spi.store.IdempotencyRecord;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.SeatClaim;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import dev.invitekit.store.memory.Tables.CounterKey;
import dev.invitekit.store.memory.Tables.Digest;
import dev.invitekit.store.memory.Tables.CounterRecord;
import dev.invitekit.store.memory.Tables.InvitationRecord;
import dev.invitekit.store.memory.Tables.OutboxKey;
import dev.invitekit.store.memory.Tables.OutboxRecord;
import dev.invitekit.store.memory.Tables.Text;
import dev.invitekit.store.memory.Tables.IdempotencyKey;
import dev.invitekit.store.memory.Tables.MemberKey;
import dev.invitekit.store.memory.Tables.Row;
import dev.invitekit.store.memory.Tables.SeatKey;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One unit of work of an {@link InMemoryStore}. It runs while the store's lock is held, records the inverse
 * of every change in an undo log, and refuses to be used once its unit of work has ended or from a thread
 * other than the one running it.
 */
final class MemoryTransaction implements StoreTransaction {

  private final Tables tables;
  private final ReentrantLock lock;
  private final Deque<Runnable> undoLog = new ArrayDeque<>();
  private boolean ended;
  private final AccountStore accounts = new Accounts();
  private final UserStore users = new Users();
  private final MembershipStore memberships = new Memberships();
  private final InvitationStore invitations = new Invitations();
  private final LinkStore links = new Links();
  private final SeatStore seats = new Seats();
  private final IdempotencyStore idempotency = new Idempotency();
  private final FounderSignupStore founderSignups = new FounderSignups();
  private final Outbox outbox = new OutboxTable();
  private final Counters counters = new CounterTable();

  MemoryTransaction(Tables tables, ReentrantLock lock) {
    this.tables = tables;
    this.lock = lock;
  }

  @Override
  public AccountStore accounts() {
    return accounts;
  }

  @Override
  public UserStore users() {
    return users;
  }

  @Override
  public MembershipStore memberships() {
    return memberships;
  }

  @Override
  public InvitationStore invitations() {
    return invitations;
  }

  @Override
  public LinkStore links() {
    return links;
  }

  @Override
  public SeatStore seats() {
    return seats;
  }

  @Override
  public IdempotencyStore idempotency() {
    return idempotency;
  }

  @Override
  public FounderSignupStore founderSignups() {
    return founderSignups;
  }

  @Override
  public Outbox outbox() {
    return outbox;
  }

  @Override
  public Counters counters() {
    return counters;
  }

  /**
   * One scan of the memberships, each joined with its user by id: no sort (the directory sorts), and no
   * {@code StoredMember} on the way, as the default would build from {@code ofAccount}, which sorts by join time.
   */
  @Override
  public List<DirectoryEntry> directoryOf(AccountId accountId) {
    checkUsable();
    Objects.requireNonNull(accountId, "accountId");
    List<DirectoryEntry> entries = new ArrayList<>();
    for (Row<Membership> row : tables.memberships.values()) {
      Membership m = row.value();
      if (m.accountId().equals(accountId)) {
        Row<StoredUser> user = tables.users.get(m.userId());
        if (user != null) {
          User u = user.value().user();
          entries.add(new DirectoryEntry(u.id(), u.displayName(), u.email(), m.role(), m.invitedBy()));
        }
      }
    }
    return List.copyOf(entries);
  }

  void commit() {
    undoLog.clear();
    ended = true;
  }

  void rollback() {
    // Backwards, so each step sees the state it was recorded against.
    while (!undoLog.isEmpty()) {
      undoLog.pop().run();
    }
    ended = true;
  }

  private void checkUsable() {
    if (ended) {
      throw new IllegalStateException(
          "this StoreTransaction's unit of work has ended; use the one passed to the current inTransaction");
    }
    // Only the thread running the unit of work holds the lock; any other would race with it.
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException(
          "a StoreTransaction belongs to the thread running its unit of work; it was used from another thread");
    }
  }

  /** Puts (or, for a null value, removes) one entry and logs how to restore the previous one. */
  private <K, V> void write(Map<K, V> table, K key, @Nullable V value) {
    V before = value == null ? table.remove(key) : table.put(key, value);
    undoLog.push(() -> {
      if (before == null) {
        table.remove(key);
      } else {
        table.put(key, before);
      }
    });
  }

  /** Puts (or, for a null value, removes) one record and logs how to restore the previous one. */
  private <R> void write(Index<R> index, Object probe, @Nullable R value) {
    R before = value == null ? index.delete(probe) : index.put(value);
    undoLog.push(() -> {
      if (before == null) {
        index.delete(probe);
      } else {
        index.put(before);
      }
    });
  }

  /**
   * Puts {@code record} where {@link Index#find} said its key is or goes (the index unchanged since), and logs how
   * to restore the previous one.
   */
  private <R> void writeAt(Index<R> index, long position, R record) {
    R before = index.putAt(position, record);
    undoLog.push(() -> {
      if (before == null) {
        index.delete(record);
      } else {
        index.put(before);
      }
    });
  }

  private static <T> List<T> sorted(
      Map<?, Row<T>> table, Predicate<T> filter, Comparator<T> order, int limit) {
    Comparator<Row<T>> byValue = Comparator.comparing(Row::value, order);
    return table.values().stream()
        .filter(row -> filter.test(row.value()))
        .sorted(byValue.thenComparingLong(Row::sequence))
        .limit(limit)
        .map(Row::value)
        .toList();
  }

  private static <T> List<T> sorted(Map<?, Row<T>> table, Predicate<T> filter, Comparator<T> order) {
    return sorted(table, filter, order, Integer.MAX_VALUE);
  }

  private static int requireLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    return limit;
  }

  private static <T> Optional<T> value(@Nullable Row<T> row) {
    return row == null ? Optional.empty() : Optional.of(row.value());
  }

  // ---- accounts (A1, A2)

  private final class Accounts implements AccountStore {
    @Override
    public void insert(Account account) {
      checkUsable();
      Objects.requireNonNull(account, "account");
      if (tables.accounts.containsKey(account.id())) {
        throw new IllegalStateException("an account with id " + account.id() + " already exists");
      }
      write(tables.accounts, account.id(), new Row<>(tables.nextSequence(), account));
    }

    @Override
    public Optional<Account> find(AccountId id) {
      checkUsable();
      Objects.requireNonNull(id, "id");
      return value(tables.accounts.get(id));
    }

    /** The account: units of work already run one at a time under the store's lock, so there is nothing more to lock. */
    @Override
    public Optional<Account> lock(AccountId id) {
      return accounts().find(id);
    }

    @Override
    public void update(Account account) {
      checkUsable();
      Objects.requireNonNull(account, "account");
      Row<Account> row = tables.accounts.get(account.id());
      if (row == null) {
        throw new IllegalStateException("no account " + account.id() + " to update; insert it first");
      }
      write(tables.accounts, account.id(), row.with(account));
    }
  }

  // ---- users (U1)

  private final class Users implements UserStore {
    @Override
    public boolean insert(StoredUser user) {
      checkUsable();
      Objects.requireNonNull(user, "user");
      if (tables.userIdsByEmail.containsKey(user.user().email())) {
        return false;
      }
      if (tables.users.containsKey(user.user().id())) {
        throw new IllegalStateException("a user with id " + user.user().id() + " already exists");
      }
      write(tables.users, user.user().id(), new Row<>(tables.nextSequence(), user));
      write(tables.userIdsByEmail, user.user().email(), user.user().id());
      return true;
    }

    @Override
    public Optional<StoredUser> find(UserId id) {
      checkUsable();
      Objects.requireNonNull(id, "id");
      return value(tables.users.get(id));
    }

    @Override
    public Optional<StoredUser> findByEmail(EmailAddress email) {
      checkUsable();
      Objects.requireNonNull(email, "email");
      UserId id = tables.userIdsByEmail.get(email);
      return id == null ? Optional.empty() : value(tables.users.get(id));
    }

    @Override
    public void updatePasswordHash(UserId id, PasswordHash hash) {
      checkUsable();
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(hash, "hash");
      Row<StoredUser> row = tables.users.get(id);
      if (row == null) {
        throw new IllegalStateException("no user " + id + " whose password hash to update");
      }
      write(tables.users, id, row.with(new StoredUser(row.value().user(), hash)));
    }
  }

  // ---- memberships (U2, U6)

  private final class Memberships implements MembershipStore {
    @Override
    public boolean insert(Membership membership) {
      checkUsable();
      Objects.requireNonNull(membership, "membership");
      MemberKey key = new MemberKey(membership.accountId(), membership.userId());
      if (tables.memberships.containsKey(key)) {
        return false;
      }
      write(tables.memberships, key, new Row<>(tables.nextSequence(), membership));
      return true;
    }

    @Override
    public Optional<Membership> find(AccountId accountId, UserId userId) {
      checkUsable();
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(userId, "userId");
      return value(tables.memberships.get(new MemberKey(accountId, userId)));
    }

    @Override
    public List<Membership> ofAccount(AccountId accountId) {
      checkUsable();
      Objects.requireNonNull(accountId, "accountId");
      return sorted(tables.memberships, m -> m.accountId().equals(accountId),
          Comparator.comparing(Membership::joinedAt));
    }

    @Override
    public List<Membership> ofUser(UserId userId) {
      checkUsable();
      Objects.requireNonNull(userId, "userId");
      return sorted(tables.memberships, m -> m.userId().equals(userId), Comparator.comparing(Membership::joinedAt));
    }

    @Override
    public void update(Membership membership) {
      checkUsable();
      Objects.requireNonNull(membership, "membership");
      MemberKey key = new MemberKey(membership.accountId(), membership.userId());
      Row<Membership> row = tables.memberships.get(key);
      if (row == null) {
        throw new IllegalStateException("user " + membership.userId() + " is no member of account "
            + membership.accountId() + ", so there is no membership to update");
      }
      write(tables.memberships, key, row.with(membership));
    }

    @Override
    public boolean delete(AccountId accountId, UserId userId) {
      checkUsable();
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(userId, "userId");
      MemberKey key = new MemberKey(accountId, userId);
      if (!tables.memberships.containsKey(key)) {
        return false;
      }
      write(tables.memberships, key, null);
      return true;
    }
  }

  // ---- invitations (I5, I7, L3)

  private final class Invitations implements InvitationStore {
    @Override
    public boolean insert(StoredInvitation invitation) {
      checkUsable();
      Objects.requireNonNull(invitation, "invitation");
      Invitation record = invitation.invitation();
      Digest digest = Digest.ofNullable(invitation.tokenDigest());
      InvitationRecord row = tables.record(tables.nextSequence(), record, digest, null);
      // Each index is searched once: the checks find where the record goes, and it is put there (issue 12).
      long open = tables.openInvitations.find(row);
      if (tables.openInvitations.at(open) != null) {
        return false;
      }
      long byId = tables.invitations.find(row);
      if (tables.invitations.at(byId) != null) {
        throw new IllegalStateException("an invitation with id " + record.id() + " already exists");
      }
      long byToken = digest == null ? -1 : tables.invitationsByToken.find(row);
      if (digest != null && tables.invitationsByToken.at(byToken) != null) {
        // 256 random bits never collide; a repeat means a token was reused (I5).
        throw new IllegalStateException("another invitation already has this token digest");
      }
      writeAt(tables.invitations, byId, row);
      if (digest != null) {
        writeAt(tables.invitationsByToken, byToken, row);
      }
      if (row.isOpen()) {
        writeAt(tables.openInvitations, open, row);
      }
      return true;
    }

    /** Moves the token and open-address indexes from {@code before} (null: none) to {@code after}. */
    private void index(@Nullable InvitationRecord before, InvitationRecord after) {
      // The indexes hold the records themselves: each moves to the new one, even when its key is unchanged. An
      // unchanged key is one put, which replaces the old record in its slot; a remove would first shift its
      // neighbours (a delivery recorded on every invitation of an invite, issue 12, benchmark 1).
      if (before != null && before.hasDigest()
          && !(after.hasDigest() && tables.invitationsByToken.matches(before, after))) {
        write(tables.invitationsByToken, before, null);
      }
      if (after.hasDigest()) {
        write(tables.invitationsByToken, after, after);
      }
      if (before != null && before.isOpen() && !(after.isOpen() && tables.openInvitations.matches(before, after))) {
        write(tables.openInvitations, before, null);
      }
      if (after.isOpen()) {
        write(tables.openInvitations, after, after);
      }
    }

    private Optional<StoredInvitation> stored(@Nullable InvitationRecord row) {
      return row == null ? Optional.empty() : Optional.of(row.stored());
    }

    @Override
    public Optional<StoredInvitation> find(InvitationId id) {
      checkUsable();
      Objects.requireNonNull(id, "id");
      return stored(tables.invitations.get(id));
    }

    @Override
    public Optional<StoredInvitation> findByToken(TokenDigest digest) {
      checkUsable();
      Objects.requireNonNull(digest, "digest");
      InvitationRecord row = tables.invitationsByToken.get(Digest.of(digest));
      // The row's digest equals the one asked for: hand that one back instead of rebuilding it.
      return row == null ? Optional.empty() : Optional.of(row.stored(digest));
    }

    @Override
    public void supersedeToken(InvitationId id, TokenDigest digest) {
      checkUsable();
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(digest, "digest");
      Digest compact = Digest.of(digest);
      if (!tables.invitationIdsBySupersededToken.containsKey(compact)) {
        write(tables.invitationIdsBySupersededToken, compact, id);
      }
    }

    @Override
    public Optional<StoredInvitation> findBySupersededToken(TokenDigest digest) {
      checkUsable();
      Objects.requireNonNull(digest, "digest");
      InvitationId id = tables.invitationIdsBySupersededToken.get(Digest.of(digest));
      return stored(id == null ? null : tables.invitations.get(id));
    }

    @Override
    public Optional<StoredInvitation> findOpen(AccountId accountId, EmailAddress email) {
      checkUsable();
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(email, "email");
      return stored(tables.openInvitation(accountId, email));
    }

    @Override
    public List<StoredInvitation> ofAccount(AccountId accountId) {
      checkUsable();
      Objects.requireNonNull(accountId, "accountId");
      return sortedInvitations(i -> i.accountId.equals(accountId), Comparator.comparing(i -> i.createdAt),
          Integer.MAX_VALUE);
    }

    @Override
    public List<StoredInvitation> openExpiringBy(Instant at, int limit) {
      checkUsable();
      Objects.requireNonNull(at, "at");
      return expiringBy(at, requireLimit(limit), InvitationRecord::isOpen);
    }

    @Override
    public List<StoredInvitation> pendingUnremindedExpiringBy(Instant at, int limit) {
      checkUsable();
      Objects.requireNonNull(at, "at");
      return expiringBy(at, requireLimit(limit), i -> i.state == InvitationState.PENDING && !i.reminded);
    }

    private List<StoredInvitation> expiringBy(Instant at, int limit, Predicate<InvitationRecord> filter) {
      return sortedInvitations(i -> filter.test(i) && !i.expiresAt.isAfter(at), Comparator.comparing(i -> i.expiresAt),
          limit);
    }

    /** Filters and orders the flat records, building the SPI's records only for those returned. */
    private List<StoredInvitation> sortedInvitations(Predicate<InvitationRecord> filter,
        Comparator<InvitationRecord> order, int limit) {
      return tables.invitations.stream()
          .filter(filter)
          .sorted(order.thenComparingLong(i -> i.sequence))
          .limit(limit)
          .map(InvitationRecord::stored)
          .toList();
    }

    @Override
    public boolean update(StoredInvitation next, InvitationState expectedState) {
      checkUsable();
      Objects.requireNonNull(next, "next");
      Objects.requireNonNull(expectedState, "expectedState");
      Invitation record = next.invitation();
      InvitationRecord row = tables.invitations.get(record.id());
      if (row == null || row.state != expectedState) {
        return false;
      }
      if (!row.isFor(record.accountId(), record.email())) {
        throw new IllegalArgumentException("an invitation stays bound to its account and address (I5); "
            + "invitation " + record.id() + " was updated with another one");
      }
      InvitationRecord open = tables.openInvitation(record.accountId(), record.email());
      if (record.state().isOpen() && open != null && !open.id().equals(record.id())) {
        throw new IllegalStateException("invitation " + record.id() + " cannot become open: invitation " + open.id()
            + " is already open for the same account and address");
      }
      Digest digest = Digest.ofNullable(next.tokenDigest());
      if (digest != null) {
        InvitationRecord holder = tables.invitationsByToken.get(digest);
        if (holder != null && !holder.id().equals(record.id())) {
          throw new IllegalStateException("another invitation already has this token digest");
        }
      }
      InvitationRecord updated = tables.record(row.sequence, record, digest, row);
      write(tables.invitations, updated, updated);
      index(row, updated);
      return true;
    }

    @Override
    public boolean recordDelivery(InvitationId id, TokenDigest tokenDigest, DeliveryStatus status, Instant at) {
      checkUsable();
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(tokenDigest, "tokenDigest");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(at, "at");
      InvitationRecord row = tables.invitations.get(id);
      if (row == null || !row.hasDigest(Digest.of(tokenDigest))) {
        return false;
      }
      undoLog.push(row.deliver(status, at));
      return true;
    }
  }

  // ---- invite links (L1, L3)

  private final class Links implements LinkStore {
    @Override
    public void insert(StoredLink link) {
      checkUsable();
      Objects.requireNonNull(link, "link");
      if (tables.links.containsKey(link.id())) {
        throw new IllegalStateException("a link with id " + link.id() + " already exists");
      }
      if (tables.linkIdsByToken.containsKey(link.tokenDigest())) {
        throw new IllegalStateException("another link already has this token");
      }
      if (link.active() && tables.activeLinkIds.containsKey(link.accountId())) {
        throw new IllegalStateException("account " + link.accountId()
            + " already has an active link; deactivate it before inserting another active one (L1)");
      }
      write(tables.links, link.id(), new Row<>(tables.nextSequence(), link));
      write(tables.linkIdsByToken, link.tokenDigest(), link.id());
      if (link.active()) {
        write(tables.activeLinkIds, link.accountId(), link.id());
      }
    }

    @Override
    public Optional<StoredLink> findByToken(TokenDigest digest) {
      checkUsable();
      Objects.requireNonNull(digest, "digest");
      LinkId id = tables.linkIdsByToken.get(digest);
      return id == null ? Optional.empty() : value(tables.links.get(id));
    }

    @Override
    public Optional<StoredLink> findActive(AccountId accountId) {
      checkUsable();
      Objects.requireNonNull(accountId, "accountId");
      LinkId id = tables.activeLinkIds.get(accountId);
      return id == null ? Optional.empty() : value(tables.links.get(id));
    }

    @Override
    public Optional<StoredLink> find(LinkId id) {
      checkUsable();
      Objects.requireNonNull(id, "id");
      return value(tables.links.get(id));
    }

    @Override
    public void deactivate(LinkId id) {
      checkUsable();
      Objects.requireNonNull(id, "id");
      Row<StoredLink> row = tables.links.get(id);
      if (row == null) {
        throw new IllegalStateException("no link " + id + " to deactivate");
      }
      StoredLink link = row.value();
      if (!link.active()) {
        return;
      }
      write(tables.links, id, row.with(copy(link, link.uses(), false)));
      write(tables.activeLinkIds, link.accountId(), null);
    }

    @Override
    public boolean tryUse(LinkId id, Instant now) {
      checkUsable();
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(now, "now");
      Row<StoredLink> row = tables.links.get(id);
      if (row == null) {
        return false;
      }
      StoredLink link = row.value();
      // Expired at expiresAt itself, as Invitation.isExpiredAt and openInvitationsExpiringBy count it.
      boolean usable = link.active()
          && now.isBefore(link.expiresAt())
          && (link.useLimit() == null || link.uses() < link.useLimit());
      if (!usable) {
        return false;
      }
      write(tables.links, id, row.with(copy(link, link.uses() + 1, link.active())));
      return true;
    }

    @Override
    public void updateLimits(LinkId id, Instant expiresAt, @Nullable Integer useLimit) {
      checkUsable();
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(expiresAt, "expiresAt");
      Row<StoredLink> row = tables.links.get(id);
      if (row == null) {
        return;
      }
      StoredLink link = row.value();
      write(tables.links, id, row.with(new StoredLink(link.id(), link.accountId(), link.token(), link.createdBy(),
          link.createdAt(), expiresAt, useLimit, link.uses(), link.active())));
    }

    private static StoredLink copy(StoredLink link, int uses, boolean active) {
      return new StoredLink(link.id(), link.accountId(), link.token(), link.createdBy(), link.createdAt(),
          link.expiresAt(), link.useLimit(), uses, active);
    }

    @Override
    public void recordJoin(LinkJoin join) {
      checkUsable();
      Objects.requireNonNull(join, "join");
      Objects.requireNonNull(join.linkId(), "join.linkId");
      Objects.requireNonNull(join.userId(), "join.userId");
      Objects.requireNonNull(join.joinedAt(), "join.joinedAt");
      if (!tables.links.containsKey(join.linkId())) {
        throw new IllegalStateException("no link " + join.linkId() + " to record a join through");
      }
      long sequence = tables.nextSequence();
      write(tables.linkJoins, sequence, new Row<>(sequence, join));
    }

    @Override
    public List<LinkJoin> joins(AccountId accountId) {
      checkUsable();
      Objects.requireNonNull(accountId, "accountId");
      return sorted(tables.linkJoins, join -> {
        Row<StoredLink> link = tables.links.get(join.linkId());
        return link != null && link.value().accountId().equals(accountId);
      }, Comparator.comparing(LinkJoin::joinedAt));
    }
  }

  // ---- licenses (P1–P4)

  private final class Seats implements SeatStore {
    @Override
    public SeatClaim tryAssign(LicenseAssignment assignment, int seats) {
      checkUsable();
      Objects.requireNonNull(assignment, "assignment");
      if (seats < 0) {
        throw new IllegalArgumentException("seats must not be negative, was " + seats);
      }
      SeatKey key = new SeatKey(assignment.accountId(), assignment.userId(), assignment.license());
      if (tables.assignments.containsKey(key)) {
        return SeatClaim.ALREADY_ASSIGNED;
      }
      long taken = tables.assignments.keySet().stream()
          .filter(k -> k.accountId().equals(assignment.accountId()) && k.license() == assignment.license())
          .count();
      if (taken >= seats) {
        return SeatClaim.NO_SEAT_LEFT;
      }
      write(tables.assignments, key, new Row<>(tables.nextSequence(), assignment));
      return SeatClaim.ASSIGNED;
    }

    @Override
    public Optional<LicenseAssignment> remove(AccountId accountId, UserId userId, License license) {
      checkUsable();
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(license, "license");
      SeatKey key = new SeatKey(accountId, userId, license);
      Row<LicenseAssignment> row = tables.assignments.get(key);
      if (row == null) {
        return Optional.empty();
      }
      write(tables.assignments, key, null);
      return Optional.of(row.value());
    }

    @Override
    public List<LicenseAssignment> ofAccount(AccountId accountId) {
      checkUsable();
      Objects.requireNonNull(accountId, "accountId");
      return sorted(tables.assignments, a -> a.accountId().equals(accountId),
          Comparator.comparing(LicenseAssignment::assignedAt));
    }
  }

  // ---- idempotency (I10)

  private final class Idempotency implements IdempotencyStore {
    @Override
    public Optional<IdempotencyRecord> find(AccountId accountId, UserId inviterId, String key) {
      checkUsable();
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(inviterId, "inviterId");
      Objects.requireNonNull(key, "key");
      return Optional.ofNullable(tables.idempotencyRecords.get(new IdempotencyKey(accountId, inviterId, key)));
    }

    @Override
    public boolean insert(IdempotencyRecord record) {
      checkUsable();
      Objects.requireNonNull(record, "record");
      IdempotencyKey key = new IdempotencyKey(record.accountId(), record.inviterId(), record.key());
      if (tables.idempotencyRecords.containsKey(key)) {
        return false;
      }
      write(tables.idempotencyRecords, key, record);
      return true;
    }
  }

  // ---- mail outbox (SPEC §5)

  private final class OutboxTable implements Outbox {
    @Override
    public void insert(OutboxEntry entry) {
      checkUsable();
      Objects.requireNonNull(entry, "entry");
      OutboxKey key = OutboxKey.of(entry.id(), tables.outboxHosts);
      long position = tables.outbox.find(key);
      if (tables.outbox.at(position) != null) {
        throw new IllegalStateException("an outbox entry with id " + entry.id() + " already exists");
      }
      EmailAddress to = entry.recipient();
      InvitationRecord invitation = entry.invitationId() == null ? null : tables.invitations.get(entry.invitationId());
      OutboxRecord row = OutboxRecord.of(tables.nextSequence(), key, entry, invitation,
          to == null ? null : recipientLocal(invitation, to), to == null ? null : tables.domain(to.domain()));
      writeAt(tables.outbox, position, row);
      relist(null, row);
    }

    /**
     * Moves an outbox entry's record from {@code before}'s places in the ordered sets ({@link Tables#dueOutbox},
     * {@link Tables#outboxByStatus}) to {@code after}'s, and logs how to move it back.
     */
    private void relist(@Nullable OutboxRecord before, OutboxRecord after) {
      unlist(before);
      list(after);
      undoLog.push(() -> {
        unlist(after);
        list(before);
      });
    }

    private void list(@Nullable OutboxRecord row) {
      if (row != null) {
        if (row.status == OutboxEntry.Status.PENDING) {
          tables.dueOutbox.add(row);
        }
        NavigableSet<OutboxRecord> inStatus = tables.outboxByStatus.get(row.status);
        if (inStatus != null) {
          inStatus.add(row);
        }
      }
    }

    private void unlist(@Nullable OutboxRecord row) {
      if (row != null) {
        if (row.status == OutboxEntry.Status.PENDING) {
          tables.dueOutbox.remove(row);
        }
        NavigableSet<OutboxRecord> inStatus = tables.outboxByStatus.get(row.status);
        if (inStatus != null) {
          inStatus.remove(row);
        }
      }
    }

    /** Puts {@code updated}, the next version of {@code row}, in its place and in its sets. */
    private void update(OutboxRecord row, OutboxRecord updated) {
      write(tables.outbox, updated, updated);
      relist(row, updated);
    }

    /**
     * The local part of recipient {@code to} in its kept form: the very object its invitation holds, when it is
     * the invitation's address, so an invitation's mail keeps no second copy of it (issue 12, benchmark 7).
     */
    private Object recipientLocal(@Nullable InvitationRecord invitation, EmailAddress to) {
      if (invitation != null && invitation.domain.equals(to.domain()) && Text.equals(invitation.local, to.localPart())) {
        return invitation.local;
      }
      return tables.local(to.localPart());
    }

    private @Nullable OutboxRecord row(String id) {
      return tables.outbox.get(OutboxKey.of(id, null));
    }

    private Optional<OutboxEntry> entry(String id) {
      OutboxRecord row = row(id);
      return row == null ? Optional.empty() : Optional.of(row.entry());
    }

    /** Filters and orders the flat records, building the entries only for those returned. */
    private List<OutboxEntry> sortedOutbox(Predicate<OutboxRecord> filter, Comparator<OutboxRecord> order, int limit) {
      return tables.outbox.stream()
          .filter(filter)
          .sorted(order.thenComparingLong(row -> row.sequence))
          .limit(limit)
          .map(OutboxRecord::entry)
          .toList();
    }

    @Override
    public Optional<OutboxEntry> find(String id) {
      checkUsable();
      Objects.requireNonNull(id, "id");
      return entry(id);
    }

    @Override
    public List<OutboxEntry> claim(Instant now, Instant leaseUntil, int limit) {
      checkUsable();
      Objects.requireNonNull(now, "now");
      Objects.requireNonNull(leaseUntil, "leaseUntil");
      int max = requireLimit(limit);
      // Pending entries in the order they fall due: those due later than now end the walk; the leased ones it
      // passes over are mail being sent right now.
      List<OutboxRecord> due = new ArrayList<>();
      for (OutboxRecord row : tables.dueOutbox) {
        if (due.size() == max || row.nextAttemptAt.isAfter(now)) {
          break;
        }
        if (row.claimedUntil == null || !row.claimedUntil.isAfter(now)) {
          due.add(row);
        }
      }
      List<OutboxEntry> claimed = new ArrayList<>(due.size());
      for (OutboxRecord row : due) {
        OutboxEntry next = row.entry().claimedUntil(leaseUntil);
        update(row, row.with(next));
        claimed.add(next);
      }
      return List.copyOf(claimed);
    }

    @Override
    public boolean reschedule(String id, int attempts, Instant nextAttemptAt, String lastError) {
      checkUsable();
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
      Objects.requireNonNull(lastError, "lastError");
      OutboxRecord row = row(id);
      if (row == null || row.status != OutboxEntry.Status.PENDING) {
        return false;
      }
      update(row, row.with(row.entry().rescheduled(attempts, nextAttemptAt, lastError)));
      return true;
    }

    @Override
    public boolean complete(String id, OutboxEntry.Status status, int attempts, @Nullable String lastError) {
      checkUsable();
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(status, "status");
      if (status == OutboxEntry.Status.PENDING) {
        throw new IllegalArgumentException("an outbox entry is completed as SENT or GAVE_UP, not PENDING");
      }
      OutboxRecord row = row(id);
      if (row == null || row.status != OutboxEntry.Status.PENDING) {
        return false;
      }
      // The payload may hold a link with a token: once the entry is final it is erased.
      update(row, row.completed(status, attempts, lastError));
      return true;
    }

    @Override
    public List<OutboxEntry> inStatus(OutboxEntry.Status status, int limit) {
      return listed(null, status, limit);
    }

    @Override
    public List<OutboxEntry> ofAccount(AccountId accountId, OutboxEntry.Status status, int limit) {
      return listed(Objects.requireNonNull(accountId, "accountId"), status, limit);
    }

    private List<OutboxEntry> listed(@Nullable AccountId accountId, OutboxEntry.Status status, int limit) {
      checkUsable();
      Objects.requireNonNull(status, "status");
      int max = requireLimit(limit);
      NavigableSet<OutboxRecord> inStatus = tables.outboxByStatus.get(status);
      if (inStatus == null) {
        return sortedOutbox(e -> e.status == status && (accountId == null || accountId.equals(e.accountId)),
            Comparator.comparing(e -> e.createdAt), max);
      }
      // Already in the order listed: created, then inserted.
      return inStatus.stream()
          .filter(e -> accountId == null || accountId.equals(e.accountId))
          .limit(max)
          .map(OutboxRecord::entry)
          .toList();
    }
  }

  // ---- counters (A2)

  private final class CounterTable implements Counters {
    @Override
    public boolean tryIncrement(String key, Instant window, int permits, int limit) {
      checkUsable();
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(window, "window");
      if (permits < 1) {
        throw new IllegalArgumentException("permits must be at least 1, was " + permits);
      }
      CounterKey counter = tables.counterKey(key, window);
      long position = tables.counters.find(counter);
      CounterRecord row = tables.counters.at(position);
      int current = row == null ? 0 : row.value;
      if ((long) current + permits > limit) {
        return false;
      }
      CounterRecord next = row == null ? tables.counter(counter, permits) : row.withValue(current + permits);
      writeAt(tables.counters, position, next);
      return true;
    }

    @Override
    public void decrement(String key, Instant window, int permits) {
      checkUsable();
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(window, "window");
      CounterRecord row = tables.counters.get(tables.counterKey(key, window));
      if (row != null) {
        CounterRecord next = row.withValue(Math.max(0, row.value - Math.max(0, permits)));
        write(tables.counters, next, next);
      }
    }

    @Override
    public int value(String key, Instant window) {
      checkUsable();
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(window, "window");
      // Parsed without keeping the scope: a read adds nothing to the store's tables.
      CounterRecord row = tables.counters.get(Tables.CounterKey.of(key, window, scope -> scope));
      return row == null ? 0 : row.value;
    }

    @Override
    public int deleteBefore(Instant before) {
      checkUsable();
      Objects.requireNonNull(before, "before");
      List<CounterRecord> old = tables.counters.stream().filter(k -> k.window.isBefore(before)).toList();
      for (CounterRecord k : old) {
        write(tables.counters, k, null);
      }
      // The windows no counter uses any more; a rollback may bring their counters back with their own windows.
      tables.counterWindows.keySet().removeIf(w -> w.isBefore(before));
      return old.size();
    }
  }

  // ---- founder sign-ups (A3, U1)

  private final class FounderSignups implements FounderSignupStore {
    @Override
    public void insert(FounderSignup signup) {
      checkUsable();
      Objects.requireNonNull(signup, "signup");
      if (tables.founderSignups.containsKey(signup.tokenDigest())) {
        throw new IllegalStateException("a founder sign-up with this token digest already exists");
      }
      write(tables.founderSignups, signup.tokenDigest(), new Row<>(tables.nextSequence(), signup));
    }

    @Override
    public Optional<FounderSignup> findByToken(TokenDigest digest) {
      checkUsable();
      Objects.requireNonNull(digest, "digest");
      return value(tables.founderSignups.get(digest));
    }

    @Override
    public Optional<FounderSignup> latestOpen(EmailAddress email, Instant now) {
      checkUsable();
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(now, "now");
      Comparator<Row<FounderSignup>> newest = Comparator.<Row<FounderSignup>, Instant>comparing(r -> r.value().expiresAt())
          .thenComparingLong(Row::sequence);
      return tables.founderSignups.values().stream()
          .filter(r -> r.value().founder().user().email().equals(email) && r.value().isOpenAt(now))
          .max(newest)
          .map(Row::value);
    }

    @Override
    public boolean confirm(TokenDigest digest, Instant now) {
      checkUsable();
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(now, "now");
      Row<FounderSignup> row = tables.founderSignups.get(digest);
      if (row == null || !row.value().isOpenAt(now)) {
        return false;
      }
      FounderSignup s = row.value();
      write(tables.founderSignups, digest,
          row.with(new FounderSignup(s.tokenDigest(), s.accountId(), s.founder(), s.expiresAt(), now)));
      return true;
    }

    @Override
    public int deleteExpired(Instant before) {
      checkUsable();
      Objects.requireNonNull(before, "before");
      List<FounderSignup> expired = tables.founderSignups.values().stream().map(Row::value)
          .filter(s -> s.confirmedAt() == null && !s.expiresAt().isAfter(before)).toList();
      for (FounderSignup s : expired) {
        write(tables.founderSignups, s.tokenDigest(), null);
        boolean hasMembers = tables.memberships.keySet().stream().anyMatch(k -> k.accountId().equals(s.accountId()));
        if (!hasMembers) {
          write(tables.accounts, s.accountId(), null);
        }
      }
      return expired.size();
    }
  }
}
