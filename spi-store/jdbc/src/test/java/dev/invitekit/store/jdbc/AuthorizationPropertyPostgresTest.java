package dev.invitekit.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.security.AuthorizationPropertyKit;
import dev.invitekit.spi.store.Store;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * The authorization property (issue 5) on the JDBC store over PostgreSQL ({@code INVITEKIT_PG_URL}): a
 * fresh schema per sequence, dropped after it. Skipped with a notice without the variables, failing
 * instead under {@code CI=true}, like the PostgreSQL contract kit.
 */
class AuthorizationPropertyPostgresTest extends AuthorizationPropertyKit {
  private record Database(HikariDataSource pool, String schema) {}

  private final Map<Store, Database> databases = new IdentityHashMap<>();

  @BeforeEach
  void requirePostgres() {
    TestDatabases.requirePg();
  }

  @Override
  protected Store newStore() {
    String schema = TestDatabases.createPgSchema();
    HikariDataSource pool = TestDatabases.pg(schema, 2);
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

  @Override
  protected int sequences() {
    return 60;
  }
}
