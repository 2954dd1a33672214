package dev.invitekit.spring.boot;

import static dev.invitekit.spring.boot.InvalidInvitekitPropertyException.check;

import dev.invitekit.Invitekit;
import dev.invitekit.spi.store.Store;
import dev.invitekit.store.jdbc.JdbcStore;
import dev.invitekit.store.memory.InMemoryStore;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * The store Invitekit runs on, in order of preference: the app's, a JDBC store on its DataSource, in-memory.
 * None is built when the app defines its own Invitekit.
 */
final class InvitekitStoreConfigurations {
  private static final Logger LOG = LoggerFactory.getLogger(InvitekitAutoConfiguration.class);

  private InvitekitStoreConfigurations() {}

  /** A {@link JdbcStore} on the app's one {@link DataSource}, when invitekit-store-jdbc is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({JdbcStore.class, DataSource.class})
  @ConditionalOnSingleCandidate(DataSource.class)
  @ConditionalOnMissingBean({Store.class, Invitekit.class})
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
  @ConditionalOnMissingBean({Store.class, Invitekit.class})
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

  /**
   * Reads the app's Flyway configuration by reflection, so that the starter names no Flyway type (Flyway's jar
   * has no module name, and the app brings the Flyway version it wants).
   */
  static final class FlywayCheck {
    private FlywayCheck() {}

    /**
     * Whether one of the app's Flyway beans migrates {@code location} (Invitekit's folder for the dialect).
     *
     * @throws InvalidInvitekitPropertyException when it does with a prefix placeholder other than the store's
     */
    static boolean runsLocation(ConfigurableListableBeanFactory beans, String location, String tablePrefix) {
      Class<?> flywayType = ClassUtils.resolveClassName("org.flywaydb.core.Flyway", beans.getBeanClassLoader());
      for (Object flyway : beans.getBeansOfType(flywayType, false, true).values()) {
        Object configuration = call(flyway, "getConfiguration");
        for (Object l : (Object[]) call(configuration, "getLocations")) {
          Object path = call(l, "getPath");
          String p = String.valueOf(path == null ? call(l, "getDescriptor") : path);
          if (p.replace('\\', '/').replaceAll("^/+|/+$", "").endsWith(location)) {
            Object placeholder = ((java.util.Map<?, ?>) call(configuration, "getPlaceholders")).get("prefix");
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

    private static Object call(Object target, String method) {
      try {
        return target.getClass().getMethod(method).invoke(target);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read the app's Flyway configuration (" + method + "); set "
            + "invitekit.store.jdbc.migrate=true or false to decide yourself", e);
      }
    }
  }
}
