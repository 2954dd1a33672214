package dev.invitekit.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.spi.store.Store;
import dev.invitekit.store.tck.StoreContractKit;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * The whole store contract on a real PostgreSQL server ({@code INVITEKIT_PG_URL}, {@code INVITEKIT_PG_USER},
 * {@code INVITEKIT_PG_PASSWORD}; {@code bash .ci/run} provisions one): a fresh schema per test, dropped
 * after it. Without the variables every test is skipped with a notice, except under {@code CI=true}, where
 * they fail.
 */
class JdbcStorePostgresContractTest extends StoreContractKit {
  static {
    if (TestDatabases.pgUrl() == null) {
      System.err.println("\n*** " + TestDatabases.SKIP_NOTICE + " ***\n");
    }
  }

  private record Database(HikariDataSource pool, String schema) {}

  private final Map<Store, Database> databases = new IdentityHashMap<>();

  @BeforeEach
  void requirePostgres() {
    TestDatabases.requirePg();
  }

  @Override
  protected Store newStore() {
    TestDatabases.requirePg();
    String schema = TestDatabases.createPgSchema();
    HikariDataSource pool = TestDatabases.pg(schema, 8);
    JdbcStore store = JdbcStore.builder(pool).build();
    store.migrate();
    databases.put(store, new Database(pool, schema));
    return store;
  }

  @Override
  protected void closeStore(Store used) {
    Database database = databases.remove(used);
    database.pool().close();
    TestDatabases.dropPgSchema(database.schema());
  }
}
