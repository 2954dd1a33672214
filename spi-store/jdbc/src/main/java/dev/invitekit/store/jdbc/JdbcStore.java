package dev.invitekit.store.jdbc;

import dev.invitekit.error.StoreException;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoreTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Store}: plain JDBC over any {@link DataSource}, for PostgreSQL 15+ and H2 2.x
 * (SPEC §4). Build it once and share it; it is immutable and thread-safe:
 *
 * <!-- snippet: ApiDocs#jdbc-store -->
 * <pre>{@code
 * JdbcStore store = JdbcStore.builder(dataSource).tablePrefix("invitekit_").build();
 * store.migrate();   // or let the application's Flyway apply db/migration/postgresql
 * }</pre>
 *
 * <p>Each unit of work is one database transaction at the connection's isolation level ({@code READ
 * COMMITTED}, the default of both databases, is all it needs): autocommit off, commit when the work
 * returns, rollback when it throws. The atomic steps do not rely on the isolation level but on the
 * database's own guarantees, so they hold across nodes: accept-once is {@code UPDATE … WHERE state = ?}
 * and its row count (I5); one open invitation per account and address is a unique index (I7); a link use
 * is {@code UPDATE … SET uses = uses + 1 WHERE … uses < use_limit} (L3); a seat claim locks the account row
 * before counting (P2); {@code accounts().lock} is a no-op {@code UPDATE} of the account row, so role changes,
 * removals, license assignments and link changes of one account run one after another on every node (U2,
 * P2, L1); counters are a conditional upsert, their rows taken in key order (A2); outbox claims skip rows
 * another node holds (SPEC §5). A serialization failure or deadlock (SQLState {@code 40001}, {@code 40P01}) rolls the work
 * back and runs it again, a bounded number of times; any other {@link SQLException} comes back as a
 * {@link StoreException} naming the operation.
 *
 * <p>Every statement is sent when its method is called; nothing is queued. The bulk methods of the role
 * interfaces ({@code insertAll}, {@code recordDeliveries}, {@code completeAll}, {@code tryIncrementAll},
 * {@code decrementAll}) send one JDBC batch and read each item's outcome from its row count.
 */
public final class JdbcStore implements Store {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String tablePrefix;
  private final int maxAttempts;
  private final ThreadLocal<@Nullable JdbcTransaction> running = new ThreadLocal<>();

  private JdbcStore(Builder builder, Dialect dialect) {
    this.dataSource = builder.dataSource;
    this.dialect = dialect;
    this.tablePrefix = builder.tablePrefix;
    this.maxAttempts = builder.maxAttempts;
  }

  /** A builder for a store over {@code dataSource}; the pool and the driver are the application's. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
  }

  /** The dialect, given or detected. */
  public Dialect dialect() {
    return dialect;
  }

  /** The table prefix ({@code invitekit_} by default). */
  public String tablePrefix() {
    return tablePrefix;
  }

  /**
   * Applies the schema migrations this store needs, unless already applied; see {@link Migrations}.
   *
   * @return the versions applied now
   */
  public List<Integer> migrate() {
    return Migrations.apply(dataSource, dialect, tablePrefix);
  }

