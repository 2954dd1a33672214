package dev.invitekit.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.spi.store.Store;
import dev.invitekit.store.tck.StoreContractKit;
import java.util.IdentityHashMap;
import java.util.Map;

/** The whole store contract on H2: a fresh in-memory database per test, behind a small pool (SPEC §4). */
class JdbcStoreH2ContractTest extends StoreContractKit {
  private final Map<Store, HikariDataSource> pools = new IdentityHashMap<>();

  @Override
  protected Store newStore() {
    HikariDataSource pool = TestDatabases.freshH2(8);
    JdbcStore store = JdbcStore.builder(pool).build();
    store.migrate();
    pools.put(store, pool);
    return store;
  }

  @Override
  protected void closeStore(Store used) {
    TestDatabases.shutDownH2(pools.remove(used));
  }
}
