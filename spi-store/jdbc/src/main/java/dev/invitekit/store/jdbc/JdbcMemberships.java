package dev.invitekit.store.jdbc;

import static dev.invitekit.store.jdbc.Sql.*;

import dev.invitekit.id.AccountId;
import dev.invitekit.id.LinkId;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.DirectoryEntry;
import dev.invitekit.spi.store.MembershipStore;
import dev.invitekit.spi.store.StoredMember;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** memberships (U2, U6): the MembershipStore of one {@link JdbcTransaction}. */
final class JdbcMemberships implements MembershipStore {

  private final Sql sql;
  private final String memberships;
  private final String users;

  JdbcMemberships(Sql sql) {
    this.sql = sql;
    this.memberships = sql.table("memberships");
    this.users = sql.table("users");
  }

  private static final String MEMBERSHIP_COLUMNS =
      "account_id, user_id, role, may_invite, invited_by, joined_via, joined_at";

  private static Membership membership(ResultSet r) throws SQLException {
    UUID invitedBy = uuid(r, "invited_by");
    UUID joinedVia = uuid(r, "joined_via");
    return new Membership(new AccountId(requiredUuid(r, "account_id")), new UserId(requiredUuid(r, "user_id")),
        role(r.getString("role")), r.getBoolean("may_invite"),
        invitedBy == null ? null : new UserId(invitedBy), joinedVia == null ? null : new LinkId(joinedVia),
        instant(r, "joined_at"));
  }

  @Override
  public boolean insert(Membership m) {
    Objects.requireNonNull(m, "membership");
    return sql.insertUnlessPresent("memberships.insert",
        "INSERT INTO " + memberships + " (" + MEMBERSHIP_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
        "(account_id, user_id)",
        b -> b.uuid(m.accountId().value()).uuid(m.userId().value()).text(m.role().name()).bool(m.mayInvite())
            .uuid(m.invitedBy() == null ? null : m.invitedBy().value())
            .uuid(m.joinedVia() == null ? null : m.joinedVia().value()).time(m.joinedAt()));
  }

