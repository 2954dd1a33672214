package dev.invitekit.store.jdbc;

import static dev.invitekit.store.jdbc.Sql.*;

import dev.invitekit.id.AccountId;
import dev.invitekit.id.InvitationId;
import dev.invitekit.spi.store.Outbox;
import dev.invitekit.spi.store.OutboxCompletion;
import dev.invitekit.spi.store.OutboxEntry.Status;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.TokenDigest;
import dev.invitekit.store.jdbc.Sql.Binder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** mail outbox (SPEC §5): the Outbox of one {@link JdbcTransaction}. */
final class JdbcOutbox implements Outbox {

  private final Sql sql;
  private final String outbox;

  JdbcOutbox(Sql sql) {
    this.sql = sql;
    this.outbox = sql.table("outbox");
  }

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

  private static final String INSERT_VALUES = ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  @Override
  public void insert(OutboxEntry e) {
    Objects.requireNonNull(e, "entry");
    sql.update("outbox.insert", "INSERT INTO " + outbox + " (" + OUTBOX_COLUMNS + INSERT_VALUES, values(e));
  }

  /** One JDBC batch of the inserts of {@link #insert}. */
  @Override
  public void insertAll(List<OutboxEntry> entries) {
    Objects.requireNonNull(entries, "entries");
    List<OutboxEntry> rows = List.copyOf(entries);
    if (rows.isEmpty()) {
      return;
    }
    sql.batchTolerating("outbox.insertAll", "INSERT INTO " + outbox + " (" + OUTBOX_COLUMNS + INSERT_VALUES,
        rows.size(), (n, b) -> values(Objects.requireNonNull(rows.get(n), "entry")).bind(b), null);
  }

  private static Binder values(OutboxEntry e) {
    return b -> b.text(e.id()).uuid(e.accountId() == null ? null : e.accountId().value())
            .uuid(e.invitationId() == null ? null : e.invitationId().value())
            .text(e.tokenDigest() == null ? null : e.tokenDigest().hex()).text(e.payload()).text(e.status().name())
            .integer(e.attempts()).time(e.createdAt()).time(e.nextAttemptAt()).time(e.claimedUntil())
            .text(e.lastError()).text(e.recipient() == null ? null : e.recipient().toString());
  }

  @Override
  public Optional<OutboxEntry> find(String id) {
    Objects.requireNonNull(id, "id");
    return sql.one("outbox.find", "SELECT " + OUTBOX_COLUMNS + " FROM " + outbox + " WHERE id = ?", b -> b.text(id),
        JdbcOutbox::outboxEntry);
  }

  /** One query: {@code WHERE id IN (…)}; on PostgreSQL one index probe per id ({@link Sql#eachOf}). */
  @Override
  public Map<String, OutboxEntry> findAll(Collection<String> ids) {
    Objects.requireNonNull(ids, "ids");
    List<String> distinct = ids.stream().map(id -> Objects.requireNonNull(id, "id")).distinct().toList();
    if (distinct.isEmpty()) {
      return Map.of();
    }
    Map<String, OutboxEntry> byId = new LinkedHashMap<>();
    String query = sql.dialect == Dialect.POSTGRESQL ? eachOf(OUTBOX_COLUMNS, outbox, "id", "varchar", "")
        : "SELECT " + OUTBOX_COLUMNS + " FROM " + outbox + " WHERE id IN (" + placeholders(distinct.size()) + ")";
    for (OutboxEntry found : sql.query("outbox.findAll", query, b -> {
          if (sql.dialect == Dialect.POSTGRESQL) {
            b.array("varchar", distinct.toArray());
            return;
          }
          for (String id : distinct) {
            b.text(id);
          }
        }, JdbcOutbox::outboxEntry)) {
      byId.put(found.id(), found);
    }
    return byId;
  }

