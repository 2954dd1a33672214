package dev.invitekit.store.jdbc;

import static dev.invitekit.store.jdbc.Sql.*;

import dev.invitekit.id.AccountId;
import dev.invitekit.id.LinkId;
import dev.invitekit.link.LinkJoin;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.LinkStore;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.TokenDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** invite links (L1, L3): the LinkStore of one {@link JdbcTransaction}. */
final class JdbcLinks implements LinkStore {

  private final Sql sql;
  private final String links;
  private final String linkJoins;

  JdbcLinks(Sql sql) {
    this.sql = sql;
    this.links = sql.table("links");
    this.linkJoins = sql.table("linkJoins");
  }

  private static final String LINK_COLUMNS = "id, account_id, token, created_by, created_at, expires_at, use_limit, "
      + "uses, active";

  private static StoredLink link(ResultSet r) throws SQLException {
    return new StoredLink(new LinkId(requiredUuid(r, "id")), new AccountId(requiredUuid(r, "account_id")),
        r.getString("token"), new UserId(requiredUuid(r, "created_by")), instant(r, "created_at"),
        instant(r, "expires_at"), nullableInt(r, "use_limit"), r.getInt("uses"), r.getBoolean("active"));
  }

  @Override
  public void insert(StoredLink l) {
    Objects.requireNonNull(l, "link");
    sql.update("links.insert", "INSERT INTO " + links + " (" + LINK_COLUMNS + ", token_digest) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        b -> b.uuid(l.id().value()).uuid(l.accountId().value()).text(l.token()).uuid(l.createdBy().value())
            .time(l.createdAt()).time(l.expiresAt()).integer(l.useLimit()).integer(l.uses()).bool(l.active())
            .text(l.tokenDigest().hex()));
  }

  @Override
  public Optional<StoredLink> findByToken(TokenDigest digest) {
    Objects.requireNonNull(digest, "digest");
    return sql.one("links.findByToken", "SELECT " + LINK_COLUMNS + " FROM " + links + " WHERE token_digest = ?",
        b -> b.text(digest.hex()), JdbcLinks::link);
  }

  @Override
  public Optional<StoredLink> findActive(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return sql.one("links.findActive", "SELECT " + LINK_COLUMNS + " FROM " + links + " WHERE account_id = ? AND active",
        b -> b.uuid(accountId.value()), JdbcLinks::link);
  }

  @Override
  public Optional<StoredLink> find(LinkId id) {
    Objects.requireNonNull(id, "id");
    return sql.one("links.find", "SELECT " + LINK_COLUMNS + " FROM " + links + " WHERE id = ?",
        b -> b.uuid(id.value()), JdbcLinks::link);
  }

  @Override
  public void deactivate(LinkId id) {
    Objects.requireNonNull(id, "id");
    int changed = sql.update("links.deactivate", "UPDATE " + links + " SET active = FALSE WHERE id = ?",
        b -> b.uuid(id.value()));
    if (changed == 0) {
      throw new IllegalStateException("no link " + id + " to deactivate");
    }
  }

  @Override
  public boolean tryUse(LinkId id, Instant now) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(now, "now");
    // One statement: the row lock serializes concurrent uses, and each re-checks the limit on the row as
    // the previous use left it, so of N racers on K uses left exactly K succeed (L3).
    return sql.update("links.tryUse", "UPDATE " + links + " SET uses = uses + 1 WHERE id = ? AND active "
        + "AND expires_at > ? AND (use_limit IS NULL OR uses < use_limit)", b -> b.uuid(id.value()).time(now)) == 1;
  }

  @Override
  public void updateLimits(LinkId id, Instant expiresAt, @Nullable Integer useLimit) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expiresAt, "expiresAt");
    sql.update("links.updateLimits", "UPDATE " + links + " SET expires_at = ?, use_limit = ? WHERE id = ?",
        b -> b.time(expiresAt).integer(useLimit).uuid(id.value()));
  }

  @Override
  public void recordJoin(LinkJoin join) {
    Objects.requireNonNull(join, "join");
    Objects.requireNonNull(join.linkId(), "join.linkId");
    Objects.requireNonNull(join.userId(), "join.userId");
    Objects.requireNonNull(join.joinedAt(), "join.joinedAt");
    sql.update("links.recordJoin", "INSERT INTO " + linkJoins + " (link_id, user_id, joined_at) VALUES (?, ?, ?)",
        b -> b.uuid(join.linkId().value()).uuid(join.userId().value()).time(join.joinedAt()));
  }

  @Override
  public List<LinkJoin> joins(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return sql.query("links.joins", "SELECT j.link_id, j.user_id, j.joined_at FROM " + linkJoins + " j JOIN " + links
        + " l ON l.id = j.link_id WHERE l.account_id = ? ORDER BY j.joined_at, j.seq", b -> b.uuid(accountId.value()),
        r -> new LinkJoin(new LinkId(requiredUuid(r, "link_id")), new UserId(requiredUuid(r, "user_id")),
            instant(r, "joined_at")));
  }
}
