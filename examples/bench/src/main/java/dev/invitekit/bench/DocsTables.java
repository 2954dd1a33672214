package dev.invitekit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replaces the generated tables in docs/performance.md, between its two markers, and nothing else. */
final class DocsTables {
  static final String START = "<!-- bench:tables:start -->";
  static final String END = "<!-- bench:tables:end -->";

  private DocsTables() {}

  static void replace(Path page, String tables) throws IOException {
    String text = Files.readString(page, StandardCharsets.UTF_8);
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalArgumentException(page + " has no " + START + " ... " + END + " markers");
    }
    String updated = text.substring(0, start + START.length()) + "\n" + tables + "\n" + text.substring(end);
    Files.writeString(page, updated, StandardCharsets.UTF_8);
  }
}
