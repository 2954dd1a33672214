package dev.invitekit.store.jdbc;

import dev.invitekit.error.StoreException;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.member.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The JDBC plumbing the role classes of one {@link JdbcTransaction} share: its connection, its dialect,
 * the prefixed table names, and statements run at once, one round trip each ({@link #update},
 * {@link #query}) or one JDBC batch for a bulk method ({@link #batch}). Nothing is queued: every method
 * has sent its statement when it returns. Every SQL failure comes back as a {@link StoreException} naming
 * the operation; its message never holds a bound value.
 */
final class Sql {

  final Connection connection;
  final Dialect dialect;
  private final String prefix;
  private final Thread owner = Thread.currentThread();
  private boolean ended;

  Sql(Connection connection, Dialect dialect, String prefix) {
    this.connection = connection;
    this.dialect = dialect;
    this.prefix = prefix;
  }

  private static final Map<String, String> TABLES = Map.ofEntries(
      Map.entry("accounts", "accounts"), Map.entry("users", "users"), Map.entry("memberships", "memberships"),
      Map.entry("invitations", "invitations"), Map.entry("links", "links"), Map.entry("linkJoins", "link_joins"),
      Map.entry("assignments", "license_assignments"), Map.entry("idempotency", "idempotency_records"),
      Map.entry("supersededTokens", "superseded_tokens"), Map.entry("outbox", "outbox"),
      Map.entry("counters", "counters"), Map.entry("founderSignups", "founder_signups"));

  /** The prefixed name of a table, by the name the role classes give it. */
  String table(String name) {
    return prefix + Objects.requireNonNull(TABLES.get(name), name);
  }

  void end() {
    ended = true;
  }

  void checkUsable() {
    if (ended) {
      throw new IllegalStateException(
          "this StoreTransaction's unit of work has ended; use the one passed to the current inTransaction");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "a StoreTransaction belongs to the thread running its unit of work; it was used from another thread");
    }
  }

  @FunctionalInterface
  interface Binder {
    void bind(Binding b) throws SQLException;
  }

  @FunctionalInterface
  interface BatchBinder {
    void bind(int index, Binding b) throws SQLException;
  }

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** Binds parameters in order, converting domain values to their column forms. */
  static final class Binding {
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

    /** An SQL array of {@code sqlType} ({@code "varchar"}, {@code "uuid"}), for {@link Sql#eachOf}. */
    Binding array(String sqlType, Object[] values) throws SQLException {
      statement.setArray(++index, statement.getConnection().createArrayOf(sqlType, values));
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

  StoreException failed(String operation, SQLException e) {
    return new StoreException("JDBC store: " + operation + " failed: SQLState " + e.getSQLState(), e);
  }

  /** One statement, one round trip; returns its row count. */
  int update(String operation, String sql, Binder binder) {
    checkUsable();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(new Binding(statement));
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw failed(operation, e);
    }
  }

  /** One query, one round trip; returns its rows, mapped. */
  <T> List<T> query(String operation, String sql, Binder binder, RowMapper<T> mapper) {
    checkUsable();
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

  <T> Optional<T> one(String operation, String sql, Binder binder, RowMapper<T> mapper) {
    List<T> found = query(operation, sql, binder, mapper);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /**
   * One statement with one binding per item, sent as one JDBC batch (one round trip); returns its row
   * counts, one per item, which must be known. Only the bulk methods of the role interfaces use it.
   */
  int[] batch(String operation, String sql, int size, BatchBinder binder) {
    checkUsable();
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

  /**
   * {@link #batch}, except that on H2 items refused with {@code sqlState} (a duplicate key, say; null: none)
   * count as 0
   * rows instead of failing the batch: H2 runs every item of a batch and reports the refused ones at the
   * end, each as its own statement rolled back. PostgreSQL statements say {@code ON CONFLICT} instead.
   * Counts may be {@link java.sql.Statement#SUCCESS_NO_INFO} where a driver rewrites the batch.
   */
  int[] batchTolerating(String operation, String sql, int size, BatchBinder binder, @Nullable String sqlState) {
    checkUsable();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < size; i++) {
        binder.bind(i, new Binding(statement));
        statement.addBatch();
      }
      try {
        return statement.executeBatch();
      } catch (java.sql.BatchUpdateException e) {
        int[] counts = e.getUpdateCounts();
        boolean onlyTolerated = sqlState != null && dialect == Dialect.H2 && counts != null && counts.length == size;
        for (SQLException next = e; onlyTolerated && next != null; next = next.getNextException()) {
          onlyTolerated = next.getSQLState() != null && next.getSQLState().equals(sqlState);
        }
        if (!onlyTolerated) {
          throw e;
        }
        int[] tolerated = counts.clone();
        for (int i = 0; i < tolerated.length; i++) {
          if (tolerated[i] == java.sql.Statement.EXECUTE_FAILED) {
            tolerated[i] = 0;
          }
        }
        return tolerated;
      }
    } catch (SQLException e) {
      throw failed(operation, e);
    }
  }

  /**
   * Inserts unless a unique constraint says the row is there: {@code ON CONFLICT … DO NOTHING} on
   * PostgreSQL; on H2 a savepoint, rolled back to on a duplicate key, so the transaction goes on.
   */
  boolean insertUnlessPresent(String operation, String insertSql, String conflictTarget, Binder binder) {
    if (dialect == Dialect.POSTGRESQL) {
      return update(operation, insertSql + " ON CONFLICT " + conflictTarget + " DO NOTHING", binder) == 1;
    }
    checkUsable();
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

  // ---- column conversions

  static Instant instant(ResultSet row, String column) throws SQLException {
    return row.getObject(column, OffsetDateTime.class).toInstant();
  }

  static @Nullable Instant nullableInstant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static @Nullable UUID uuid(ResultSet row, String column) throws SQLException {
    return row.getObject(column, UUID.class);
  }

  static UUID requiredUuid(ResultSet row, String column) throws SQLException {
    return Objects.requireNonNull(row.getObject(column, UUID.class), column);
  }

  /**
   * The UUID in column {@code column} (by position), or {@code null}, for the reads that convert a column on
   * every row of a large answer. {@code getObject(i)} already answers a {@code UUID} for a uuid column on both
   * H2 and pgjdbc; H2's {@code getObject(i, UUID.class)} first compares the class with a dozen others. Any
   * other value is converted as {@code getObject(i, UUID.class)} converts it.
   */
  static @Nullable UUID uuidAt(ResultSet row, int column) throws SQLException {
    Object value = row.getObject(column);
    return value == null || value instanceof UUID ? (UUID) value : row.getObject(column, UUID.class);
  }

  /**
   * The role stored as its name: compared with the three names rather than looked up by
   * {@link Role#valueOf}, which hashes each row's new string and probes a map. Anything else fails as
   * {@code valueOf} does.
   */
  static Role role(String stored) {
    if (stored.equals("COWORKER")) {
      return Role.COWORKER;
    } else if (stored.equals("GUEST")) {
      return Role.GUEST;
    } else if (stored.equals("ADMIN")) {
      return Role.ADMIN;
    }
    return Role.valueOf(stored);
  }

  static @Nullable Integer nullableInt(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  static EmailAddress email(String stored) {
    int at = stored.lastIndexOf('@');
    return new EmailAddress(stored.substring(0, at), stored.substring(at + 1));
  }

  /**
   * The parts in one column, comma-separated, each with {@code %} and {@code ,} percent-escaped, so that
   * {@link #split} reads back exactly what was written whatever a part holds (A2: a list entry with a comma
   * was once read back as two entries). Values written before escaping hold neither and read back the same.
   */
  static String joined(Collection<String> parts) {
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(part.replace("%", "%25").replace(",", "%2C"));
    }
    return out.toString();
  }

  static List<String> split(String joined) {
    if (joined.isEmpty()) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    for (String part : joined.split(",", -1)) {
      parts.add(part.replace("%2C", ",").replace("%25", "%"));
    }
    return parts;
  }

  /**
   * PostgreSQL: the rows of {@code table} whose {@code column} equals one of the values of an array
   * parameter of {@code sqlType} (bound first, with {@link Binding#array}), and that meet {@code more}
   * ({@code " AND …"}, its parameters bound after the array). Each value is one probe of the index on
   * {@code column}: a lateral subquery per value, fenced with {@code OFFSET 0} so the planner cannot turn it
   * into a scan. With {@code column IN (?, …)} instead, the plan PostgreSQL caches for a prepared statement
   * (pgjdbc prepares it on the server from its fifth use) is chosen from the table's size then and from
   * average selectivities: on a table that grew since, or for a large account among many small ones, it
   * read every row of the account or of the table (a 20-address invite on a table of 10,000 invitations
   * spent 15 ms of server CPU on it). One array parameter also makes one statement of any number of values.
   * {@code more} should name nothing another index leads with: the generic plan may then probe that index
   * instead and filter by {@code column} (a condition on the account inside the probe made the open
   * invitations by address read the whole account each time); test such columns on {@code t} after it.
   */
  static String eachOf(String columns, String table, String column, String sqlType, String more) {
    return "SELECT t.* FROM unnest(CAST(? AS " + sqlType + "[])) AS k(v) CROSS JOIN LATERAL (SELECT " + columns
        + " FROM " + table + " WHERE " + column + " = k.v" + more + " OFFSET 0) t";
  }

  /**
   * At most this many steps of a bulk method go in one set-based statement ({@link #alikeRound}); a longer
   * list, as a dispatcher's sweep may hand over, is one JDBC batch.
   */
  static final int AT_ONCE = 100;

  /**
   * Whether a bulk method's steps go as one set-based statement that answers the ids it changed: on H2 only,
   * for at least two and at most {@link #AT_ONCE} steps, on distinct rows ({@code id}), all setting the same
   * values ({@code values}, compared with {@code equals}; null allowed), as one delivery round's completions
   * and records are. Otherwise the steps go as one batch, whose row counts answer each step in order.
   *
   * <p>H2 runs in the process, so what a batch costs there is its statements, one per step: the set-based one
   * finds its rows through the primary key's {@code IN} list. PostgreSQL gets the whole batch in one round trip
   * already, and there each step's update finds its row by primary key whatever the planner knows, where a
   * set-based update joined to the ids is planned from the table's statistics: on a young table (no
   * {@code ANALYZE} yet, as after a deployment or in the bench) it read every invitation, 2.8 ms for an invite
   * of 20 whose batch takes about 0.6 ms (issue 12, benchmark 2).
   */
  <T> boolean alikeRound(List<T> steps, Function<T, ?> id, Function<T, List<?>> values) {
    if (dialect != Dialect.H2 || steps.size() < 2 || steps.size() > AT_ONCE) {
      return false;
    }
    List<?> first = values.apply(steps.get(0));
    Set<Object> ids = new HashSet<>();
    for (T step : steps) {
      if (!ids.add(id.apply(step)) || !first.equals(values.apply(step))) {
        return false;
      }
    }
    return true;
  }

  /** {@code ?, ?, …}: one placeholder per value, for {@code IN (…)}. */
  static String placeholders(int count) {
    return "?" + ", ?".repeat(count - 1);
  }

  static int requireLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    return limit;
  }
}