  /**
   * Runs {@code work} as one database transaction (SPEC §4, §5): committed when it returns, rolled back
   * when it throws (the same exception is rethrown; SQL failures as {@link StoreException}). After a
   * serialization failure or a deadlock the work runs again, up to the configured attempts; then the
   * caller gets a {@link StoreException} and nothing was recorded. A failure of the commit itself may come
   * after the database committed: Invitekit's caller then gets a
   * {@link dev.invitekit.error.StoreOutcomeUnknownException}.
   *
   * @throws IllegalStateException when called from inside a unit of work of this store on the same thread
   */
  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    Objects.requireNonNull(work, "work");
    if (running.get() != null) {
      throw new IllegalStateException("units of work do not nest: inTransaction was called from inside a "
          + "unit of work on the same thread; use the StoreTransaction you were given instead");
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (StoreException failure) {
        if (attempt >= maxAttempts || !isRetryable(failure)) {
          throw failure;
        }
        LOG.debug("JDBC store: unit of work conflicted (attempt {} of {}), running it again", attempt, maxAttempts);
        backOff(attempt);
      }
    }
  }

  private <T> T once(Function<StoreTransaction, T> work) {
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw new StoreException("JDBC store: getting a connection failed: SQLState " + e.getSQLState(), e);
    }
    try (connection) {
      JdbcTransaction transaction;
      try {
        // The isolation level is the connection's: READ COMMITTED by default on PostgreSQL and H2, which
        // is all the atomic steps need; asking the driver for it would cost PostgreSQL a round trip per
        // unit of work. A pool configured for a stronger level works too (conflicts are retried).
        connection.setAutoCommit(false);
        transaction = new JdbcTransaction(connection, dialect, tablePrefix);
      } catch (SQLException e) {
        throw new StoreException("JDBC store: starting a transaction failed: SQLState " + e.getSQLState(), e);
      }
      running.set(transaction);
      try {
        T result = work.apply(transaction);
        try {
          connection.commit();
        } catch (SQLException e) {
          throw new StoreException("JDBC store: commit failed: SQLState " + e.getSQLState(), e);
        }
        return result;
      } catch (RuntimeException | Error failure) {
        try {
          connection.rollback();
        } catch (SQLException e) {
          failure.addSuppressed(e);
        }
        throw failure;
      } finally {
        transaction.end();
        running.remove();
      }
    } catch (SQLException closing) {
      // Closing returns the connection to the pool; the transaction already ended.
      throw new StoreException("JDBC store: closing a connection failed: SQLState " + closing.getSQLState(), closing);
    }
  }

  /** PostgreSQL's serialization failure and deadlock, and H2's equivalents. */
  static boolean isRetryable(StoreException failure) {
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
          String state = e.getSQLState();
          if ("40001".equals(state) || "40P01".equals(state)
              // H2: deadlock, and "concurrent update" of a row another transaction changed
              || e.getErrorCode() == 40001 || e.getErrorCode() == 90131) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt + 2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("JDBC store: interrupted while waiting to run a conflicted unit of work again", e);
    }
  }

  /** {@code "jdbc:postgresql"} or {@code "jdbc:h2"}. */
  @Override
  public String name() {
    return "jdbc:" + dialect.migrationFolder();
  }

  /** Names the store and its dialect; says nothing of its contents or credentials. */
  @Override
  public String toString() {
    return "JdbcStore[" + dialect + ", tablePrefix=" + tablePrefix + "]";
  }

  /** Configures a {@link JdbcStore}; every setting is checked at once, with a message that names it. */
  public static final class Builder {
    private final DataSource dataSource;
    private @Nullable Dialect dialect;
    private String tablePrefix = "invitekit_";
    private int maxAttempts = 5;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /** The SQL dialect; detected from the connection's metadata when not given. */
    public Builder dialect(Dialect value) {
      this.dialect = Objects.requireNonNull(value, "dialect");
      return this;
    }

    /**
     * The prefix of every table and index name (default {@code invitekit_}): empty, or a lower-case letter
     * followed by at most 29 lower-case letters, digits or underscores.
     */
    public Builder tablePrefix(String value) {
      this.tablePrefix = Migrations.requirePrefix(value);
      return this;
    }

    /**
     * How many times a unit of work runs at most when the database reports a serialization failure or a
     * deadlock (default 5, at least 1).
     */
    public Builder maxAttempts(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("max attempts must be at least 1, was " + value);
      }
      this.maxAttempts = value;
      return this;
    }

    /**
     * Builds the store. Without a {@link #dialect(Dialect)} it opens one connection to read the database's
     * product name.
     *
     * @throws IllegalArgumentException when the detected database is neither PostgreSQL nor H2
     * @throws StoreException when detecting the dialect needed a connection and none could be had
     */
    public JdbcStore build() {
      Dialect chosen = dialect;
      if (chosen == null) {
        try (Connection connection = dataSource.getConnection()) {
          chosen = Dialect.ofProductName(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
          throw new StoreException("JDBC store: detecting the dialect failed (or set it with dialect(...)): "
              + "SQLState " + e.getSQLState(), e);
        }
      }
      return new JdbcStore(this, chosen);
    }
  }
}