  @Override
  public Optional<Membership> find(AccountId accountId, UserId userId) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(userId, "userId");
    return sql.one("memberships.find", "SELECT " + MEMBERSHIP_COLUMNS + " FROM " + memberships
        + " WHERE account_id = ? AND user_id = ?", b -> b.uuid(accountId.value()).uuid(userId.value()),
        JdbcMemberships::membership);
  }

  /** {@link MembershipStore#findAll} in one query: the users' memberships in the account, by user. */
  @Override
  public Map<UserId, Membership> findAll(AccountId accountId, Collection<UserId> userIds) {
    Objects.requireNonNull(accountId, "accountId");
    List<UUID> distinct = userIds.stream().map(u -> Objects.requireNonNull(u, "userId").value()).distinct().toList();
    if (distinct.isEmpty()) {
      return Map.of();
    }
    Map<UserId, Membership> found = new LinkedHashMap<>();
    for (Membership m : sql.query("memberships.findAll", "SELECT " + MEMBERSHIP_COLUMNS + " FROM " + memberships
        + " WHERE account_id = ? AND user_id IN (" + placeholders(distinct.size()) + ")", b -> {
          b.uuid(accountId.value());
          for (UUID user : distinct) {
            b.uuid(user);
          }
        }, JdbcMemberships::membership)) {
      found.put(m.userId(), m);
    }
    return found;
  }

  @Override
  public List<Membership> ofAccount(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return sql.query("memberships.ofAccount", "SELECT " + MEMBERSHIP_COLUMNS + " FROM " + memberships
        + " WHERE account_id = ? ORDER BY joined_at, seq", b -> b.uuid(accountId.value()), JdbcMemberships::membership);
  }

  /**
   * {@link dev.invitekit.spi.store.StoreTransaction#membersWithUsers}: the account's memberships joined with
   * their users in one query, without the password hash (the directory never shows it). On H2 the rows come
   * sorted as the directory sorts them (name, then address, compared as Java compares strings, H2's default):
   * H2 sorts them in this process as it reads them, and the directory's own sort then takes one pass (C1; the
   * SPI states no order, so the directory sorts whatever it gets). PostgreSQL is not asked to sort: 50,000 rows
   * overflow the default {@code work_mem} and the sort goes to disk, three times the join's time. Columns are
   * read by position: by name, the driver looks each one up again on every row. H2 converts its timestamps to
   * {@code Instant}s directly, without an {@code OffsetDateTime} and its {@code ZoneOffset} per value.
   */
  List<StoredMember> withUsers(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    boolean h2 = sql.dialect == Dialect.H2;
    return sql.query("memberships.withUsers", "SELECT m.user_id, m.role, m.may_invite, m.invited_by, m.joined_via,"
        + " m.joined_at, u.email, u.first_name, u.last_name, u.age_verified_at, u.created_at"
        + " FROM " + memberships + " m JOIN " + users + " u ON u.id = m.user_id WHERE m.account_id = ?"
        + (h2 ? " ORDER BY (u.first_name || ' ' || u.last_name), u.email" : ""),
        b -> b.uuid(accountId.value()), r -> {
          UserId user = new UserId(Objects.requireNonNull(uuidAt(r, 1)));
          UUID invitedBy = uuidAt(r, 4);
          UUID joinedVia = uuidAt(r, 5);
          Membership m = new Membership(accountId, user, role(r.getString(2)), r.getBoolean(3),
              invitedBy == null ? null : new UserId(invitedBy), joinedVia == null ? null : new LinkId(joinedVia),
              instantAt(r, 6, h2));
          return new StoredMember(m, new User(user, email(r.getString(7)), r.getString(8), r.getString(9),
              instantAt(r, 10, h2), instantAt(r, 11, h2)));
        });
  }

  /**
   * {@link dev.invitekit.spi.store.StoreTransaction#directoryOf}: the five columns the directory needs, in one
   * join, the display name built by the query. On H2 sorted as the directory sorts (by name, then address, as
   * Java compares strings), so that its sort takes one pass; on PostgreSQL unsorted, for the reason
   * {@link #withUsers} gives. A narrower row than {@link #withUsers}': no timestamps to convert, no link, so
   * H2 (which runs in this process) materialises and converts less than half the values.
   */
  List<DirectoryEntry> directory(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return sql.query("memberships.directory", "SELECT m.user_id, u.first_name || ' ' || u.last_name, u.email,"
        + " m.role, m.invited_by FROM " + memberships + " m JOIN " + users + " u ON u.id = m.user_id"
        + " WHERE m.account_id = ?" + (sql.dialect == Dialect.H2 ? " ORDER BY 2, 3" : ""),
        b -> b.uuid(accountId.value()), r -> {
          UUID invitedBy = uuidAt(r, 5);
          return new DirectoryEntry(new UserId(Objects.requireNonNull(uuidAt(r, 1))), r.getString(2), email(r.getString(3)),
              role(r.getString(4)), invitedBy == null ? null : new UserId(invitedBy));
        });
  }

  private static Instant instantAt(ResultSet r, int column, boolean h2) throws SQLException {
    // pgjdbc reads no Instant; H2 reads one without building an OffsetDateTime and its ZoneOffset first
    return h2 ? r.getObject(column, Instant.class) : r.getObject(column, OffsetDateTime.class).toInstant();
  }

  @Override
  public List<Membership> ofUser(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    return sql.query("memberships.ofUser", "SELECT " + MEMBERSHIP_COLUMNS + " FROM " + memberships
        + " WHERE user_id = ? ORDER BY joined_at, seq", b -> b.uuid(userId.value()), JdbcMemberships::membership);
  }

  @Override
  public void update(Membership m) {
    Objects.requireNonNull(m, "membership");
    int changed = sql.update("memberships.update", "UPDATE " + memberships
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
  public boolean delete(AccountId accountId, UserId userId) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(userId, "userId");
    return sql.update("memberships.delete", "DELETE FROM " + memberships + " WHERE account_id = ? AND user_id = ?",
        b -> b.uuid(accountId.value()).uuid(userId.value())) == 1;
  }
}
