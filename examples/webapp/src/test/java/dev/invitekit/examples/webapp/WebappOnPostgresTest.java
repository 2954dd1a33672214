package dev.invitekit.examples.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import dev.invitekit.examples.webapp.kit.DemoData;
import dev.invitekit.spi.store.Store;
import dev.invitekit.store.jdbc.JdbcStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * With {@code spring.datasource.url} the app runs on Invitekit's JDBC store on PostgreSQL: the starter builds
 * a {@link JdbcStore} on the app's DataSource and applies the migrations, and the demo users sign in. Uses
 * the database in {@code INVITEKIT_PG_URL} with its own table prefix, dropped afterwards; without it the test
 * is skipped, and under {@code CI=true} it fails.
 */
@ExtendWith(WebappOnPostgresTest.RequiresPostgres.class) // before SpringExtension: see RequiresPostgres
@SpringBootTest(properties = "invitekit.password.hashing.insecure-fast-for-tests-only=true")
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebappOnPostgresTest {

  private static final String PREFIX = "webapp_" + UUID.randomUUID().toString().substring(0, 8) + "_";

  @Autowired MockMvc mvc;
  @Autowired Store store;
  @Autowired DataSource dataSource;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> System.getenv("INVITEKIT_PG_URL"));
    registry.add("spring.datasource.username", () -> System.getenv("INVITEKIT_PG_USER"));
    registry.add("spring.datasource.password", () -> System.getenv("INVITEKIT_PG_PASSWORD"));
    registry.add("invitekit.store.jdbc.table-prefix", () -> PREFIX);
    registry.add("invitekit.outbox-key", () -> "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
  }

  /**
   * Decides before the Spring context (and, with {@code PER_CLASS}, before the test instance and its
   * {@code @Autowired} fields) whether the class runs: skipped with a notice without {@code INVITEKIT_PG_URL},
   * failed under {@code CI=true} without it. A {@code @BeforeAll} assumption came too late: the context was
   * already being built without a database.
   */
  static final class RequiresPostgres implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      String url = System.getenv("INVITEKIT_PG_URL");
      if (url != null && !url.isBlank()) {
        return ConditionEvaluationResult.enabled("INVITEKIT_PG_URL is set");
      }
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(
            "CI=true: INVITEKIT_PG_URL must point at a PostgreSQL (bash .ci/run provisions one)");
      }
      String notice = "INVITEKIT_PG_URL is not set: the web app on PostgreSQL is not tested";
      System.err.println("NOTICE: " + notice);
      return ConditionEvaluationResult.disabled(notice);
    }
  }

  @Test
  void theAppRunsOnTheJdbcStoreAndTheDemoUsersSignIn() throws Exception {
    assertThat(store).isInstanceOf(JdbcStore.class);
    assertThat(tables()).contains(PREFIX + "accounts", PREFIX + "users");
    mvc.perform(post("/sign-in").with(csrf()).param("email", DemoData.ADMIN.email())
            .param("password", DemoData.ADMIN.password()))
        .andExpect(redirectedUrl("/"));
  }

  private List<String> tables() throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        ResultSet rs = c.getMetaData().getTables(null, null, PREFIX.replace("_", "\\_") + "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    return names;
  }

  @AfterAll
  void dropTables() throws Exception {
    if (dataSource == null) {
      return;
    }
    List<String> names = tables();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      for (String name : names) {
        s.execute("DROP TABLE IF EXISTS \"" + name + "\" CASCADE");
      }
    }
  }
}
