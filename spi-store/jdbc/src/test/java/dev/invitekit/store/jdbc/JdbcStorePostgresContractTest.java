package dev.invitekit.store.jdbc;

import dev.invitekit.spi.store.Store;
import dev.invitekit.store.tck.StoreContractKit;
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

  private final FreshStores stores = new FreshStores();

  @BeforeEach
  void requirePostgres() {
    TestDatabases.requirePg();
  }

  @Override
  protected Store newStore() {
    return stores.postgres(8);
  }

  @Override
  protected void closeStore(Store used) {
    stores.close(used);
  }
}
