package dev.invitekit.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The databases the JDBC benchmarks run on: a private in-memory H2, or a fresh schema in the PostgreSQL that
 * {@code INVITEKIT_PG_URL} (with {@code INVITEKIT_PG_USER}, {@code INVITEKIT_PG_PASSWORD}) names, dropped again
 * when the benchmark ends.
 */
final class Databases {
  static final String H2 = "h2";
  static final String POSTGRESQL = "postgresql";

  private Databases() {}

  static boolean postgresConfigured() {
    String url = System.getenv("INVITEKIT_PG_URL");
    return url != null && !url.isBlank();
  }

  /** A pool on a fresh database of the kind named; close it with {@link #drop}. */
  static HikariDataSource open(String kind) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(8);
    config.setPoolName("bench-" + kind);
    String name = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    if (H2.equals(kind)) {
      config.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
      return new HikariDataSource(config);
    }
    if (!POSTGRESQL.equals(kind)) {
      throw new IllegalArgumentException("unknown database " + kind + ": h2 or postgresql");
    }
    if (!postgresConfigured()) {
      throw new IllegalStateException("set INVITEKIT_PG_URL (and INVITEKIT_PG_USER, INVITEKIT_PG_PASSWORD) to run on "
          + "PostgreSQL, or pass -p database=h2");
    }
    config.setJdbcUrl(System.getenv("INVITEKIT_PG_URL"));
    config.setUsername(System.getenv("INVITEKIT_PG_USER"));
    config.setPassword(System.getenv("INVITEKIT_PG_PASSWORD"));
    try (HikariDataSource admin = new HikariDataSource(config);
        Connection c = admin.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    }
    config.setSchema(name);
    config.setPoolName("bench-" + kind + "-" + name);
    return new HikariDataSource(config);
  }

  /** Drops what {@link #open} made and closes the pool. */
  static void drop(HikariDataSource pool) {
    try {
      String schema = pool.getSchema();
      if (schema != null) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
      }
    } catch (SQLException e) {
      System.err.println("could not drop the bench schema: " + e.getMessage());
    } finally {
      pool.close();
    }
  }
}
