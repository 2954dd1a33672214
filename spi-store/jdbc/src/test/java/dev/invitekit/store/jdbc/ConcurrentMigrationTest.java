package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Nodes that start together each run the built-in migrator: every version is applied exactly once. */
class ConcurrentMigrationTest {

  @Test
  @DisplayName("8 nodes migrating one PostgreSQL schema at once: each version applied by exactly one, recorded once")
  void nodesStartingTogether() throws Exception {
    TestDatabases.requirePg();
    String schema = TestDatabases.createPgSchema();
    List<HikariDataSource> pools = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Integer>>> applied = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        HikariDataSource pool = TestDatabases.pg(schema, 1);
        pools.add(pool);
        applied.add(threads.submit(() -> {
          start.await();
          return JdbcStore.builder(pool).build().migrate();
        }));
      }
      start.countDown();
      // Each version is applied by exactly one node, whatever the number of versions.
      List<Integer> appliedVersions = new ArrayList<>();
      for (Future<List<Integer>> future : applied) {
        appliedVersions.addAll(future.get(60, TimeUnit.SECONDS));
      }

      assertThat(appliedVersions).containsExactlyInAnyOrderElementsOf(Migrations.versions()).doesNotHaveDuplicates();
      try (Connection c = pools.get(0).getConnection(); Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM invitekit_schema_version")) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(Migrations.versions().size());
      }
    } finally {
      threads.shutdownNow();
      pools.forEach(HikariDataSource::close);
      TestDatabases.dropPgSchema(schema);
    }
  }
}
