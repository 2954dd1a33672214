package dev.invitekit.store.jdbc;

import dev.invitekit.StoreException;
import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.Plan;
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
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.CounterIncrement;
import dev.invitekit.spi.store.DeliveryRecord;
import dev.invitekit.spi.store.OutboxCompletion;
import dev.invitekit.spi.store.FounderSignup;
import dev.invitekit.spi.store.IdempotencyRecord;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.OutboxEntry.Status;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.SeatClaim;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One unit of work of a {@link JdbcStore}: one connection in one transaction. It belongs to the thread that
 * runs the unit of work and refuses use after it ended. Every SQL failure comes back as a
 * {@link StoreException} naming the operation; its message never holds a bound value.
 */
final class JdbcTransaction implements StoreTransaction {

  private static final String OPEN = "('PENDING', 'AWAITING_APPROVAL')";

  private final Connection connection;
  private final Dialect dialect;
  private final Thread owner = Thread.currentThread();
  private boolean ended;

  // Table names, prefixed.
  private final String accounts;
  private final String users;
  private final String memberships;
  private final String invitations;
  private final String links;
  private final String linkJoins;
  private final String assignments;
  private final String idempotency;
  private final String supersededTokens;
  private final String outbox;
  private final String counters;
  private final String founderSignups;

  // The batch being gathered: consecutive deferred statements with the same SQL, all writing one table.
  private @Nullable PreparedStatement batch;
  private @Nullable String batchSql;
  private @Nullable String batchOperation;
  private @Nullable Pattern batchTable;
  // Invitations inserted in the batch: each must be inserted, or the unit of work runs again.
  private final Set<String> batchOpenKeys = new HashSet<>();
  private final List<UUID> batchInvitationIds = new ArrayList<>();
  // Account and address pairs this unit of work found without an open invitation, since its last
  // invitation write: an insert for one of them is queued instead of sent at once (see insertInvitation).
  private final Set<String> foundNoOpenInvitation = new HashSet<>();

  JdbcTransaction(Connection connection, Dialect dialect, String prefix) {
    this.connection = connection;
    this.dialect = dialect;
    this.accounts = prefix + "accounts";
    this.users = prefix + "users";
    this.memberships = prefix + "memberships";
    this.invitations = prefix + "invitations";
    this.links = prefix + "links";
    this.linkJoins = prefix + "link_joins";
    this.assignments = prefix + "license_assignments";
    this.idempotency = prefix + "idempotency_records";
    this.supersededTokens = prefix + "superseded_tokens";
    this.outbox = prefix + "outbox";
    this.counters = prefix + "counters";
    this.founderSignups = prefix + "founder_signups";
  }

  void end() {
    ended = true;
    if (batch != null) {
      try {
        batch.close();
      } catch (SQLException ignored) {
        // The transaction is over; the connection goes back to the pool, which closes what is left.
      }
      batch = null;
    }
  }

