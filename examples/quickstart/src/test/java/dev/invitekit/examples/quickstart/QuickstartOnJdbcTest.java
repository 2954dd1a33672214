package dev.invitekit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.examples.quickstart.snippets.Operations;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.store.jdbc.JdbcStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walkthrough on the JDBC store: {@code --h2 PATH}, and PostgreSQL when {@code INVITEKIT_PG_URL} is set (CI sets it). */
@DisplayName("The quickstart on a JDBC store")
class QuickstartOnJdbcTest {

  private static String walkthrough(StoreChoice choice) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (choice; PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      new Quickstart(out, choice.store(), choice.description()).run();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String onMemory() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      new Quickstart(out).run();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("--h2 PATH runs the whole walkthrough on an H2 file, twice on the same file, as on memory")
  void h2File(@TempDir Path dir) {
    Path file = dir.resolve("quickstart-db");
    String memory = onMemory();

    String first = walkthrough(StoreChoice.from(new String[] {"--h2", file.toString()}, Map.of()));
    String second = walkthrough(StoreChoice.from(new String[] {"--h2", file.toString()}, Map.of()));

    assertThat(first).contains("on the H2 database " + file.toAbsolutePath());
    assertThat(first.lines().count()).isEqualTo(memory.lines().count());
    assertThat(second.lines().count()).isEqualTo(memory.lines().count());
    assertThat(dir.resolve("quickstart-db.mv.db")).exists();
  }

  @Test
  @DisplayName("INVITEKIT_PG_URL runs the whole walkthrough on PostgreSQL (in a schema of its own, dropped after)")
  void postgres() throws SQLException {
    String url = System.getenv("INVITEKIT_PG_URL");
    Assumptions.assumeTrue(url != null && !url.isBlank(), "PostgreSQL quickstart SKIPPED: INVITEKIT_PG_URL is not set");
    String user = System.getenv("INVITEKIT_PG_USER");
    String password = System.getenv("INVITEKIT_PG_PASSWORD");
    String schema = "quickstart_test_" + Long.toString(System.nanoTime(), 36);
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    try {
      String inSchema = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      String output = walkthrough(StoreChoice.from(new String[0],
          Map.of("INVITEKIT_PG_URL", inSchema, "INVITEKIT_PG_USER", user, "INVITEKIT_PG_PASSWORD", password)));

      assertThat(output).contains("on PostgreSQL at ").doesNotContain("currentSchema");
      assertThat(output.lines().count()).isEqualTo(onMemory().lines().count());
    } finally {
      try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Test
  @DisplayName("no flag means memory, unless INVITEKIT_PG_URL is set; wrong flags are named")
  void choosing() {
    try (StoreChoice memory = StoreChoice.from(new String[0], Map.of())) {
      assertThat(memory.description()).isEqualTo("the in-memory store");
    }
    assertThatThrownBy(() -> StoreChoice.from(new String[] {"--mysql", "x"}, Map.of()))
        .hasMessageContaining("unknown flag --mysql");
    assertThatThrownBy(() -> StoreChoice.from(new String[] {"--h2"}, Map.of()))
        .hasMessageContaining("--h2 needs a value");
    assertThatThrownBy(() -> StoreChoice.from(new String[] {"--h2", "a", "--pg", "jdbc:postgresql://x/y"}, Map.of()))
        .hasMessageContaining("either --h2 or --pg");
    try (StoreChoice withRelay = StoreChoice.from(new String[] {"--smtp", "localhost:1025"}, Map.of())) {
      assertThat(withRelay.description()).isEqualTo("the in-memory store");
    }
    assertThatThrownBy(() -> StoreChoice.from(new String[] {"--pg", "jdbc:h2:mem:x"}, Map.of()))
        .hasMessageContaining("jdbc:postgresql:");
  }

  @Test
  @DisplayName("the operations guide's H2 snippet builds a migrated store Invitekit runs on")
  void operationsSnippet(@TempDir Path dir) {
    JdbcStore store = Operations.h2(dir.resolve("ops").toString());

    assertThat(store.migrate()).isEmpty();
    assertThat(Operations.kit(store, new RecordingMailbox())).isNotNull();
  }
}
