package dev.invitekit.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.security.AuthorizationPropertyKit;
import dev.invitekit.spi.store.Store;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The authorization property (issue 5) on the JDBC store over H2: a fresh in-memory database per
 * sequence. Fewer sequences than on the in-memory store, since each makes and migrates a database.
 */
class AuthorizationPropertyH2Test extends AuthorizationPropertyKit {
  private final Map<Store, HikariDataSource> pools = new IdentityHashMap<>();

  @Override
  protected Store newStore() {
    HikariDataSource pool = TestDatabases.freshH2(2);
    JdbcStore store = JdbcStore.builder(pool).build();
    store.migrate();
    pools.put(store, pool);
    return store;
  }

  @Override
  protected void closeStore(Store used) {
    TestDatabases.shutDownH2(pools.remove(used));
  }

  @Override
  protected int sequences() {
    return 200;
  }
}
