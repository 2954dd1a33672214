package dev.invitekit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.spi.store.Store;
import dev.invitekit.store.jdbc.JdbcStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The starter on the app's DataSource (Boot's own DataSource auto-configuration): the JDBC store, its migrations
 * at start-up, and leaving them to the app's Flyway when it runs them; on H2, and on PostgreSQL when
 * INVITEKIT_PG_URL is set (required in CI) (issue 10 part 1).
 */
class InvitekitJdbcAutoConfigurationTest {

  static ApplicationContextRunner runner(String url, String user, String password, String prefix) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
            InvitekitAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + url, "spring.datasource.username=" + user,
            "spring.datasource.password=" + password, "spring.flyway.enabled=false",
            "invitekit.base-url=https://app.example.com", "invitekit.mail.manual-dispatch=true",
            "invitekit.password.hashing.insecure-fast-for-tests-only=true",
            "invitekit.store.jdbc.table-prefix=" + prefix);
  }

  static boolean tableExists(DataSource ds, String table) throws Exception {
    try (Connection c = ds.getConnection()) {
      for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
        try (ResultSet rs = c.getMetaData().getTables(null, null, name, null)) {
          if (rs.next()) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /**
   * The scenarios, on one database. Each gets a table prefix of its own (and its own Flyway history table), so
   * runs never collide; Flyway baselines at version 0 because the shared schema already holds other tables.
   */
  abstract static class Scenarios {
    abstract ApplicationContextRunner runner(String prefix);

    abstract String dialectFolder();

    static String prefix() {
      return "ik" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    }

    @Test
    void theStarterAppliesTheMigrationsAndTheKitWorks_issue10() {
      String prefix = prefix();
      runner(prefix).run(context -> {
        assertThat(context).hasNotFailed();
        assertThat(context.getBean(JdbcStore.class).tablePrefix()).isEqualTo(prefix);
        assertThat(tableExists(context.getBean(DataSource.class), prefix + "schema_version")).isTrue();
        Invitekit kit = context.getBean(Invitekit.class);
        Acme.invite(kit, Acme.create(kit, context.getBean(Store.class)), "bob@acme.com");
      });
    }

    @Test
    void theAppsFlywayWithInvitekitsLocationRunsThem_issue10() {
      String prefix = prefix();
      runner(prefix).withPropertyValues("spring.flyway.enabled=true",
          "spring.flyway.locations=classpath:db/migration/" + dialectFolder(),
          "spring.flyway.placeholders.prefix=" + prefix, "spring.flyway.table=" + prefix + "flyway_history",
          "spring.flyway.baseline-on-migrate=true", "spring.flyway.baseline-version=0")
          .run(context -> {
            assertThat(context).hasNotFailed();
            DataSource ds = context.getBean(DataSource.class);
            assertThat(tableExists(ds, prefix + "flyway_history")).isTrue();
            assertThat(tableExists(ds, prefix + "schema_version")).as("built-in migrator not run").isFalse();
            Invitekit kit = context.getBean(Invitekit.class);
            Acme.invite(kit, Acme.create(kit, context.getBean(Store.class)), "bob@acme.com");
          });
    }

    @Test
    void theAppsFlywayWithADifferentPrefixPlaceholderIsAClearFailure_issue10() {
      String prefix = prefix();
      runner(prefix).withPropertyValues("spring.flyway.enabled=true",
          "spring.flyway.locations=classpath:db/migration/" + dialectFolder(),
          "spring.flyway.placeholders.prefix=" + prefix + "x_", "spring.flyway.table=" + prefix + "flyway_history",
          "spring.flyway.baseline-on-migrate=true", "spring.flyway.baseline-version=0")
          .run(context -> {
            InvalidInvitekitPropertyException cause = InvitekitPropertyValidationTest.find(context.getStartupFailure());
            assertThat(cause).as("%s", context.getStartupFailure()).isNotNull();
            assertThat(cause.getMessage()).contains("invitekit.store.jdbc.table-prefix")
                .contains("spring.flyway.placeholders.prefix=" + prefix);
          });
    }

    @Test
    void theAppsFlywayForItsOwnTablesOnlyLeavesInvitekitsToTheStarter_issue10() {
      String prefix = prefix();
      runner(prefix).withPropertyValues("spring.flyway.enabled=true", "spring.flyway.locations=classpath:db/app",
          "spring.flyway.placeholders.prefix=" + prefix,
          "spring.flyway.table=" + prefix + "flyway_history", "spring.flyway.baseline-on-migrate=true",
          "spring.flyway.baseline-version=0")
          .run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(tableExists(context.getBean(DataSource.class), prefix + "app_things")).isTrue();
            assertThat(tableExists(context.getBean(DataSource.class), prefix + "schema_version")).isTrue();
          });
    }

    @Test
    void migrateFalseLeavesTheSchemaAlone_issue10() {
      String prefix = prefix();
      runner(prefix).withPropertyValues("invitekit.store.jdbc.migrate=false").run(context -> {
        assertThat(context).hasNotFailed().hasSingleBean(JdbcStore.class);
        assertThat(tableExists(context.getBean(DataSource.class), prefix + "schema_version")).isFalse();
      });
    }
  }

  @Nested
  class OnH2 extends Scenarios {
    @Override
    ApplicationContextRunner runner(String prefix) {
      return InvitekitJdbcAutoConfigurationTest.runner(
          "jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "", prefix);
    }

    @Override
    String dialectFolder() {
      return "h2";
    }
  }

  @Nested
  class OnPostgres extends Scenarios {
    OnPostgres() {
      String url = System.getenv("INVITEKIT_PG_URL");
      if ("true".equals(System.getenv("CI"))) {
        assertThat(url).as("INVITEKIT_PG_URL must be set in CI: the starter's PostgreSQL test is never skipped there")
            .isNotBlank();
      }
      Assumptions.assumeTrue(url != null && !url.isBlank(), "INVITEKIT_PG_URL not set");
    }

    @Override
    ApplicationContextRunner runner(String prefix) {
      return InvitekitJdbcAutoConfigurationTest.runner(System.getenv("INVITEKIT_PG_URL"),
          env("INVITEKIT_PG_USER", "invitekit"), env("INVITEKIT_PG_PASSWORD", "ik"), prefix);
    }

    @Override
    String dialectFolder() {
      return "postgresql";
    }

    private static String env(String name, String fallback) {
      String value = System.getenv(name);
      return value == null || value.isBlank() ? fallback : value;
    }
  }
}
