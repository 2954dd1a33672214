package dev.invitekit.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;

/** Fresh, migrated H2 or PostgreSQL stores for the review tests, each dropped by {@link #close}. */
final class ReviewStores implements AutoCloseable {
  private final List<Runnable> drops = new ArrayList<>();

  JdbcStore h2() {
    HikariDataSource pool = TestDatabases.freshH2(4);
    drops.add(() -> TestDatabases.shutDownH2(pool));
    return migrated(pool);
  }

  /** On PostgreSQL, a schema of its own; the test is skipped without {@code INVITEKIT_PG_URL}. */
  JdbcStore pg() {
    org.junit.jupiter.api.Assumptions.assumeTrue(TestDatabases.pgUrl() != null, TestDatabases.SKIP_NOTICE);
    String schema = TestDatabases.createPgSchema();
    HikariDataSource pool = TestDatabases.pg(schema, 4);
    drops.add(() -> {
      pool.close();
      TestDatabases.dropPgSchema(schema);
    });
    return migrated(pool);
  }

  JdbcStore store(String db) {
    return db.equals("h2") ? h2() : pg();
  }

  private static JdbcStore migrated(HikariDataSource pool) {
    JdbcStore store = JdbcStore.builder(pool).build();
    store.migrate();
    return store;
  }

  @Override
  public void close() {
    drops.forEach(Runnable::run);
    drops.clear();
  }
}
