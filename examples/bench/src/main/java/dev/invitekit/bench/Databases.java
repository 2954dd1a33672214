package dev.invitekit.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases the JDBC benchmarks run on: a private in-memory H2, or a fresh schema in the PostgreSQL that
 * {@code INVITEKIT_PG_URL} (with {@code INVITEKIT_PG_USER}, {@code INVITEKIT_PG_PASSWORD}) names, dropped again
 * when the benchmark ends.
 */
final class Databases {
  static final String H2 = "h2";
  static final String POSTGRESQL = "postgresql";

  /** The pools of schemas {@link #open} made and {@link #drop} has not dropped yet. */
  private static final Set<HikariDataSource> UNDROPPED = ConcurrentHashMap.newKeySet();

  static {
    // A benchmark that throws ends its fork without its tear-down: drop what it left (a 1M fill is 350 MB) as the
    // JVM exits.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(UNDROPPED).forEach(Databases::drop),
        "bench-schema-drop"));
  }

  private Databases() {}

  static boolean postgresConfigured() {
    String url = System.getenv("INVITEKIT_PG_URL");
    return url != null && !url.isBlank();
  }

  /** Connections in a pool {@link BenchKit#onStore} opens for one kit. */
  static final int POOL_SIZE = 8;

  /** A pool of at most {@code connections} on a fresh database of the kind named; close it with {@link #drop}. */
  static HikariDataSource open(String kind, int connections) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(connections);
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
    HikariDataSource pool = new HikariDataSource(config);
    UNDROPPED.add(pool);
    return pool;
  }

  /**
   * Takes the statistics of every table in the pool's database (H2) or schema (PostgreSQL), as autovacuum keeps
   * them in a running deployment (H2 takes its own after every 2,000 changed rows). A benchmark whose tables
   * grow through the run calls it before each iteration: PostgreSQL plans a prepared statement from the
   * statistics it has and keeps that plan until the next {@code ANALYZE}, so without it an iteration runs with
   * the plans made for whatever the tables held at the last one autovacuum happened to take, on either side
   * (the hand-written baseline moved between 3.5 and 10.8 ms from one run to the next).
   */
  static void analyze(HikariDataSource pool) {
    analyze(pool, "");
  }

  /**
   * As {@link #analyze(HikariDataSource)}, on PostgreSQL the tables whose names start with {@code tablePrefix} only
   * (at least one, or it fails); H2, without a schema of the bench's, analyzes all of its tables.
   */
  static void analyze(HikariDataSource pool, String tablePrefix) {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      String schema = pool.getSchema();
      if (schema == null) {
        s.execute("ANALYZE");
        return;
      }
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = s.executeQuery("SELECT table_name FROM information_schema.tables "
          + "WHERE table_schema = '" + schema + "' AND table_type = 'BASE TABLE'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      List<String> prefixed = tables.stream().filter(table -> table.startsWith(tablePrefix)).toList();
      if (prefixed.isEmpty()) {
        throw new IllegalStateException("no table of the schema " + schema + " starts with '" + tablePrefix + "'");
      }
      for (String table : prefixed) {
        s.execute("ANALYZE " + schema + "." + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not analyze the bench tables", e);
    }
  }

  /** Drops what {@link #open} made and closes the pool. */
  static void drop(HikariDataSource pool) {
    if (pool.getSchema() != null && !UNDROPPED.remove(pool)) {
      return; // dropped already
    }
    try {
      String schema = pool.getSchema();
      if (schema != null) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
          // at JVM exit a benchmark thread may still hold locks on it: give up rather than hang the exit
          s.execute("SET lock_timeout = '5s'");
          s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
      }
    } catch (SQLException e) {
      System.err.println("could not drop the bench schema " + pool.getSchema() + " (drop it by hand): "
          + e.getMessage());
    } finally {
      pool.close();
    }
  }
}
