package dev.invitekit.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/** Fresh databases for the tests: in-memory H2, or a fresh schema on the PostgreSQL CI provisions. */
final class TestDatabases {
  static final String PG_URL = "INVITEKIT_PG_URL";
  static final String PG_USER = "INVITEKIT_PG_USER";
  static final String PG_PASSWORD = "INVITEKIT_PG_PASSWORD";

  static final String SKIP_NOTICE = "PostgreSQL tests SKIPPED: set INVITEKIT_PG_URL (and INVITEKIT_PG_USER, "
      + "INVITEKIT_PG_PASSWORD) to a PostgreSQL 15+ database, or run bash .ci/run, which provisions one";

  private TestDatabases() {}

  /** A pool on a new, empty in-memory H2 database that lives until {@link #shutDownH2}. */
  static HikariDataSource freshH2(int poolSize) {
    return h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", poolSize);
  }

  static HikariDataSource h2(String url, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("sa");
    config.setPassword("");
    config.setMaximumPoolSize(poolSize);
    return new HikariDataSource(config);
  }

  /** Drops the in-memory H2 database behind the pool, then closes the pool. */
  static void shutDownH2(HikariDataSource pool) {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException e) {
      // 90121: closing the connection after SHUTDOWN finds the database closed, as it should be.
      if (e.getErrorCode() != 90121) {
        throw new IllegalStateException("shutting down the H2 test database failed", e);
      }
    } finally {
      pool.close();
    }
  }

  /** The PostgreSQL URL from the environment, or null. */
  static @Nullable String pgUrl() {
    String url = System.getenv(PG_URL);
    return url == null || url.isBlank() ? null : url;
  }

  /**
   * Skips the calling test when no PostgreSQL is configured, printing how to run it; under CI (CI=true) a
   * missing PostgreSQL fails instead, since CI must not skip these tests.
   */
  static String requirePg() {
    String url = pgUrl();
    if (url == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("CI=true but " + PG_URL + " is not set: CI must run the PostgreSQL tests "
            + "(bash .ci/run provisions PostgreSQL and sets it)");
      }
      Assumptions.abort(SKIP_NOTICE);
    }
    return url;
  }

  /** A pool on the configured PostgreSQL whose connections use {@code schema}. */
  static HikariDataSource pg(String schema, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(requirePg());
    config.setUsername(System.getenv(PG_USER));
    config.setPassword(System.getenv(PG_PASSWORD));
    config.setMaximumPoolSize(poolSize);
    config.setSchema(schema);
    return new HikariDataSource(config);
  }

  /** Creates a new schema on the configured PostgreSQL and returns its name. */
  static String createPgSchema() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    try (HikariDataSource admin = pg("public", 1); Connection c = admin.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("creating the PostgreSQL test schema failed", e);
    }
    return schema;
  }

  /** Drops a schema {@link #createPgSchema} created, with everything in it. */
  static void dropPgSchema(String schema) {
    try (HikariDataSource admin = pg("public", 1); Connection c = admin.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("dropping the PostgreSQL test schema failed", e);
    }
  }
}
