package dev.invitekit.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.DisplayName;

/** The fault injection on H2: a fresh in-memory database for every N. */
@DisplayName("Faults at every statement, on H2")
class FaultInjectionH2Test extends FaultInjectionKit {
  @Override
  HikariDataSource freshDatabase() {
    return TestDatabases.freshH2(4);
  }

  @Override
  void drop(HikariDataSource pool) {
    TestDatabases.shutDownH2(pool);
  }
}
