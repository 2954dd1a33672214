package dev.invitekit.spring.boot;

import static dev.invitekit.spring.boot.InvalidInvitekitPropertyException.check;

import dev.invitekit.spi.store.Store;
import dev.invitekit.store.jdbc.JdbcStore;
import dev.invitekit.store.memory.InMemoryStore;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/** The store Invitekit runs on, in order of preference: the app's, a JDBC store on its DataSource, in-memory. */
final class InvitekitStoreConfigurations {
  private static final Logger LOG = LoggerFactory.getLogger(InvitekitAutoConfiguration.class);

  private InvitekitStoreConfigurations() {}

  /** A {@link JdbcStore} on the app's one {@link DataSource}, when invitekit-store-jdbc is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({JdbcStore.class, DataSource.class})
  @ConditionalOnSingleCandidate(DataSource.class)
  @ConditionalOnMissingBean(Store.class)
  static class Jdbc {

    /**
     * The store, built after the app's database initializers (its Flyway) ran; then Invitekit's migrations
     * are applied with the built-in migrator unless the app's Flyway has Invitekit's location.
     */
    @Bean
    @DependsOnDatabaseInitialization
    JdbcStore invitekitStore(DataSource dataSource, InvitekitProperties properties,
        ConfigurableListableBeanFactory beans) {
      InvitekitProperties.Jdbc jdbc = properties.getStore().getJdbc();
      JdbcStore.Builder builder = JdbcStore.builder(dataSource);
      check("invitekit.store.jdbc.table-prefix", () -> builder.tablePrefix(jdbc.getTablePrefix()));
      check("invitekit.store.jdbc.max-attempts", () -> builder.maxAttempts(jdbc.getMaxAttempts()));
      JdbcStore store = builder.build();
      String location = "db/migration/" + store.dialect().migrationFolder();
      Boolean migrate = jdbc.getMigrate();
      if (migrate == null) {
        boolean flywayRunsThem = ClassUtils.isPresent("org.flywaydb.core.Flyway", beans.getBeanClassLoader())
            && FlywayCheck.runsLocation(beans, location, store.tablePrefix());
        migrate = !flywayRunsThem;
        if (flywayRunsThem) {
          LOG.info("Invitekit's migrations ({}) are left to the app's Flyway", location);
        }
      }
      if (migrate) {
        List<Integer> applied = store.migrate();
        LOG.info("Invitekit JDBC store on {} (table prefix '{}'): migrations applied now: {}",
            store.dialect(), store.tablePrefix(), applied);
      }
      return store;
    }
  }

  /** The in-memory store, when nothing better is available; it warns that it loses everything on restart. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(Store.class)
  static class InMemory {

    @Bean
    InMemoryStore invitekitStore(ConfigurableListableBeanFactory beans) {
      boolean jdbcStore = ClassUtils.isPresent("dev.invitekit.store.jdbc.JdbcStore", beans.getBeanClassLoader());
      int dataSources = beans.getBeanNamesForType(DataSource.class, false, false).length;
      String add;
      if (!jdbcStore) {
        add = "add dev.invitekit:invitekit-store-jdbc" + (dataSources == 0
            ? " and a DataSource (spring-boot-starter-jdbc and your database's driver, with spring.datasource.url)"
            : "");
      } else if (dataSources == 0) {
        add = "add a DataSource (spring-boot-starter-jdbc and your database's driver, with spring.datasource.url)";
      } else {
        add = "mark one of your " + dataSources + " DataSources @Primary, or define your own Store bean";
      }
      LOG.warn("Invitekit runs on the IN-MEMORY store: every account, invitation and pending mail is lost when the "
          + "app stops, and nodes do not share it. For production {} (see docs/spring-boot.md).", add);
      return new InMemoryStore();
    }
  }

  /** Reads the app's Flyway configuration; loaded only when Flyway is on the class path. */
  static final class FlywayCheck {
    private FlywayCheck() {}

    /**
     * Whether one of the app's Flyway beans migrates {@code location} (Invitekit's folder for the dialect).
     *
     * @throws InvalidInvitekitPropertyException when it does with a prefix placeholder other than the store's
     */
    static boolean runsLocation(ListableBeanFactory beans, String location, String tablePrefix) {
      for (org.flywaydb.core.Flyway flyway : beans.getBeansOfType(org.flywaydb.core.Flyway.class, false, true).values()) {
        for (org.flywaydb.core.api.Location l : flyway.getConfiguration().getLocations()) {
          String path = l.getPath() == null ? l.getDescriptor() : l.getPath();
          if (path != null && path.replace('\\', '/').replaceAll("^/+|/+$", "").endsWith(location)) {
            String placeholder = flyway.getConfiguration().getPlaceholders().get("prefix");
            if (!tablePrefix.equals(placeholder)) {
              throw new InvalidInvitekitPropertyException("invitekit.store.jdbc.table-prefix",
                  "the app's Flyway runs Invitekit's migrations (" + location + ") with the placeholder prefix '"
                      + placeholder + "', but the store's table prefix is '" + tablePrefix + "': set "
                      + "spring.flyway.placeholders.prefix=" + tablePrefix + ", or change the table prefix to match");
            }
            return true;
          }
        }
      }
      return false;
    }
  }
}
