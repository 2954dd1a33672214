package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.error.StoreException;
import dev.invitekit.account.Account;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.store.tck.StoreFixtures;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the contract kit does not cover: the builder, migrations, prefixes, retries, the module. */
class JdbcStoreTest {
  private HikariDataSource pool;

  @BeforeEach
  void database() {
    pool = TestDatabases.freshH2(4);
  }

  @AfterEach
  void drop() {
    TestDatabases.shutDownH2(pool);
  }

  @Nested
  @DisplayName("The builder checks every setting at once, naming it")
  class Builder {
    @Test
    @DisplayName("a table prefix that is not a safe identifier start is refused, naming the setting")
    void badPrefix() {
      for (String bad : List.of("Invitekit_", "1kit_", "kit-", "kit_; DROP TABLE x", "a".repeat(31))) {
        assertThatThrownBy(() -> JdbcStore.builder(pool).tablePrefix(bad))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("table prefix");
      }
      assertThat(JdbcStore.builder(pool).tablePrefix("").build().tablePrefix()).isEmpty();
    }

    @Test
    @DisplayName("max attempts below one is refused, naming the setting")
    void badAttempts() {
      assertThatThrownBy(() -> JdbcStore.builder(pool).maxAttempts(0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("max attempts");
    }

    @Test
    @DisplayName("the dialect is detected from the connection's metadata, and the default prefix is invitekit_")
    void detectsDialect() {
      JdbcStore store = JdbcStore.builder(pool).build();

      assertThat(store.dialect()).isEqualTo(Dialect.H2);
      assertThat(store.tablePrefix()).isEqualTo("invitekit_");
      assertThat(store.name()).isEqualTo("jdbc:h2");
      assertThat(Dialect.ofProductName("PostgreSQL")).isEqualTo(Dialect.POSTGRESQL);
      assertThatThrownBy(() -> Dialect.ofProductName("MySQL")).hasMessageContaining("dialect");
    }
  }

  @Nested
  @DisplayName("Migrations")
  class Schema {
    @Test
    @DisplayName("migrate applies every shipped version once, records each, and is harmless when run again")
    void idempotent() throws SQLException {
      JdbcStore store = JdbcStore.builder(pool).build();

      assertThat(store.migrate()).containsExactlyElementsOf(Migrations.versions());
      assertThat(store.migrate()).isEmpty();

      try (Connection c = pool.getConnection(); Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT version, description FROM invitekit_schema_version ORDER BY version")) {
        java.util.List<Integer> recorded = new java.util.ArrayList<>();
        while (rows.next()) {
          if (recorded.isEmpty()) {
            assertThat(rows.getString(2)).isEqualTo("invitekit_schema");
          }
          recorded.add(rows.getInt(1));
        }
        assertThat(recorded).isEqualTo(Migrations.versions());
        assertThat(recorded.get(recorded.size() - 1)).isEqualTo(Migrations.latestVersion());
      }
    }

    @Test
    @DisplayName("two prefixes keep two stores apart in one database")
    void prefixesSeparateStores() {
      JdbcStore one = JdbcStore.builder(pool).tablePrefix("one_").build();
      JdbcStore two = JdbcStore.builder(pool).tablePrefix("two_").build();
      one.migrate();
      two.migrate();
      Account account = StoreFixtures.account().build();

      one.inTransaction(tx -> {
        tx.accounts().insert(account);
        return null;
      });

      Optional<Account> inOne = one.inTransaction(tx -> tx.accounts().find(account.id()));
      Optional<Account> inTwo = two.inTransaction(tx -> tx.accounts().find(account.id()));
      assertThat(inOne).contains(account);
      assertThat(inTwo).isEmpty();
    }

    @Test
    @DisplayName("the migration scripts substitute the prefix and split into statements, comments dropped")
    void scriptSplitting() {
      List<String> statements = Migrations.statements(
          "-- a comment\nCREATE TABLE ${prefix}a (x INT); -- trailing\nCREATE INDEX ${prefix}i ON ${prefix}a (x);\n", "p_");

      assertThat(statements).containsExactly("CREATE TABLE p_a (x INT)", "CREATE INDEX p_i ON p_a (x)");
    }
  }

  @Nested
  @DisplayName("Failures and retries")
  class Failures {
    @Test
    @DisplayName("§5: an SQL failure comes back as a StoreException naming the operation, and nothing is kept")
    void sqlFailureNamesOperation() {
      JdbcStore store = JdbcStore.builder(pool).build();   // not migrated: no tables

      assertThatThrownBy(() -> store.inTransaction(tx -> tx.accounts().find(dev.invitekit.id.AccountId.random())))
          .isInstanceOf(StoreException.class).hasMessageContaining("accounts.find");
    }

    @Test
    @DisplayName("§4: work that meets a serialization failure runs again, a bounded number of times")
    void serializationFailuresAreRetried() {
      JdbcStore store = JdbcStore.builder(pool).maxAttempts(3).build();
      AtomicInteger runs = new AtomicInteger();

      String answer = store.inTransaction(tx -> {
        if (runs.incrementAndGet() < 3) {
          throw new StoreException("conflict", new SQLException("could not serialize access", "40001"));
        }
        return "done";
      });

      assertThat(answer).isEqualTo("done");
      assertThat(runs).hasValue(3);
      runs.set(0);
      assertThatThrownBy(() -> store.inTransaction(tx -> {
        runs.incrementAndGet();
        throw new StoreException("deadlock", new SQLException("deadlock detected", "40P01"));
      })).isInstanceOf(StoreException.class);
      assertThat(runs).hasValue(3);
    }

    @Test
    @DisplayName("§4: a StoreTransaction used after its unit of work ended refuses")
    void transactionEnds() {
      JdbcStore store = JdbcStore.builder(pool).build();
      store.migrate();
      StoreTransaction leaked = store.inTransaction(tx -> tx);

      assertThatThrownBy(() -> leaked.accounts().find(dev.invitekit.id.AccountId.random()))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  @DisplayName("the module exports exactly dev.invitekit.store.jdbc and requires core transitively")
  void moduleDescriptor() throws URISyntaxException {
    Path classes = Path.of(JdbcStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor module = ModuleFinder.of(classes).findAll().iterator().next().descriptor();

    assertThat(module.name()).isEqualTo("dev.invitekit.store.jdbc");
    assertThat(module.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.invitekit.store.jdbc");
    assertThat(module.requires()).extracting(ModuleDescriptor.Requires::name).contains("dev.invitekit.core", "java.sql");
    assertThat(module.isOpen()).isFalse();
  }
}
