package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.account.Account;
import dev.invitekit.store.tck.StoreFixtures;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The migrations in the jar are in Flyway's layout: an application's own Flyway applies them, prefix and all. */
@DisplayName("An application's Flyway applies the store's migrations")
class FlywayLayoutTest {

  private static void applyWithFlyway(DataSource dataSource, Dialect dialect) {
    MigrateResult result = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/" + dialect.migrationFolder())
        .placeholders(Map.of("prefix", "app_"))
        .load()
        .migrate();
    assertThat(result.migrationsExecuted).isEqualTo(Migrations.versions().size());

    JdbcStore store = JdbcStore.builder(dataSource).dialect(dialect).tablePrefix("app_").build();
    Account account = StoreFixtures.account().build();
    store.inTransaction(tx -> {
      tx.accounts().insert(account);
      return null;
    });
    Optional<Account> found = store.inTransaction(tx -> tx.accounts().find(account.id()));
    assertThat(found).contains(account);
  }

  @Test
  @DisplayName("on H2, from db/migration/h2")
  void h2() {
    HikariDataSource pool = TestDatabases.freshH2(2);
    try {
      applyWithFlyway(pool, Dialect.H2);
    } finally {
      TestDatabases.shutDownH2(pool);
    }
  }

  @Test
  @DisplayName("on PostgreSQL, from db/migration/postgresql")
  void postgres() {
    TestDatabases.requirePg();
    String schema = TestDatabases.createPgSchema();
    try (HikariDataSource pool = TestDatabases.pg(schema, 2)) {
      applyWithFlyway(pool, Dialect.POSTGRESQL);
    } finally {
      TestDatabases.dropPgSchema(schema);
    }
  }
}
