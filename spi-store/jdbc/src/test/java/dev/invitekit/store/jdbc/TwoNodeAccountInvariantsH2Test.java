package dev.invitekit.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;

/** The two-node account-invariant races (issue 8.4) on one in-memory H2 database shared by two pools in this JVM. */
@DisplayName("Account invariants on two nodes on one H2 database (U2, P2, L1)")
class TwoNodeAccountInvariantsH2Test extends TwoNodeAccountInvariantsKit {
  private HikariDataSource keeper;

  @Override
  List<HikariDataSource> twoPoolsOnOneDatabase(int poolSize) {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    keeper = TestDatabases.h2(url, 1);
    return List.of(TestDatabases.h2(url, poolSize), TestDatabases.h2(url, poolSize));
  }

  @Override
  void dropDatabase() {
    TestDatabases.shutDownH2(keeper);
  }
}
