package dev.invitekit.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.spi.store.Store;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Fresh, migrated JDBC stores for kits that want one per test or per sequence: each on a new in-memory H2
 * database or a new PostgreSQL schema, dropped again by {@link #close(Store)}.
 */
final class FreshStores {
  private final Map<Store, Runnable> drops = new IdentityHashMap<>();

  /** A store on a new in-memory H2 database behind a pool of {@code poolSize}. */
  Store h2(int poolSize) {
    HikariDataSource pool = TestDatabases.freshH2(poolSize);
    return migrated(pool, () -> TestDatabases.shutDownH2(pool));
  }

  /** A store on a new schema of the PostgreSQL of {@code INVITEKIT_PG_URL}; requires it to be set. */
  Store postgres(int poolSize) {
    TestDatabases.requirePg();
    String schema = TestDatabases.createPgSchema();
    HikariDataSource pool = TestDatabases.pg(schema, poolSize);
    return migrated(pool, () -> {
      pool.close();
      TestDatabases.dropPgSchema(schema);
    });
  }

  private Store migrated(HikariDataSource pool, Runnable drop) {
    JdbcStore store = JdbcStore.builder(pool).build();
    store.migrate();
    drops.put(store, drop);
    return store;
  }

  /** Drops the database or schema behind a store this made. */
  void close(Store store) {
    Runnable drop = drops.remove(store);
    if (drop != null) {
      drop.run();
    }
  }
}
