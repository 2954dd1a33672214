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
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walkthrough on the JDBC store: {@code --h2 PATH} (and {@code --pg URL}, tested the same way in CI by hand). */
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
  @DisplayName("no flag means memory, unless INVITEKIT_PG_URL is set; wrong flags are named")
  void choosing() {
    try (StoreChoice memory = StoreChoice.from(new String[0], Map.of())) {
      assertThat(memory.description()).isEqualTo("the in-memory store");
    }
    assertThatThrownBy(() -> StoreChoice.from(new String[] {"--mysql", "x"}, Map.of()))
        .hasMessageContaining("unknown flag --mysql");
    assertThatThrownBy(() -> StoreChoice.from(new String[] {"--h2"}, Map.of()))
        .hasMessageContaining("expected one flag with its value");
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
