package dev.invitekit.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/**
 * The two-node account-invariant races (issue 8.4) on one PostgreSQL database (a fresh schema), two
 * Hikari pools: skipped without
 * {@code INVITEKIT_PG_URL}, failed under {@code CI=true} without it.
 */
@DisplayName("Account invariants on two nodes on one PostgreSQL database (U2, P2, L1)")
class TwoNodeAccountInvariantsPostgresTest extends TwoNodeAccountInvariantsKit {
  private String schema;

  @Override
  List<HikariDataSource> twoPoolsOnOneDatabase(int poolSize) {
    TestDatabases.requirePg();
    schema = TestDatabases.createPgSchema();
    return List.of(TestDatabases.pg(schema, poolSize), TestDatabases.pg(schema, poolSize));
  }

  @Override
  void dropDatabase() {
    TestDatabases.dropPgSchema(schema);
  }
}
