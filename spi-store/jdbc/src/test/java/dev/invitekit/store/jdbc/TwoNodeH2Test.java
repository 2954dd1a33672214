package dev.invitekit.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;

/** The two-node races on one in-memory H2 database shared by two pools in this JVM. */
@DisplayName("Two nodes on one H2 database")
class TwoNodeH2Test extends TwoNodeRaceKit {
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
