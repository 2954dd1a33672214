package dev.invitekit.store.jdbc;

import static dev.invitekit.store.jdbc.Sql.*;

import dev.invitekit.id.AccountId;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.SeatClaim;
import dev.invitekit.spi.store.SeatStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** licenses (P1–P4): the SeatStore of one {@link JdbcTransaction}. */
final class JdbcSeats implements SeatStore {

  private final Sql sql;
  private final String accounts;
  private final String assignments;

  JdbcSeats(Sql sql) {
    this.sql = sql;
    this.accounts = sql.table("accounts");
    this.assignments = sql.table("assignments");
  }

  private static LicenseAssignment assignment(ResultSet r) throws SQLException {
    return new LicenseAssignment(new AccountId(requiredUuid(r, "account_id")), new UserId(requiredUuid(r, "user_id")),
        License.valueOf(r.getString("license")), new UserId(requiredUuid(r, "assigned_by")),
        instant(r, "assigned_at"));
  }

  @Override
  public SeatClaim tryAssign(LicenseAssignment a, int seats) {
    Objects.requireNonNull(a, "assignment");
    if (seats < 0) {
      throw new IllegalArgumentException("seats must not be negative, was " + seats);
    }
    // The account row is the seat pool's lock: claims in one account queue here, on one node or many, so
    // the count below sees every committed claim and no other is in flight (P2).
    sql.query("seats.tryAssign", "SELECT id FROM " + accounts + " WHERE id = ? FOR UPDATE",
        b -> b.uuid(a.accountId().value()), r -> Boolean.TRUE);
    long[] taken = sql.query("seats.tryAssign", "SELECT COUNT(*) AS taken, "
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
    boolean inserted = sql.insertUnlessPresent("seats.tryAssign", "INSERT INTO " + assignments
        + " (account_id, user_id, license, assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?)",
        "(account_id, license, user_id)",
        b -> b.uuid(a.accountId().value()).uuid(a.userId().value()).text(a.license().name())
            .uuid(a.assignedBy().value()).time(a.assignedAt()));
    return inserted ? SeatClaim.ASSIGNED : SeatClaim.ALREADY_ASSIGNED;
  }

  @Override
  public Optional<LicenseAssignment> remove(AccountId accountId, UserId userId, License license) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(license, "license");
    Optional<LicenseAssignment> held = sql.one("seats.remove", "SELECT account_id, user_id, license, assigned_by, "
        + "assigned_at FROM " + assignments + " WHERE account_id = ? AND license = ? AND user_id = ? FOR UPDATE",
        b -> b.uuid(accountId.value()).text(license.name()).uuid(userId.value()), JdbcSeats::assignment);
    if (held.isPresent()) {
      sql.update("seats.remove", "DELETE FROM " + assignments + " WHERE account_id = ? AND license = ? AND user_id = ?",
          b -> b.uuid(accountId.value()).text(license.name()).uuid(userId.value()));
    }
    return held;
  }

  @Override
  public List<LicenseAssignment> ofAccount(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return sql.query("seats.ofAccount", "SELECT account_id, user_id, license, assigned_by, assigned_at FROM " + assignments
        + " WHERE account_id = ? ORDER BY assigned_at, seq", b -> b.uuid(accountId.value()), JdbcSeats::assignment);
  }
}