  private void checkUsable() {
    if (ended) {
      throw new IllegalStateException(
          "this StoreTransaction's unit of work has ended; use the one passed to the current inTransaction");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "a StoreTransaction belongs to the thread running its unit of work; it was used from another thread");
    }
  }

  // ---- JDBC plumbing

  @FunctionalInterface
  private interface Binder {
    void bind(Binding b) throws SQLException;
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** Binds parameters in order, converting domain values to their column forms. */
  private static final class Binding {
    private final PreparedStatement statement;
    private int index;

    Binding(PreparedStatement statement) {
      this.statement = statement;
    }

    Binding uuid(@Nullable UUID value) throws SQLException {
      if (value == null) {
        statement.setNull(++index, Types.OTHER);
      } else {
        statement.setObject(++index, value);
      }
      return this;
    }

    Binding text(@Nullable String value) throws SQLException {
      if (value == null) {
        statement.setNull(++index, Types.VARCHAR);
      } else {
        statement.setString(++index, value);
      }
      return this;
    }

    Binding integer(@Nullable Integer value) throws SQLException {
      if (value == null) {
        statement.setNull(++index, Types.INTEGER);
      } else {
        statement.setInt(++index, value);
      }
      return this;
    }

    Binding bool(boolean value) throws SQLException {
      statement.setBoolean(++index, value);
      return this;
    }

    Binding time(@Nullable Instant value) throws SQLException {
      if (value == null) {
        statement.setNull(++index, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        statement.setObject(++index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
      }
      return this;
    }
  }

  private StoreException failed(String operation, SQLException e) {
    return new StoreException("JDBC store: " + operation + " failed: SQLState " + e.getSQLState(), e);
  }

  private int update(String operation, String sql, Binder binder) {
    checkUsable();
    flushIfTouched(sql);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(new Binding(statement));
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw failed(operation, e);
    }
  }

  private <T> List<T> query(String operation, String sql, Binder binder, RowMapper<T> mapper) {
    checkUsable();
    flushIfTouched(sql);
    return queryAsIs(operation, sql, binder, mapper);
  }

  /** Runs a query without sending the gathered batch first: only when the batch cannot change its answer. */
  private <T> List<T> queryAsIs(String operation, String sql, Binder binder, RowMapper<T> mapper) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(new Binding(statement));
      try (ResultSet rows = statement.executeQuery()) {
        List<T> found = new ArrayList<>();
        while (rows.next()) {
          found.add(mapper.map(rows));
        }
        return List.copyOf(found);
      }
    } catch (SQLException e) {
      throw failed(operation, e);
    }
  }

  private <T> Optional<T> one(String operation, String sql, Binder binder, RowMapper<T> mapper) {
    List<T> found = query(operation, sql, binder, mapper);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /**
   * Queues a write nobody needs an answer from; consecutive ones with the same SQL go as one JDBC batch,
   * sent before the next statement that answers and at commit, so order is kept.
   */
  private void defer(String operation, String table, String sql, Binder binder) {
    checkUsable();
    try {
      if (batch != null && !sql.equals(batchSql)) {
        flush();
      }
      if (batch == null) {
        batch = connection.prepareStatement(sql);
        batchSql = sql;
        batchOperation = operation;
        batchTable = Pattern.compile("\\b" + Pattern.quote(table) + "\\b");
      }
      binder.bind(new Binding(batch));
      batch.addBatch();
    } catch (SQLException e) {
      throw failed(operation, e);
    }
  }

  /**
   * Sends the gathered batch first if {@code sql} names its table: a statement on other tables cannot see
   * or be changed by the batch's rows (the schema has no foreign keys or triggers), so it may go first.
   */
  private void flushIfTouched(String sql) {
    if (batch != null && Objects.requireNonNull(batchTable).matcher(sql).find()) {
      flush();
    }
  }

  /** Sends the gathered batch, if any. */
  void flush() {
    PreparedStatement pending = batch;
    if (pending == null) {
      return;
    }
    String operation = Objects.requireNonNull(batchOperation);
    List<UUID> mustInsert = List.copyOf(batchInvitationIds);
    batch = null;
    batchSql = null;
    batchOperation = null;
    batchTable = null;
    batchOpenKeys.clear();
    batchInvitationIds.clear();
    try (pending) {
      int[] counts = pending.executeBatch();
      if (!mustInsert.isEmpty() && !allInserted(counts, mustInsert)) {
        throw concurrentOpenInvitation(null);
      }
    } catch (SQLException e) {
      if (!mustInsert.isEmpty() && "23505".equals(e.getSQLState())) {
        throw concurrentOpenInvitation(e);
      }
      throw failed(operation, e);
    }
  }

  /** Whether every queued invitation was inserted: row counts, or a look when the driver gives none. */
  private boolean allInserted(int[] counts, List<UUID> ids) throws SQLException {
    boolean known = true;
    for (int count : counts) {
      if (count == 0) {
        return false;
      }
      known &= count > 0;
    }
    if (known) {
      return true;
    }
    // A driver that rewrites batches (pgjdbc's reWriteBatchedInserts) reports SUCCESS_NO_INFO: count them.
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT COUNT(*) FROM " + invitations + " WHERE id = ANY (?)")) {
      statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1) == ids.size();
      }
    }
  }

  /**
   * Another unit of work inserted an open invitation for an address this one found without one and
   * queued an insert for: like a serialization failure, the unit of work is run again (and then finds it).
   */
  private StoreException concurrentOpenInvitation(@Nullable SQLException cause) {
    SQLException conflict = new SQLException(
        "an open invitation for the same account and address was inserted concurrently", "40001");
    if (cause != null) {
      conflict.initCause(cause);
    }
    return new StoreException("JDBC store: insertInvitation met a concurrent invitation for the same address; "
        + "the unit of work is run again", conflict);
  }

  /**
   * Inserts unless a unique constraint says the row is there: {@code ON CONFLICT … DO NOTHING} on
   * PostgreSQL; on H2 a savepoint, rolled back to on a duplicate key, so the transaction goes on.
   */
  private boolean insertUnlessPresent(String operation, String insertSql, String conflictTarget, Binder binder) {
    if (dialect == Dialect.POSTGRESQL) {
      return update(operation, insertSql + " ON CONFLICT " + conflictTarget + " DO NOTHING", binder) == 1;
    }
    checkUsable();
    flushIfTouched(insertSql);
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      throw failed(operation, e);
    }
    try (PreparedStatement statement = connection.prepareStatement(insertSql)) {
      binder.bind(new Binding(statement));
      statement.executeUpdate();
      connection.releaseSavepoint(savepoint);
      return true;
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        try {
          connection.rollback(savepoint);
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
          throw failed(operation, e);
        }
        return false;
      }
      throw failed(operation, e);
    }
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    return row.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static @Nullable Instant nullableInstant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static @Nullable UUID uuid(ResultSet row, String column) throws SQLException {
    return row.getObject(column, UUID.class);
  }

  private static UUID requiredUuid(ResultSet row, String column) throws SQLException {
    return Objects.requireNonNull(row.getObject(column, UUID.class), column);
  }

  private static @Nullable Integer nullableInt(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  private static EmailAddress email(String stored) {
    int at = stored.lastIndexOf('@');
    return new EmailAddress(stored.substring(0, at), stored.substring(at + 1));
  }

  /**
   * The parts in one column, comma-separated, each with {@code %} and {@code ,} percent-escaped, so that
   * {@link #split} reads back exactly what was written whatever a part holds (A2: a list entry with a comma
   * was once read back as two entries). Values written before escaping hold neither and read back the same.
   */
  private static String joined(java.util.Collection<String> parts) {
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(part.replace("%", "%25").replace(",", "%2C"));
    }
    return out.toString();
  }

  private static List<String> split(String joined) {
    if (joined.isEmpty()) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    for (String part : joined.split(",", -1)) {
      parts.add(part.replace("%2C", ",").replace("%25", "%"));
    }
    return parts;
  }

  /** {@code ?, ?, …}: one placeholder per value, for {@code IN (…)}. */
  private static String placeholders(int count) {
    return "?" + ", ?".repeat(count - 1);
  }

  /** Runs a batch of one statement with one binding per item; returns its update counts, which must be known. */
  private int[] batch(String operation, String sql, int size, BatchBinder binder) {
    checkUsable();
    flushIfTouched(sql);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < size; i++) {
        binder.bind(i, new Binding(statement));
        statement.addBatch();
      }
      int[] counts = statement.executeBatch();
      for (int count : counts) {
        if (count < 0) {
          throw new StoreException("JDBC store: " + operation + ": the driver did not report a row count per "
              + "statement of the batch (is it rewriting batches?)");
        }
      }
      return counts;
    } catch (SQLException e) {
      throw failed(operation, e);
    }
  }

  @FunctionalInterface
  private interface BatchBinder {
    void bind(int index, Binding b) throws SQLException;
  }

  private static int requireLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    return limit;
  }

  // ---- accounts (A1, A2)

  private static final String ACCOUNT_COLUMNS = "id, name, plan, company_domains, pro_plus_seats, locale, created_at, "
      + "coworker_inviters, guest_inviters, guest_domains_mode, guest_domains, links_enabled, links_admit_guests, "
      + "link_approval_required, invitation_lifetime, link_lifetime, link_use_limit, invites_per_inviter_per_hour, "
      + "invites_per_account_per_day, resends_per_invitation_per_day, invites_per_recipient_per_day, notify_inviter, "
      + "reminder_before_expiry";

  private static Binding bindAccountFields(Binding b, Account a) throws SQLException {
    InvitePolicy p = a.policy();
    return b.text(a.name()).text(a.plan().name()).text(joined(a.companyDomains())).integer(a.proPlusSeats())
        .text(a.locale().toLanguageTag()).time(a.createdAt())
        .text(p.coworkerInviters().name()).text(p.guestInviters().name()).text(p.guestDomains().mode().name())
        .text(joined(p.guestDomains().domains().stream().sorted().toList()))
        .bool(p.linksEnabled()).bool(p.linksAdmitGuests()).bool(p.linkApprovalRequired())
        .text(p.invitationLifetime().toString()).text(p.linkLifetime().toString()).integer(p.linkUseLimit())
        .integer(p.invitesPerInviterPerHour()).integer(p.invitesPerAccountPerDay())
        .integer(p.resendsPerInvitationPerDay()).integer(p.invitesPerRecipientPerDay()).bool(p.notifyInviter())
        .text(p.reminderBeforeExpiry() == null ? null : p.reminderBeforeExpiry().toString());
  }

  private static Account account(ResultSet r) throws SQLException {
    String reminder = r.getString("reminder_before_expiry");
    InvitePolicy policy = new InvitePolicy(
        InvitePolicy.CoworkerInviters.valueOf(r.getString("coworker_inviters")),
        InvitePolicy.GuestInviters.valueOf(r.getString("guest_inviters")),
        new InvitePolicy.GuestDomains(InvitePolicy.GuestDomains.Mode.valueOf(r.getString("guest_domains_mode")),
            new HashSet<>(split(r.getString("guest_domains")))),
        r.getBoolean("links_enabled"), r.getBoolean("links_admit_guests"), r.getBoolean("link_approval_required"),
        Duration.parse(r.getString("invitation_lifetime")), Duration.parse(r.getString("link_lifetime")),
        nullableInt(r, "link_use_limit"), r.getInt("invites_per_inviter_per_hour"),
        r.getInt("invites_per_account_per_day"), r.getInt("resends_per_invitation_per_day"),
        r.getInt("invites_per_recipient_per_day"), r.getBoolean("notify_inviter"), reminder == null ? null : Duration.parse(reminder));
    return new Account(new AccountId(requiredUuid(r, "id")), r.getString("name"), Plan.valueOf(r.getString("plan")),
        split(r.getString("company_domains")), r.getInt("pro_plus_seats"), policy,
        Locale.forLanguageTag(r.getString("locale")), instant(r, "created_at"));
  }

  @Override
  public void insertAccount(Account account) {
    Objects.requireNonNull(account, "account");
    defer("insertAccount", accounts, "INSERT INTO " + accounts + " (" + ACCOUNT_COLUMNS + ") VALUES (?" + ", ?".repeat(22) + ")",
        b -> bindAccountFields(b.uuid(account.id().value()), account));
  }

  @Override
  public Optional<Account> findAccount(AccountId id) {
    Objects.requireNonNull(id, "id");
    return one("findAccount", "SELECT " + ACCOUNT_COLUMNS + " FROM " + accounts + " WHERE id = ?",
        b -> b.uuid(id.value()), JdbcTransaction::account);
  }

  /**
   * A write of the account row that changes nothing: its row lock, held to commit, makes the account's
   * lockers queue on one node or many; at READ COMMITTED the read after it sees what the previous holder
   * committed, and at REPEATABLE READ or SERIALIZABLE the database reports a serialization failure to the
   * second writer, and the unit of work runs again (U2, P2, L1).
   */
  @Override
  public Optional<Account> lockAccount(AccountId id) {
    Objects.requireNonNull(id, "id");
    int locked = update("lockAccount", "UPDATE " + accounts + " SET plan = plan WHERE id = ?", b -> b.uuid(id.value()));
    return locked == 0 ? Optional.empty() : findAccount(id);
  }

  @Override
  public void updateAccount(Account account) {
    Objects.requireNonNull(account, "account");
    String set = Arrays.stream(ACCOUNT_COLUMNS.split(", ")).skip(1).map(c -> c + " = ?")
        .collect(Collectors.joining(", "));
    int changed = update("updateAccount", "UPDATE " + accounts + " SET " + set + " WHERE id = ?",
        b -> bindAccountFields(b, account).uuid(account.id().value()));
    if (changed == 0) {
      throw new IllegalStateException("no account " + account.id() + " to update; insert it first");
    }
  }

  // ---- users (U1)

  private static final String USER_COLUMNS =
      "id, email, first_name, last_name, password_hash, age_verified_at, created_at";

  private static StoredUser user(ResultSet r) throws SQLException {
    return new StoredUser(new User(new UserId(requiredUuid(r, "id")), email(r.getString("email")),
        r.getString("first_name"), r.getString("last_name"), instant(r, "age_verified_at"), instant(r, "created_at")),
        new PasswordHash(r.getString("password_hash")));
  }

  @Override
  public boolean insertUser(StoredUser user) {
    Objects.requireNonNull(user, "user");
    User u = user.user();
    return insertUnlessPresent("insertUser",
        "INSERT INTO " + users + " (" + USER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", "(email)",
        b -> b.uuid(u.id().value()).text(u.email().toString()).text(u.firstName()).text(u.lastName())
            .text(user.passwordHash().phc()).time(u.ageVerifiedAt()).time(u.createdAt()));
  }

  @Override
  public Optional<StoredUser> findUser(UserId id) {
    Objects.requireNonNull(id, "id");
    return one("findUser", "SELECT " + USER_COLUMNS + " FROM " + users + " WHERE id = ?",
        b -> b.uuid(id.value()), JdbcTransaction::user);
  }

  @Override
  public Optional<StoredUser> findUserByEmail(EmailAddress email) {
    Objects.requireNonNull(email, "email");
    return one("findUserByEmail", "SELECT " + USER_COLUMNS + " FROM " + users + " WHERE email = ?",
        b -> b.text(email.toString()), JdbcTransaction::user);
  }

  /** One query: {@code WHERE email IN (…)}. */
  @Override
  public Map<EmailAddress, StoredUser> findUsersByEmail(Collection<EmailAddress> emails) {
    Objects.requireNonNull(emails, "emails");
    List<String> distinct = emails.stream().map(e -> Objects.requireNonNull(e, "email").toString()).distinct().toList();
    if (distinct.isEmpty()) {
      return Map.of();
    }
    List<StoredUser> found = query("findUsersByEmail", "SELECT " + USER_COLUMNS + " FROM " + users
        + " WHERE email IN (" + placeholders(distinct.size()) + ")", b -> {
          for (String email : distinct) {
            b.text(email);
          }
        }, JdbcTransaction::user);
    Map<EmailAddress, StoredUser> byEmail = new LinkedHashMap<>();
    for (StoredUser user : found) {
      byEmail.put(user.user().email(), user);
    }
    return byEmail;
  }

  @Override
  public void updatePasswordHash(UserId id, PasswordHash hash) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(hash, "hash");
    int changed = update("updatePasswordHash", "UPDATE " + users + " SET password_hash = ? WHERE id = ?",
        b -> b.text(hash.phc()).uuid(id.value()));
    if (changed == 0) {
      throw new IllegalStateException("no user " + id + " whose password hash to update");
    }
  }

  // ---- memberships (U2, U6)

  private static final String MEMBERSHIP_COLUMNS =
      "account_id, user_id, role, may_invite, invited_by, joined_via, joined_at";

  private static Membership membership(ResultSet r) throws SQLException {
    UUID invitedBy = uuid(r, "invited_by");
    UUID joinedVia = uuid(r, "joined_via");
    return new Membership(new AccountId(requiredUuid(r, "account_id")), new UserId(requiredUuid(r, "user_id")),
        Role.valueOf(r.getString("role")), r.getBoolean("may_invite"),
        invitedBy == null ? null : new UserId(invitedBy), joinedVia == null ? null : new LinkId(joinedVia),
        instant(r, "joined_at"));
  }

  @Override
  public boolean insertMembership(Membership m) {
    Objects.requireNonNull(m, "membership");
    return insertUnlessPresent("insertMembership",
        "INSERT INTO " + memberships + " (" + MEMBERSHIP_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
        "(account_id, user_id)",
        b -> b.uuid(m.accountId().value()).uuid(m.userId().value()).text(m.role().name()).bool(m.mayInvite())
            .uuid(m.invitedBy() == null ? null : m.invitedBy().value())
            .uuid(m.joinedVia() == null ? null : m.joinedVia().value()).time(m.joinedAt()));
  }

  @Override
  public Optional<Membership> findMembership(AccountId accountId, UserId userId) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(userId, "userId");
    return one("findMembership", "SELECT " + MEMBERSHIP_COLUMNS + " FROM " + memberships
        + " WHERE account_id = ? AND user_id = ?", b -> b.uuid(accountId.value()).uuid(userId.value()),
        JdbcTransaction::membership);
  }

  @Override
  public List<Membership> memberships(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return query("memberships", "SELECT " + MEMBERSHIP_COLUMNS + " FROM " + memberships
        + " WHERE account_id = ? ORDER BY joined_at, seq", b -> b.uuid(accountId.value()), JdbcTransaction::membership);
  }

  @Override
  public List<Membership> membershipsOf(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    return query("membershipsOf", "SELECT " + MEMBERSHIP_COLUMNS + " FROM " + memberships
        + " WHERE user_id = ? ORDER BY joined_at, seq", b -> b.uuid(userId.value()), JdbcTransaction::membership);
  }

  @Override
  public void updateMembership(Membership m) {
    Objects.requireNonNull(m, "membership");
    int changed = update("updateMembership", "UPDATE " + memberships
        + " SET role = ?, may_invite = ?, invited_by = ?, joined_via = ?, joined_at = ? WHERE account_id = ? AND user_id = ?",
        b -> b.text(m.role().name()).bool(m.mayInvite()).uuid(m.invitedBy() == null ? null : m.invitedBy().value())
            .uuid(m.joinedVia() == null ? null : m.joinedVia().value()).time(m.joinedAt())
            .uuid(m.accountId().value()).uuid(m.userId().value()));
    if (changed == 0) {
      throw new IllegalStateException("user " + m.userId() + " is no member of account " + m.accountId()
          + ", so there is no membership to update");
    }
  }

  @Override
  public boolean deleteMembership(AccountId accountId, UserId userId) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(userId, "userId");
    return update("deleteMembership", "DELETE FROM " + memberships + " WHERE account_id = ? AND user_id = ?",
        b -> b.uuid(accountId.value()).uuid(userId.value())) == 1;
  }

  // ---- invitations (I5, I7, L3)

  private static final String INVITATION_COLUMNS = "id, account_id, email, display_name, role, state, invited_by, "
      + "via_link, locale, created_at, expires_at, updated_at, delivery, age_check_locked, reminded, accepted_by, "
      + "token_digest";

  private static StoredInvitation storedInvitation(ResultSet r) throws SQLException {
    String digest = r.getString("token_digest");
    return new StoredInvitation(invitation(r), digest == null ? null : new TokenDigest(digest));
  }

  private static Invitation invitation(ResultSet r) throws SQLException {
    UUID viaLink = uuid(r, "via_link");
    UUID acceptedBy = uuid(r, "accepted_by");
    return new Invitation(new InvitationId(requiredUuid(r, "id")), new AccountId(requiredUuid(r, "account_id")),
        email(r.getString("email")), r.getString("display_name"), Role.valueOf(r.getString("role")),
        InvitationState.valueOf(r.getString("state")), new UserId(requiredUuid(r, "invited_by")),
        viaLink == null ? null : new LinkId(viaLink), Locale.forLanguageTag(r.getString("locale")),
        instant(r, "created_at"), instant(r, "expires_at"), instant(r, "updated_at"),
        DeliveryStatus.valueOf(r.getString("delivery")), r.getBoolean("age_check_locked"), r.getBoolean("reminded"),
        acceptedBy == null ? null : new UserId(acceptedBy));
  }

  private static String openKey(AccountId accountId, EmailAddress email) {
    return accountId.value() + " " + email;
  }

  /**
   * Inserts the invitation unless the address has an open one (I7). When this unit of work has just found
   * the address without one (core looks before it inserts), the insert is queued and sent with the others
   * as one batch, and true is returned at once; should another unit of work insert an open invitation for
   * the address in between, the batch finds it (row count 0, or a duplicate key) and this unit of work
   * runs again, as after a serialization failure, and then finds it. A bulk invite of 20 addresses so
   * sends its 20 inserts in one round trip.
   */
  @Override
  public boolean insertInvitation(StoredInvitation stored) {
    Objects.requireNonNull(stored, "invitation");
    Invitation i = stored.invitation();
    TokenDigest digest = stored.tokenDigest();
    String insert = "INSERT INTO " + invitations + " (" + INVITATION_COLUMNS + ") VALUES (?" + ", ?".repeat(16) + ")";
    String conflictTarget = "(account_id, email) WHERE state IN " + OPEN;
    Binder values = b -> b.uuid(i.id().value()).uuid(i.accountId().value()).text(i.email().toString()).text(i.displayName())
            .text(i.role().name()).text(i.state().name()).uuid(i.invitedBy().value())
            .uuid(i.viaLink() == null ? null : i.viaLink().value()).text(i.locale().toLanguageTag())
            .time(i.createdAt()).time(i.expiresAt()).time(i.updatedAt()).text(i.delivery().name())
            .bool(i.ageCheckLocked()).bool(i.reminded()).uuid(i.acceptedBy() == null ? null : i.acceptedBy().value())
            .text(digest == null ? null : digest.hex());
    String key = openKey(i.accountId(), i.email());
    if (i.state().isOpen() && foundNoOpenInvitation.remove(key)) {
      defer("insertInvitation", invitations,
          dialect == Dialect.POSTGRESQL ? insert + " ON CONFLICT " + conflictTarget + " DO NOTHING" : insert, values);
      batchOpenKeys.add(key);
      batchInvitationIds.add(i.id().value());
      return true;
    }
    return insertUnlessPresent("insertInvitation", insert, conflictTarget, values);
  }

  @Override
  public Optional<StoredInvitation> findInvitation(InvitationId id) {
    Objects.requireNonNull(id, "id");
    return one("findInvitation", "SELECT " + INVITATION_COLUMNS + " FROM " + invitations + " WHERE id = ?",
        b -> b.uuid(id.value()), JdbcTransaction::storedInvitation);
  }

  /** One query: {@code WHERE id IN (…)}. */
  @Override
  public Map<InvitationId, StoredInvitation> findInvitations(Collection<InvitationId> ids) {
    Objects.requireNonNull(ids, "ids");
    List<InvitationId> distinct = ids.stream().map(id -> Objects.requireNonNull(id, "id")).distinct().toList();
    if (distinct.isEmpty()) {
      return Map.of();
    }
    Map<InvitationId, StoredInvitation> byId = new LinkedHashMap<>();
    for (StoredInvitation found : query("findInvitations", "SELECT " + INVITATION_COLUMNS + " FROM " + invitations
        + " WHERE id IN (" + placeholders(distinct.size()) + ")", b -> {
          for (InvitationId id : distinct) {
            b.uuid(id.value());
          }
        }, JdbcTransaction::storedInvitation)) {
      byId.put(found.invitation().id(), found);
    }
    return byId;
  }

  @Override
  public Optional<StoredInvitation> findInvitationByToken(TokenDigest digest) {
    Objects.requireNonNull(digest, "digest");
    return one("findInvitationByToken", "SELECT " + INVITATION_COLUMNS + " FROM " + invitations
        + " WHERE token_digest = ?", b -> b.text(digest.hex()), JdbcTransaction::storedInvitation);
  }

  /**
   * Queued like the other writes nobody reads an answer from: sent with the next statement on the table,
   * or at commit. A digest remembered already is left as it is.
   */
  @Override
  public void supersedeToken(InvitationId id, TokenDigest digest) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(digest, "digest");
    String sql = dialect == Dialect.POSTGRESQL
        ? "INSERT INTO " + supersededTokens + " (digest, invitation_id) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING"
        : "INSERT INTO " + supersededTokens + " (digest, invitation_id) SELECT ?, ? FROM (VALUES (1)) one "
            + "WHERE NOT EXISTS (SELECT 1 FROM " + supersededTokens + " WHERE digest = ?)";
    defer("supersedeToken", supersededTokens, sql, dialect == Dialect.POSTGRESQL
        ? b -> b.text(digest.hex()).uuid(id.value())
        : b -> b.text(digest.hex()).uuid(id.value()).text(digest.hex()));
  }

  @Override
  public Optional<StoredInvitation> findInvitationBySupersededToken(TokenDigest digest) {
    Objects.requireNonNull(digest, "digest");
    return one("findInvitationBySupersededToken", "SELECT " + INVITATION_COLUMNS + " FROM " + invitations
        + " WHERE id = (SELECT invitation_id FROM " + supersededTokens + " WHERE digest = ?)",
        b -> b.text(digest.hex()), JdbcTransaction::storedInvitation);
  }

  @Override
  public Optional<StoredInvitation> findOpenInvitation(AccountId accountId, EmailAddress email) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(email, "email");
    checkUsable();
    String key = openKey(accountId, email);
    String sql = "SELECT " + INVITATION_COLUMNS + " FROM " + invitations
        + " WHERE account_id = ? AND email = ? AND state IN " + OPEN;
    // Queued invitation inserts for other addresses cannot change the answer: keep them queued.
    boolean onlyOtherAddressesQueued = "insertInvitation".equals(batchOperation) && !batchOpenKeys.contains(key);
    if (!onlyOtherAddressesQueued) {
      flushIfTouched(sql);
    }
    List<StoredInvitation> found = queryAsIs("findOpenInvitation", sql,
        b -> b.uuid(accountId.value()).text(email.toString()), JdbcTransaction::storedInvitation);
    if (found.isEmpty()) {
      foundNoOpenInvitation.add(key);
      return Optional.empty();
    }
    return Optional.of(found.get(0));
  }

  /**
   * One query: {@code WHERE account_id = ? AND email IN (…)}. Like {@link #findOpenInvitation}, every
   * address found without an open invitation may then have its insert queued.
   */
  @Override
  public Map<EmailAddress, StoredInvitation> findOpenInvitations(AccountId accountId, Collection<EmailAddress> emails) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(emails, "emails");
    checkUsable();
    Set<EmailAddress> distinct = new LinkedHashSet<>();
    for (EmailAddress email : emails) {
      distinct.add(Objects.requireNonNull(email, "email"));
    }
    if (distinct.isEmpty()) {
      return Map.of();
    }
    String sql = "SELECT " + INVITATION_COLUMNS + " FROM " + invitations
        + " WHERE account_id = ? AND state IN " + OPEN + " AND email IN (" + placeholders(distinct.size()) + ")";
    // Queued invitation inserts for other addresses cannot change the answer: keep them queued.
    boolean onlyOtherAddressesQueued = "insertInvitation".equals(batchOperation)
        && distinct.stream().noneMatch(e -> batchOpenKeys.contains(openKey(accountId, e)));
    if (!onlyOtherAddressesQueued) {
      flushIfTouched(sql);
    }
    List<StoredInvitation> found = queryAsIs("findOpenInvitations", sql, b -> {
      b.uuid(accountId.value());
      for (EmailAddress email : distinct) {
        b.text(email.toString());
      }
    }, JdbcTransaction::storedInvitation);
    Map<EmailAddress, StoredInvitation> byEmail = new LinkedHashMap<>();
    for (StoredInvitation invitation : found) {
      byEmail.put(invitation.invitation().email(), invitation);
    }
    for (EmailAddress email : distinct) {
      if (!byEmail.containsKey(email)) {
        foundNoOpenInvitation.add(openKey(accountId, email));
      }
    }
    return byEmail;
  }

  @Override
  public List<Invitation> invitations(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return query("invitations", "SELECT " + INVITATION_COLUMNS + " FROM " + invitations
        + " WHERE account_id = ? ORDER BY created_at, seq", b -> b.uuid(accountId.value()), JdbcTransaction::invitation);
  }

  @Override
  public List<Invitation> openInvitationsExpiringBy(Instant at, int limit) {
    Objects.requireNonNull(at, "at");
    requireLimit(limit);
    return query("openInvitationsExpiringBy", "SELECT " + INVITATION_COLUMNS + " FROM " + invitations
        + " WHERE state IN " + OPEN + " AND expires_at <= ? ORDER BY expires_at, seq LIMIT ?",
        b -> b.time(at).integer(limit), JdbcTransaction::invitation);
  }

  @Override
  public List<Invitation> pendingUnremindedExpiringBy(Instant at, int limit) {
    Objects.requireNonNull(at, "at");
    requireLimit(limit);
    return query("pendingUnremindedExpiringBy", "SELECT " + INVITATION_COLUMNS + " FROM " + invitations
        + " WHERE state = 'PENDING' AND NOT reminded AND expires_at <= ? ORDER BY expires_at, seq LIMIT ?",
        b -> b.time(at).integer(limit), JdbcTransaction::invitation);
  }

  @Override
  public boolean updateInvitation(StoredInvitation next, InvitationState expectedState) {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(expectedState, "expectedState");
    Invitation i = next.invitation();
    TokenDigest digest = next.tokenDigest();
    // An update may open an invitation again, for its own account and address only (both are part of the
    // condition below, so they never change): the other addresses found without one stay so.
    foundNoOpenInvitation.remove(openKey(i.accountId(), i.email()));
    // The row count of this conditional update is the atomic step: of concurrent updates expecting the
    // same state, the database lets one change the row; the others re-read it, see the new state, and
    // change nothing (I5). Account and address never change, so they are part of the condition.
    return update("updateInvitation", "UPDATE " + invitations + " SET display_name = ?, role = ?, state = ?, "
        + "invited_by = ?, via_link = ?, locale = ?, created_at = ?, expires_at = ?, updated_at = ?, delivery = ?, "
        + "age_check_locked = ?, reminded = ?, accepted_by = ?, token_digest = ? "
        + "WHERE id = ? AND state = ? AND account_id = ? AND email = ?",
        b -> b.text(i.displayName()).text(i.role().name()).text(i.state().name()).uuid(i.invitedBy().value())
            .uuid(i.viaLink() == null ? null : i.viaLink().value()).text(i.locale().toLanguageTag())
            .time(i.createdAt()).time(i.expiresAt()).time(i.updatedAt()).text(i.delivery().name())
            .bool(i.ageCheckLocked()).bool(i.reminded()).uuid(i.acceptedBy() == null ? null : i.acceptedBy().value())
            .text(digest == null ? null : digest.hex())
            .uuid(i.id().value()).text(expectedState.name()).uuid(i.accountId().value()).text(i.email().toString()))
        == 1;
  }

  @Override
  public boolean recordDelivery(InvitationId id, TokenDigest tokenDigest, DeliveryStatus status, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tokenDigest, "tokenDigest");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
    return update("recordDelivery", "UPDATE " + invitations + " SET delivery = ?, updated_at = ? "
        + "WHERE id = ? AND token_digest = ?", b -> b.text(status.name()).time(at).uuid(id.value()).text(tokenDigest.hex()))
        == 1;
  }

  /** One JDBC batch of the conditional updates of {@link #recordDelivery}; the row counts are the answers. */
  @Override
  public boolean[] recordDeliveries(List<DeliveryRecord> records) {
    Objects.requireNonNull(records, "records");
    List<DeliveryRecord> steps = List.copyOf(records);
    if (steps.isEmpty()) {
      return new boolean[0];
    }
    int[] counts = batch("recordDeliveries", "UPDATE " + invitations + " SET delivery = ?, updated_at = ? "
        + "WHERE id = ? AND token_digest = ?", steps.size(), (n, b) -> {
          DeliveryRecord r = steps.get(n);
          b.text(r.status().name()).time(r.at()).uuid(r.id().value()).text(r.tokenDigest().hex());
        });
    boolean[] recorded = new boolean[counts.length];
    for (int i = 0; i < counts.length; i++) {
      recorded[i] = counts[i] == 1;
    }
    return recorded;
  }

  // ---- invite links (L1, L3)

  private static final String LINK_COLUMNS = "id, account_id, token, created_by, created_at, expires_at, use_limit, "
      + "uses, active";

  private static StoredLink link(ResultSet r) throws SQLException {
    return new StoredLink(new LinkId(requiredUuid(r, "id")), new AccountId(requiredUuid(r, "account_id")),
        r.getString("token"), new UserId(requiredUuid(r, "created_by")), instant(r, "created_at"),
        instant(r, "expires_at"), nullableInt(r, "use_limit"), r.getInt("uses"), r.getBoolean("active"));
  }

  @Override
  public void insertLink(StoredLink l) {
    Objects.requireNonNull(l, "link");
    defer("insertLink", links, "INSERT INTO " + links + " (" + LINK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        b -> b.uuid(l.id().value()).uuid(l.accountId().value()).text(l.token()).uuid(l.createdBy().value())
            .time(l.createdAt()).time(l.expiresAt()).integer(l.useLimit()).integer(l.uses()).bool(l.active()));
  }

  @Override
  public Optional<StoredLink> findLinkByToken(String token) {
    Objects.requireNonNull(token, "token");
    return one("findLinkByToken", "SELECT " + LINK_COLUMNS + " FROM " + links + " WHERE token = ?",
        b -> b.text(token), JdbcTransaction::link);
  }

  @Override
  public Optional<StoredLink> findActiveLink(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return one("findActiveLink", "SELECT " + LINK_COLUMNS + " FROM " + links + " WHERE account_id = ? AND active",
        b -> b.uuid(accountId.value()), JdbcTransaction::link);
  }

  @Override
  public Optional<StoredLink> findLink(LinkId id) {
    Objects.requireNonNull(id, "id");
    return one("findLink", "SELECT " + LINK_COLUMNS + " FROM " + links + " WHERE id = ?",
        b -> b.uuid(id.value()), JdbcTransaction::link);
  }

  @Override
  public void deactivateLink(LinkId id) {
    Objects.requireNonNull(id, "id");
    int changed = update("deactivateLink", "UPDATE " + links + " SET active = FALSE WHERE id = ?",
        b -> b.uuid(id.value()));
    if (changed == 0) {
      throw new IllegalStateException("no link " + id + " to deactivate");
    }
  }

  @Override
  public boolean tryUseLink(LinkId id, Instant now) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(now, "now");
    // One statement: the row lock serializes concurrent uses, and each re-checks the limit on the row as
    // the previous use left it, so of N racers on K uses left exactly K succeed (L3).
    return update("tryUseLink", "UPDATE " + links + " SET uses = uses + 1 WHERE id = ? AND active "
        + "AND expires_at > ? AND (use_limit IS NULL OR uses < use_limit)", b -> b.uuid(id.value()).time(now)) == 1;
  }

  @Override
  public void updateLinkLimits(LinkId id, Instant expiresAt, @Nullable Integer useLimit) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expiresAt, "expiresAt");
    update("updateLinkLimits", "UPDATE " + links + " SET expires_at = ?, use_limit = ? WHERE id = ?",
        b -> b.time(expiresAt).integer(useLimit).uuid(id.value()));
  }

  @Override
  public void recordLinkJoin(LinkJoin join) {
    Objects.requireNonNull(join, "join");
    Objects.requireNonNull(join.linkId(), "join.linkId");
    Objects.requireNonNull(join.userId(), "join.userId");
    Objects.requireNonNull(join.joinedAt(), "join.joinedAt");
    defer("recordLinkJoin", linkJoins, "INSERT INTO " + linkJoins + " (link_id, user_id, joined_at) VALUES (?, ?, ?)",
        b -> b.uuid(join.linkId().value()).uuid(join.userId().value()).time(join.joinedAt()));
  }

  @Override
  public List<LinkJoin> linkJoins(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return query("linkJoins", "SELECT j.link_id, j.user_id, j.joined_at FROM " + linkJoins + " j JOIN " + links
        + " l ON l.id = j.link_id WHERE l.account_id = ? ORDER BY j.joined_at, j.seq", b -> b.uuid(accountId.value()),
        r -> new LinkJoin(new LinkId(requiredUuid(r, "link_id")), new UserId(requiredUuid(r, "user_id")),
            instant(r, "joined_at")));
  }

  // ---- licenses (P1–P4)

  private static LicenseAssignment assignment(ResultSet r) throws SQLException {
    return new LicenseAssignment(new AccountId(requiredUuid(r, "account_id")), new UserId(requiredUuid(r, "user_id")),
        License.valueOf(r.getString("license")), new UserId(requiredUuid(r, "assigned_by")),
        instant(r, "assigned_at"));
  }

  @Override
  public SeatClaim tryAssignSeat(LicenseAssignment a, int seats) {
    Objects.requireNonNull(a, "assignment");
    if (seats < 0) {
      throw new IllegalArgumentException("seats must not be negative, was " + seats);
    }
    // The account row is the seat pool's lock: claims in one account queue here, on one node or many, so
    // the count below sees every committed claim and no other is in flight (P2).
    query("tryAssignSeat", "SELECT id FROM " + accounts + " WHERE id = ? FOR UPDATE",
        b -> b.uuid(a.accountId().value()), r -> Boolean.TRUE);
    long[] taken = query("tryAssignSeat", "SELECT COUNT(*) AS taken, "
        + "COALESCE(SUM(CASE WHEN user_id = ? THEN 1 ELSE 0 END), 0) AS held FROM " + assignments
        + " WHERE account_id = ? AND license = ?",
        b -> b.uuid(a.userId().value()).uuid(a.accountId().value()).text(a.license().name()),
        r -> new long[] {r.getLong("taken"), r.getLong("held")}).get(0);
    if (taken[1] > 0) {
      return SeatClaim.ALREADY_ASSIGNED;
    }
    if (taken[0] >= seats) {
      return SeatClaim.NO_SEAT_LEFT;
    }
    boolean inserted = insertUnlessPresent("tryAssignSeat", "INSERT INTO " + assignments
        + " (account_id, user_id, license, assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?)",
        "(account_id, license, user_id)",
        b -> b.uuid(a.accountId().value()).uuid(a.userId().value()).text(a.license().name())
            .uuid(a.assignedBy().value()).time(a.assignedAt()));
    return inserted ? SeatClaim.ASSIGNED : SeatClaim.ALREADY_ASSIGNED;
  }

  @Override
  public Optional<LicenseAssignment> removeAssignment(AccountId accountId, UserId userId, License license) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(license, "license");
    Optional<LicenseAssignment> held = one("removeAssignment", "SELECT account_id, user_id, license, assigned_by, "
        + "assigned_at FROM " + assignments + " WHERE account_id = ? AND license = ? AND user_id = ? FOR UPDATE",
        b -> b.uuid(accountId.value()).text(license.name()).uuid(userId.value()), JdbcTransaction::assignment);
    if (held.isPresent()) {
      update("removeAssignment", "DELETE FROM " + assignments + " WHERE account_id = ? AND license = ? AND user_id = ?",
          b -> b.uuid(accountId.value()).text(license.name()).uuid(userId.value()));
    }
    return held;
  }

  @Override
  public List<LicenseAssignment> assignments(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return query("assignments", "SELECT account_id, user_id, license, assigned_by, assigned_at FROM " + assignments
        + " WHERE account_id = ? ORDER BY assigned_at, seq", b -> b.uuid(accountId.value()), JdbcTransaction::assignment);
  }

  // ---- idempotency (I10)

  @Override
  public Optional<IdempotencyRecord> findIdempotencyRecord(AccountId accountId, UserId inviterId, String key) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(inviterId, "inviterId");
    Objects.requireNonNull(key, "key");
    return one("findIdempotencyRecord", "SELECT request_fingerprint, result_json, created_at FROM " + idempotency
        + " WHERE account_id = ? AND inviter_id = ? AND idem_key = ?",
        b -> b.uuid(accountId.value()).uuid(inviterId.value()).text(key),
        r -> new IdempotencyRecord(accountId, inviterId, key, r.getString("request_fingerprint"),
            r.getString("result_json"), instant(r, "created_at")));
  }

  @Override
  public boolean insertIdempotencyRecord(IdempotencyRecord r) {
    Objects.requireNonNull(r, "record");
    return insertUnlessPresent("insertIdempotencyRecord", "INSERT INTO " + idempotency
        + " (account_id, inviter_id, idem_key, request_fingerprint, result_json, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        "(account_id, inviter_id, idem_key)",
        b -> b.uuid(r.accountId().value()).uuid(r.inviterId().value()).text(r.key()).text(r.requestFingerprint())
            .text(r.resultJson()).time(r.createdAt()));
  }

  // ---- mail outbox (SPEC §5)

  private static final String OUTBOX_COLUMNS = "id, account_id, invitation_id, token_digest, payload, status, "
      + "attempts, created_at, next_attempt_at, claimed_until, last_error, recipient";

  private record Claimed(OutboxEntry entry, long seq) {}

  private static OutboxEntry outboxEntry(ResultSet r) throws SQLException {
    UUID accountId = uuid(r, "account_id");
    UUID invitationId = uuid(r, "invitation_id");
    String digest = r.getString("token_digest");
    String recipient = r.getString("recipient");
    return new OutboxEntry(r.getString("id"), accountId == null ? null : new AccountId(accountId),
        invitationId == null ? null : new InvitationId(invitationId), digest == null ? null : new TokenDigest(digest),
        r.getString("payload"), Status.valueOf(r.getString("status")), r.getInt("attempts"),
        instant(r, "created_at"), instant(r, "next_attempt_at"), nullableInstant(r, "claimed_until"),
        r.getString("last_error"), recipient == null ? null : email(recipient));
  }

  @Override
  public void insertOutbox(OutboxEntry e) {
    Objects.requireNonNull(e, "entry");
    defer("insertOutbox", outbox, "INSERT INTO " + outbox + " (" + OUTBOX_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        b -> b.text(e.id()).uuid(e.accountId() == null ? null : e.accountId().value())
            .uuid(e.invitationId() == null ? null : e.invitationId().value())
            .text(e.tokenDigest() == null ? null : e.tokenDigest().hex()).text(e.payload()).text(e.status().name())
            .integer(e.attempts()).time(e.createdAt()).time(e.nextAttemptAt()).time(e.claimedUntil())
            .text(e.lastError()).text(e.recipient() == null ? null : e.recipient().toString()));
  }

  @Override
  public Optional<OutboxEntry> findOutbox(String id) {
    Objects.requireNonNull(id, "id");
    return one("findOutbox", "SELECT " + OUTBOX_COLUMNS + " FROM " + outbox + " WHERE id = ?", b -> b.text(id),
        JdbcTransaction::outboxEntry);
  }

  /** One query: {@code WHERE id IN (…)}. */
  @Override
  public Map<String, OutboxEntry> findOutboxes(Collection<String> ids) {
    Objects.requireNonNull(ids, "ids");
    List<String> distinct = ids.stream().map(id -> Objects.requireNonNull(id, "id")).distinct().toList();
    if (distinct.isEmpty()) {
      return Map.of();
    }
    Map<String, OutboxEntry> byId = new LinkedHashMap<>();
    for (OutboxEntry found : query("findOutboxes", "SELECT " + OUTBOX_COLUMNS + " FROM " + outbox
        + " WHERE id IN (" + placeholders(distinct.size()) + ")", b -> {
          for (String id : distinct) {
            b.text(id);
          }
        }, JdbcTransaction::outboxEntry)) {
      byId.put(found.id(), found);
    }
    return byId;
  }

  @Override
  public List<OutboxEntry> claimOutbox(Instant now, Instant leaseUntil, int limit) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    requireLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    String due = "status = 'PENDING' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)";
    if (dialect == Dialect.POSTGRESQL) {
      // SKIP LOCKED: a dispatcher on another node passes over the rows this one is claiming, instead of
      // waiting for them and then finding them taken.
      List<Claimed> claimed = query("claimOutbox", "UPDATE " + outbox + " SET claimed_until = ? WHERE id IN ("
          + "SELECT id FROM " + outbox + " WHERE " + due + " ORDER BY next_attempt_at, seq LIMIT ? "
          + "FOR UPDATE SKIP LOCKED) RETURNING " + OUTBOX_COLUMNS + ", seq",
          b -> b.time(leaseUntil).time(now).time(now).integer(limit),
          r -> new Claimed(outboxEntry(r), r.getLong("seq")));
      return claimed.stream()
          .sorted(Comparator.comparing((Claimed c) -> c.entry().nextAttemptAt()).thenComparingLong(Claimed::seq))
          .map(Claimed::entry).toList();
    }
    // H2: read the due rows, then claim each with a conditional update; a row another unit of work claimed
    // meanwhile updates nothing (the row lock makes this one wait, then re-check), and the next is tried.
    List<OutboxEntry> claimed = new ArrayList<>();
    Set<String> tried = new HashSet<>();
    while (claimed.size() < limit) {
      int wanted = limit - claimed.size() + tried.size();
      List<OutboxEntry> candidates = query("claimOutbox", "SELECT " + OUTBOX_COLUMNS + " FROM " + outbox + " WHERE "
          + due + " ORDER BY next_attempt_at, seq LIMIT ?", b -> b.time(now).time(now).integer(wanted),
          JdbcTransaction::outboxEntry).stream().filter(c -> !tried.contains(c.id())).toList();
      if (candidates.isEmpty()) {
        break;
      }
      for (OutboxEntry candidate : candidates) {
        tried.add(candidate.id());
        int changed = update("claimOutbox", "UPDATE " + outbox + " SET claimed_until = ? WHERE id = ? AND " + due,
            b -> b.time(leaseUntil).text(candidate.id()).time(now).time(now));
        if (changed == 1) {
          claimed.add(candidate.claimedUntil(leaseUntil));
          if (claimed.size() == limit) {
            break;
          }
        }
      }
    }
    return List.copyOf(claimed);
  }

  @Override
  public boolean rescheduleOutbox(String id, int attempts, Instant nextAttemptAt, String lastError) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(lastError, "lastError");
    return update("rescheduleOutbox", "UPDATE " + outbox + " SET attempts = ?, next_attempt_at = ?, last_error = ?, "
        + "claimed_until = NULL WHERE id = ? AND status = 'PENDING'",
        b -> b.integer(attempts).time(nextAttemptAt).text(lastError).text(id)) == 1;
  }

  @Override
  public boolean completeOutbox(String id, Status status, int attempts, @Nullable String lastError) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    if (status == Status.PENDING) {
      throw new IllegalArgumentException("an outbox entry is completed as SENT or GAVE_UP, not PENDING");
    }
    // The payload may hold a link with a token: once the entry is final it is erased.
    return update("completeOutbox", "UPDATE " + outbox + " SET status = ?, attempts = ?, last_error = ?, "
        + "claimed_until = NULL, payload = '' WHERE id = ? AND status = 'PENDING'",
        b -> b.text(status.name()).integer(attempts).text(lastError).text(id)) == 1;
  }

  /** One JDBC batch of the conditional updates of {@link #completeOutbox}; the row counts are the answers. */
  @Override
  public boolean[] completeOutboxes(List<OutboxCompletion> completions) {
    Objects.requireNonNull(completions, "completions");
    List<OutboxCompletion> steps = List.copyOf(completions);
    if (steps.isEmpty()) {
      return new boolean[0];
    }
    // The payload may hold a link with a token: once the entry is final it is erased.
    int[] counts = batch("completeOutboxes", "UPDATE " + outbox + " SET status = ?, attempts = ?, last_error = ?, "
        + "claimed_until = NULL, payload = '' WHERE id = ? AND status = 'PENDING'", steps.size(), (n, b) -> {
          OutboxCompletion c = steps.get(n);
          b.text(c.status().name()).integer(c.attempts()).text(c.lastError()).text(c.id());
        });
    boolean[] completed = new boolean[counts.length];
    for (int i = 0; i < counts.length; i++) {
      completed[i] = counts[i] == 1;
    }
    return completed;
  }

  @Override
  public List<OutboxEntry> outbox(@Nullable AccountId accountId, Status status, int limit) {
    Objects.requireNonNull(status, "status");
    requireLimit(limit);
    if (accountId == null) {
      return query("outbox", "SELECT " + OUTBOX_COLUMNS + " FROM " + outbox
          + " WHERE status = ? ORDER BY created_at, seq LIMIT ?", b -> b.text(status.name()).integer(limit),
          JdbcTransaction::outboxEntry);
    }
    return query("outbox", "SELECT " + OUTBOX_COLUMNS + " FROM " + outbox
        + " WHERE account_id = ? AND status = ? ORDER BY created_at, seq LIMIT ?",
        b -> b.uuid(accountId.value()).text(status.name()).integer(limit), JdbcTransaction::outboxEntry);
  }

  // ---- counters (A2)

  @Override
  public boolean tryIncrementCounter(String key, Instant window, int permits, int limit) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(window, "window");
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1, was " + permits);
    }
    if (permits > limit) {
      return false;
    }
    if (dialect == Dialect.POSTGRESQL) {
      // One statement: the conflicting row is locked and the condition re-checked on its latest version.
      return update("tryIncrementCounter", "INSERT INTO " + counters + " AS c (counter_key, window_start, count_value) "
          + "VALUES (?, ?, ?) ON CONFLICT (counter_key, window_start) DO UPDATE "
          + "SET count_value = c.count_value + EXCLUDED.count_value WHERE c.count_value + EXCLUDED.count_value <= ?",
          b -> b.text(key).time(window).integer(permits).integer(limit)) == 1;
    }
    // H2: make sure the row exists (a racing insert of the same row is a harmless duplicate), then a
    // conditional update under the row lock.
    insertUnlessPresent("tryIncrementCounter", "INSERT INTO " + counters
        + " (counter_key, window_start, count_value) VALUES (?, ?, 0)", "", b -> b.text(key).time(window));
    return update("tryIncrementCounter", "UPDATE " + counters + " SET count_value = count_value + ? "
        + "WHERE counter_key = ? AND window_start = ? AND count_value + ? <= ?",
        b -> b.integer(permits).text(key).time(window).integer(permits).integer(limit)) == 1;
  }

  /**
   * One JDBC batch of conditional increments, whose row counts say which were applied (1) and which
   * refused (0). PostgreSQL: the conditional upsert of {@link #tryIncrementCounter}, written as
   * {@code INSERT … SELECT} so that a driver rewriting batched {@code INSERT … VALUES} leaves it alone and
   * reports a count per step. H2: first the missing rows are created at zero (see
   * {@link #createMissingCounters}), then the batch of conditional updates under each row's lock.
   *
   * <p>The steps go to the database ordered by key and window (steps of one key keep their order, so a
   * later one still sees what an earlier one took), and every unit of work takes the row locks in that one
   * order: two bulk increments over the same counters never deadlock, whatever order their callers listed
   * them in (issue 9.14).
   */
  @Override
  public boolean[] tryIncrementCounters(List<CounterIncrement> increments) {
    Objects.requireNonNull(increments, "increments");
    List<CounterIncrement> steps = List.copyOf(increments);
    boolean[] applied = new boolean[steps.size()];
    // A step asking more than its limit is refused without asking the database, as tryIncrementCounter does.
    List<Integer> asked = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).permits() <= steps.get(i).limit()) {
        asked.add(i);
      }
    }
    if (asked.isEmpty()) {
      return applied;
    }
    asked.sort(java.util.Comparator.comparing((Integer i) -> steps.get(i).key())
        .thenComparing(i -> steps.get(i).window()));   // a stable sort: one key's steps keep their order
    int[] counts;
    if (dialect == Dialect.POSTGRESQL) {
      counts = batch("tryIncrementCounters", "INSERT INTO " + counters + " AS c (counter_key, window_start, count_value) "
          + "SELECT CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS INTEGER) "
          + "ON CONFLICT (counter_key, window_start) DO UPDATE "
          + "SET count_value = c.count_value + EXCLUDED.count_value WHERE c.count_value + EXCLUDED.count_value <= ?",
          asked.size(), (n, b) -> {
            CounterIncrement step = steps.get(asked.get(n));
            b.text(step.key()).time(step.window()).integer(step.permits()).integer(step.limit());
          });
    } else {
      createMissingCounters(asked.stream().map(steps::get).toList());
      counts = batch("tryIncrementCounters", "UPDATE " + counters + " SET count_value = count_value + ? "
          + "WHERE counter_key = ? AND window_start = ? AND count_value + ? <= ?", asked.size(), (n, b) -> {
            CounterIncrement step = steps.get(asked.get(n));
            b.integer(step.permits()).text(step.key()).time(step.window()).integer(step.permits()).integer(step.limit());
          });
    }
    for (int n = 0; n < asked.size(); n++) {
      applied[asked.get(n)] = counts[n] == 1;
    }
    return applied;
  }

  /**
   * H2: inserts, at zero, the counters of these steps (given in key order) that do not exist yet. First all
   * of them in one statement; if a racing unit of work holds one of them, uncommitted, H2 waits for it to
   * end and then reports a duplicate key only if it committed. Then, back at the savepoint, each row on
   * its own, in key order, as a conflict-ignoring insert: H2 waits for a racing inserter of that row and
   * either inserts it (the racer rolled back) or reports the duplicate (the racer committed, and the row
   * is now there for the conditional update). Nothing is retried, so nothing gives up: a unit of work never
   * fails because another one created the same counter at the same moment (issue 9.14). The rows are taken
   * in one order by every unit of work, so two creators never wait for each other in a cycle.
   */
  private void createMissingCounters(List<CounterIncrement> steps) {
    Map<String, CounterIncrement> distinct = new LinkedHashMap<>();
    for (CounterIncrement step : steps) {
      distinct.putIfAbsent(step.key() + "@" + step.window(), step);
    }
    List<CounterIncrement> rows = List.copyOf(distinct.values());
    if (insertMissingCounters(rows) || rows.size() == 1) {
      return;   // one row: its duplicate key means a racer committed it, so it is there
    }
    for (CounterIncrement row : rows) {
      insertMissingCounters(List.of(row));
    }
  }

  /** One conflict-ignoring insert of the rows that do not exist yet; false on a duplicate key (H2). */
  private boolean insertMissingCounters(List<CounterIncrement> rows) {
    String sql = "INSERT INTO " + counters + " (counter_key, window_start, count_value) "
        + "SELECT k, w, 0 FROM (VALUES " + String.join(", ", java.util.Collections.nCopies(rows.size(),
            "(CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE))")) + ") AS s(k, w) "
        + "WHERE NOT EXISTS (SELECT 1 FROM " + counters + " c WHERE c.counter_key = s.k AND c.window_start = s.w)";
    return insertUnlessPresent("tryIncrementCounters", sql, "", b -> {
      for (CounterIncrement row : rows) {
        b.text(row.key()).time(row.window());
      }
    });
  }

  /** One JDBC batch of decrements. */
  @Override
  public void decrementCounters(List<CounterIncrement> decrements) {
    Objects.requireNonNull(decrements, "decrements");
    List<CounterIncrement> steps = List.copyOf(decrements);
    if (steps.isEmpty()) {
      return;
    }
    checkUsable();
    String sql = "UPDATE " + counters + " SET count_value = GREATEST(count_value - ?, 0) "
        + "WHERE counter_key = ? AND window_start = ?";
    flushIfTouched(sql);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (CounterIncrement step : steps) {
        new Binding(statement).integer(Math.max(0, step.permits())).text(step.key()).time(step.window());
        statement.addBatch();
      }
      statement.executeBatch();
    } catch (SQLException e) {
      throw failed("decrementCounters", e);
    }
  }

  @Override
  public void decrementCounter(String key, Instant window, int permits) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(window, "window");
    int given = Math.max(0, permits);
    update("decrementCounter", "UPDATE " + counters + " SET count_value = GREATEST(count_value - ?, 0) "
        + "WHERE counter_key = ? AND window_start = ?", b -> b.integer(given).text(key).time(window));
  }

  @Override
  public int counterValue(String key, Instant window) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(window, "window");
    return one("counterValue", "SELECT count_value FROM " + counters + " WHERE counter_key = ? AND window_start = ?",
        b -> b.text(key).time(window), r -> r.getInt(1)).orElse(0);
  }

  @Override
  public int deleteCountersBefore(Instant before) {
    Objects.requireNonNull(before, "before");
    return update("deleteCountersBefore", "DELETE FROM " + counters + " WHERE window_start < ?", b -> b.time(before));
  }

  // ---- founder sign-ups (A3, U1)

  private static final String FOUNDER_COLUMNS = "token_digest, account_id, user_id, email, first_name, last_name, "
      + "password_hash, age_verified_at, created_at, expires_at, confirmed_at";

  private static FounderSignup founderSignup(ResultSet r) throws SQLException {
    StoredUser founder = new StoredUser(new User(new UserId(requiredUuid(r, "user_id")), email(r.getString("email")),
        r.getString("first_name"), r.getString("last_name"), instant(r, "age_verified_at"), instant(r, "created_at")),
        new PasswordHash(r.getString("password_hash")));
    return new FounderSignup(new TokenDigest(r.getString("token_digest")), new AccountId(requiredUuid(r, "account_id")),
        founder, instant(r, "expires_at"), nullableInstant(r, "confirmed_at"));
  }

  @Override
  public void insertFounderSignup(FounderSignup signup) {
    Objects.requireNonNull(signup, "signup");
    User u = signup.founder().user();
    update("insertFounderSignup", "INSERT INTO " + founderSignups + " (" + FOUNDER_COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        b -> b.text(signup.tokenDigest().hex()).uuid(signup.accountId().value()).uuid(u.id().value())
            .text(u.email().toString()).text(u.firstName()).text(u.lastName()).text(signup.founder().passwordHash().phc())
            .time(u.ageVerifiedAt()).time(u.createdAt()).time(signup.expiresAt()).time(signup.confirmedAt()));
  }

  @Override
  public Optional<FounderSignup> findFounderSignup(TokenDigest digest) {
    Objects.requireNonNull(digest, "digest");
    return one("findFounderSignup", "SELECT " + FOUNDER_COLUMNS + " FROM " + founderSignups + " WHERE token_digest = ?",
        b -> b.text(digest.hex()), JdbcTransaction::founderSignup);
  }

  @Override
  public Optional<FounderSignup> latestOpenFounderSignup(EmailAddress email, Instant now) {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(now, "now");
    return one("latestOpenFounderSignup", "SELECT " + FOUNDER_COLUMNS + " FROM " + founderSignups
        + " WHERE email = ? AND confirmed_at IS NULL AND expires_at > ? ORDER BY expires_at DESC, seq DESC LIMIT 1",
        b -> b.text(email.toString()).time(now), JdbcTransaction::founderSignup);
  }

  @Override
  public boolean confirmFounderSignup(TokenDigest digest, Instant now) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(now, "now");
    // One conditional update: of concurrent confirmations the row lock lets one through, and the others
    // re-read the condition and change nothing.
    return update("confirmFounderSignup", "UPDATE " + founderSignups + " SET confirmed_at = ? "
        + "WHERE token_digest = ? AND confirmed_at IS NULL AND expires_at > ?",
        b -> b.time(now).text(digest.hex()).time(now)) == 1;
  }

  @Override
  public int deleteExpiredFounderSignups(Instant before) {
    Objects.requireNonNull(before, "before");
    update("deleteExpiredFounderSignups", "DELETE FROM " + accounts + " WHERE id IN (SELECT account_id FROM "
        + founderSignups + " WHERE confirmed_at IS NULL AND expires_at <= ?) AND NOT EXISTS (SELECT 1 FROM "
        + memberships + " m WHERE m.account_id = " + accounts + ".id)", b -> b.time(before));
    return update("deleteExpiredFounderSignups", "DELETE FROM " + founderSignups
        + " WHERE confirmed_at IS NULL AND expires_at <= ?", b -> b.time(before));
  }
}
