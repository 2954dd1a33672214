package dev.invitekit.store.jdbc;

import static dev.invitekit.store.jdbc.Sql.*;

import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.FounderSignup;
import dev.invitekit.spi.store.FounderSignupStore;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** founder sign-ups (A3, U1): the FounderSignupStore of one {@link JdbcTransaction}. */
final class JdbcFounderSignups implements FounderSignupStore {

  private final Sql sql;
  private final String accounts;
  private final String memberships;
  private final String founderSignups;

  JdbcFounderSignups(Sql sql) {
    this.sql = sql;
    this.accounts = sql.table("accounts");
    this.memberships = sql.table("memberships");
    this.founderSignups = sql.table("founderSignups");
  }

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
  public void insert(FounderSignup signup) {
    Objects.requireNonNull(signup, "signup");
    User u = signup.founder().user();
    sql.update("founderSignups.insert", "INSERT INTO " + founderSignups + " (" + FOUNDER_COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        b -> b.text(signup.tokenDigest().hex()).uuid(signup.accountId().value()).uuid(u.id().value())
            .text(u.email().toString()).text(u.firstName()).text(u.lastName()).text(signup.founder().passwordHash().phc())
            .time(u.ageVerifiedAt()).time(u.createdAt()).time(signup.expiresAt()).time(signup.confirmedAt()));
  }

  @Override
  public Optional<FounderSignup> findByToken(TokenDigest digest) {
    Objects.requireNonNull(digest, "digest");
    return sql.one("founderSignups.findByToken", "SELECT " + FOUNDER_COLUMNS + " FROM " + founderSignups + " WHERE token_digest = ?",
        b -> b.text(digest.hex()), JdbcFounderSignups::founderSignup);
  }

  @Override
  public Optional<FounderSignup> latestOpen(EmailAddress email, Instant now) {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(now, "now");
    return sql.one("founderSignups.latestOpen", "SELECT " + FOUNDER_COLUMNS + " FROM " + founderSignups
        + " WHERE email = ? AND confirmed_at IS NULL AND expires_at > ? ORDER BY expires_at DESC, seq DESC LIMIT 1",
        b -> b.text(email.toString()).time(now), JdbcFounderSignups::founderSignup);
  }

  @Override
  public boolean confirm(TokenDigest digest, Instant now) {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(now, "now");
    // One conditional update: of concurrent confirmations the row lock lets one through, and the others
    // re-read the condition and change nothing.
    return sql.update("founderSignups.confirm", "UPDATE " + founderSignups + " SET confirmed_at = ? "
        + "WHERE token_digest = ? AND confirmed_at IS NULL AND expires_at > ?",
        b -> b.time(now).text(digest.hex()).time(now)) == 1;
  }

  @Override
  public int deleteExpired(Instant before) {
    Objects.requireNonNull(before, "before");
    sql.update("founderSignups.deleteExpired", "DELETE FROM " + accounts + " WHERE id IN (SELECT account_id FROM "
        + founderSignups + " WHERE confirmed_at IS NULL AND expires_at <= ?) AND NOT EXISTS (SELECT 1 FROM "
        + memberships + " m WHERE m.account_id = " + accounts + ".id)", b -> b.time(before));
    return sql.update("founderSignups.deleteExpired", "DELETE FROM " + founderSignups
        + " WHERE confirmed_at IS NULL AND expires_at <= ?", b -> b.time(before));
  }
}