  @Override
  public List<OutboxEntry> claim(Instant now, Instant leaseUntil, int limit) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    requireLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    String due = "status = 'PENDING' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)";
    if (sql.dialect == Dialect.POSTGRESQL) {
      // SKIP LOCKED: a dispatcher on another node passes over the rows this one is claiming, instead of
      // waiting for them and then finding them taken.
      List<Claimed> claimed = sql.query("outbox.claim", "UPDATE " + outbox + " SET claimed_until = ? WHERE id IN ("
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
      List<OutboxEntry> candidates = sql.query("outbox.claim", "SELECT " + OUTBOX_COLUMNS + " FROM " + outbox + " WHERE "
          + due + " ORDER BY next_attempt_at, seq LIMIT ?", b -> b.time(now).time(now).integer(wanted),
          JdbcOutbox::outboxEntry).stream().filter(c -> !tried.contains(c.id())).toList();
      if (candidates.isEmpty()) {
        break;
      }
      for (OutboxEntry candidate : candidates) {
        tried.add(candidate.id());
        int changed = sql.update("outbox.claim", "UPDATE " + outbox + " SET claimed_until = ? WHERE id = ? AND " + due,
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
  public boolean reschedule(String id, int attempts, Instant nextAttemptAt, String lastError) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(lastError, "lastError");
    return sql.update("outbox.reschedule", "UPDATE " + outbox + " SET attempts = ?, next_attempt_at = ?, last_error = ?, "
        + "claimed_until = NULL WHERE id = ? AND status = 'PENDING'",
        b -> b.integer(attempts).time(nextAttemptAt).text(lastError).text(id)) == 1;
  }

  @Override
  public boolean complete(String id, Status status, int attempts, @Nullable String lastError) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    if (status == Status.PENDING) {
      throw new IllegalArgumentException("an outbox entry is completed as SENT or GAVE_UP, not PENDING");
    }
    // The payload may hold a link with a token: once the entry is final it is erased.
    return sql.update("outbox.complete", "UPDATE " + outbox + " SET status = ?, attempts = ?, last_error = ?, "
        + "claimed_until = NULL, payload = '' WHERE id = ? AND status = 'PENDING'",
        b -> b.text(status.name()).integer(attempts).text(lastError).text(id)) == 1;
  }

  /** One JDBC batch of the conditional updates of {@link #complete}; the row counts are the answers. */
  @Override
  public List<CompleteOutcome> completeAll(List<OutboxCompletion> completions) {
    Objects.requireNonNull(completions, "completions");
    List<OutboxCompletion> steps = List.copyOf(completions);
    if (steps.isEmpty()) {
      return List.of();
    }
    if (sql.alikeRound(steps, OutboxCompletion::id, c -> Arrays.asList(c.status(), c.attempts(), c.lastError()))) {
      return completeAtOnce(steps, steps.get(0));
    }
    // The payload may hold a link with a token: once the entry is final it is erased.
    int[] counts = sql.batch("outbox.completeAll", "UPDATE " + outbox + " SET status = ?, attempts = ?, last_error = ?, "
        + "claimed_until = NULL, payload = '' WHERE id = ? AND status = 'PENDING'", steps.size(), (n, b) -> {
          OutboxCompletion c = steps.get(n);
          b.text(c.status().name()).integer(c.attempts()).text(c.lastError()).text(c.id());
        });
    List<CompleteOutcome> completed = new ArrayList<>(counts.length);
    for (int count : counts) {
      completed.add(count == 1 ? CompleteOutcome.COMPLETED : CompleteOutcome.NOT_PENDING);
    }
    return completed;
  }

  /**
   * {@link #completeAll} for distinct entries all completed alike, as one delivery attempt after an invite
   * completes them, on H2 ({@link Sql#alikeRound}): one statement for them all, which answers the ids it
   * completed (a data change delta table), where a batch runs one update per entry. The database applies each
   * row's condition as the batch would, so the rows it changes are the same; only the answer per entry is read
   * from the ids instead of the row counts.
   */
  private List<CompleteOutcome> completeAtOnce(List<OutboxCompletion> steps, OutboxCompletion values) {
    List<String> ids = steps.stream().map(OutboxCompletion::id).toList();
    Set<String> done = new HashSet<>(sql.query("outbox.completeAll", "SELECT id FROM FINAL TABLE (UPDATE " + outbox
        + " SET status = ?, attempts = ?, last_error = ?, claimed_until = NULL, payload = '' WHERE status = 'PENDING'"
        + " AND id IN (" + placeholders(ids.size()) + "))", b -> {
          b.text(values.status().name()).integer(values.attempts()).text(values.lastError());
          for (String id : ids) {
            b.text(id);
          }
        }, r -> r.getString(1)));
    return ids.stream().map(id -> done.contains(id) ? CompleteOutcome.COMPLETED : CompleteOutcome.NOT_PENDING)
        .toList();
  }

  @Override
  public List<OutboxEntry> inStatus(Status status, int limit) {
    Objects.requireNonNull(status, "status");
    requireLimit(limit);
    return sql.query("outbox.list", "SELECT " + OUTBOX_COLUMNS + " FROM " + outbox
        + " WHERE status = ? ORDER BY created_at, seq LIMIT ?", b -> b.text(status.name()).integer(limit),
        JdbcOutbox::outboxEntry);
  }

  @Override
  public List<OutboxEntry> ofAccount(AccountId accountId, Status status, int limit) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(status, "status");
    requireLimit(limit);
    return sql.query("outbox.list", "SELECT " + OUTBOX_COLUMNS + " FROM " + outbox
        + " WHERE account_id = ? AND status = ? ORDER BY created_at, seq LIMIT ?",
        b -> b.uuid(accountId.value()).text(status.name()).integer(limit), JdbcOutbox::outboxEntry);
  }
}
