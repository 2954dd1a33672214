package dev.invitekit.store.jdbc;

import static dev.invitekit.store.jdbc.Sql.*;

import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.IdempotencyRecord;
import dev.invitekit.spi.store.IdempotencyStore;
import java.util.Objects;
import java.util.Optional;

/** idempotency (I10): the IdempotencyStore of one {@link JdbcTransaction}. */
final class JdbcIdempotency implements IdempotencyStore {

  private final Sql sql;
  private final String idempotency;

  JdbcIdempotency(Sql sql) {
    this.sql = sql;
    this.idempotency = sql.table("idempotency");
  }

  @Override
  public Optional<IdempotencyRecord> find(AccountId accountId, UserId inviterId, String key) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(inviterId, "inviterId");
    Objects.requireNonNull(key, "key");
    return sql.one("idempotency.find", "SELECT request_fingerprint, result_json, created_at FROM " + idempotency
        + " WHERE account_id = ? AND inviter_id = ? AND idem_key = ?",
        b -> b.uuid(accountId.value()).uuid(inviterId.value()).text(key),
        r -> new IdempotencyRecord(accountId, inviterId, key, r.getString("request_fingerprint"),
            r.getString("result_json"), instant(r, "created_at")));
  }

  @Override
  public boolean insert(IdempotencyRecord r) {
    Objects.requireNonNull(r, "record");
    return sql.insertUnlessPresent("idempotency.insert", "INSERT INTO " + idempotency
        + " (account_id, inviter_id, idem_key, request_fingerprint, result_json, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        "(account_id, inviter_id, idem_key)",
        b -> b.uuid(r.accountId().value()).uuid(r.inviterId().value()).text(r.key()).text(r.requestFingerprint())
            .text(r.resultJson()).time(r.createdAt()));
  }
}
