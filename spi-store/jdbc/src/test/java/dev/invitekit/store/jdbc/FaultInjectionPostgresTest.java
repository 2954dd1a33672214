package dev.invitekit.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;

/** The fault injection on PostgreSQL, where a failed statement aborts the transaction: a fresh schema for every N. */
@DisplayName("Faults at every statement, on PostgreSQL")
class FaultInjectionPostgresTest extends FaultInjectionKit {
  private final Map<HikariDataSource, String> schemas = new IdentityHashMap<>();

  @Override
  HikariDataSource freshDatabase() {
    TestDatabases.requirePg();
    String schema = TestDatabases.createPgSchema();
    HikariDataSource pool = TestDatabases.pg(schema, 4);
    schemas.put(pool, schema);
    return pool;
  }

  @Override
  void drop(HikariDataSource pool) {
    pool.close();
    TestDatabases.dropPgSchema(schemas.remove(pool));
  }
}
