package dev.invitekit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Code in README.md and docs/*.md is compiled (STYLE: "a doc can never drift from the API"): every
 * {@code ```java} block is preceded by {@code <!-- snippet: ClassName#name -->}, and its code equals the
 * region between {@code // tag::name[]} and {@code // end::name[]} in that class under
 * {@code snippets/} (main or test sources), after stripping common indentation. A name may mark several
 * regions of one class; they are shown joined, which lets a snippet hide a line the compiler needs.
 */
@DisplayName("Docs show exactly the compiled snippets")
class DocSnippetsTest {
  private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
  private static final Path ROOT = MODULE.resolve("../..").normalize();
  private static final List<Path> SNIPPET_DIRS = List.of(
      MODULE.resolve("src/main/java/dev/invitekit/examples/quickstart/snippets"),
      MODULE.resolve("src/test/java/dev/invitekit/examples/quickstart/snippets"),
      // docs/webapp.md shows the example web app's sign-in and security configuration (issue 10)
      ROOT.resolve("examples/webapp/src/main/java/dev/invitekit/examples/webapp/security"));
  private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*([A-Za-z0-9_]+)#([A-Za-z0-9_-]+)\\s*-->");
  private static final Pattern TAG = Pattern.compile("^\\s*// (tag|end)::([A-Za-z0-9_-]+)\\[]\\s*$");

  /** A fenced Java block of a Markdown file, with the marker before it, if any. */
  record Block(String file, int line, String className, String name, String code) {
    String where() {
      return file + ":" + line + (className.isEmpty() ? "" : " (" + className + "#" + name + ")");
    }
  }

  @TestFactory
  @DisplayName("every Java block of README.md and docs/ equals its tagged region")
  Stream<DynamicTest> everyBlockEqualsItsRegion() {
    List<Block> blocks = docBlocks();
    assertThat(blocks).as("Java blocks in README.md and docs/").hasSizeGreaterThanOrEqualTo(10);
    return blocks.stream().map(block -> DynamicTest.dynamicTest(block.where(), () -> {
      assertThat(block.className()).as("%s needs a <!-- snippet: ClassName#name --> line before it", block.where())
          .isNotEmpty();
      String region = region(source(block.className()), block.name());
      assertThat(block.code()).as("%s differs from its compiled snippet", block.where()).isEqualTo(region);
    }));
  }

  @Test
  @DisplayName("every tagged region is shown somewhere (Markdown or javadoc), so no snippet is dead code")
  void everyRegionIsShown() throws IOException {
    Set<String> shown = new LinkedHashSet<>();
    docBlocks().forEach(b -> shown.add(b.className() + "#" + b.name()));
    JavadocSnippetsTest.javadocBlocks().forEach(b -> shown.add(b.className() + "#" + b.name()));   // issue 9.15
    Set<String> tagged = new LinkedHashSet<>();
    for (Path dir : SNIPPET_DIRS) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String className = file.getFileName().toString().replace(".java", "");
          for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher tag = TAG.matcher(line);
            if (tag.matches() && tag.group(1).equals("tag")) {
              tagged.add(className + "#" + tag.group(2));
            }
          }
        }
      }
    }
    assertThat(tagged).isNotEmpty();
    assertThat(shown).containsAll(tagged);
  }

  @Test
  @DisplayName("the docs the README links to exist")
  void linkedDocsExist() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    Matcher link = Pattern.compile("\\]\\(((?:docs/|LICENSE)[^)#]*)").matcher(readme);
    List<String> targets = new ArrayList<>();
    while (link.find()) {
      targets.add(link.group(1));
    }
    assertThat(targets).contains("docs/getting-started.md", "docs/concepts.md", "docs/writing-a-store-adapter.md");
    targets.forEach(t -> assertThat(ROOT.resolve(t)).as("README links to %s", t).exists());
  }

  @Nested
  @DisplayName("the checker itself")
  class Checker {

    @Test
    @DisplayName("finds a block and its marker, and strips the block's indentation")
    void parsesMarkdown() {
      List<Block> blocks = blocks("x.md", """
          Text.

          <!-- snippet: Foo#bar -->
          ```java
            int a = 1;
          ```

          ```java
          int b = 2;
          ```
          """);
      assertThat(blocks).containsExactly(
          new Block("x.md", 4, "Foo", "bar", "int a = 1;"),
          new Block("x.md", 8, "", "", "int b = 2;"));
    }

    @Test
    @DisplayName("joins repeated regions and strips their common indentation")
    void extractsRegions() {
      String source = """
          class Foo {
            void m() {
              // tag::r[]
              if (x) {
                y();
              // end::r[]
                return;
              // tag::r[]
              }
              // end::r[]
            }
          }
          """;
      assertThat(region(source, "r")).isEqualTo("if (x) {\n  y();\n}");
    }

    @Test
    @DisplayName("refuses a missing or unclosed region")
    void refusesBrokenRegions() {
      assertThatThrownBy(() -> region("class Foo {}", "r")).hasMessageContaining("no region r");
      assertThatThrownBy(() -> region("// tag::r[]\nint a;\n", "r")).hasMessageContaining("not closed");
    }

    @Test
    @DisplayName("tells a drifted block from its region")
    void seesDrift() {
      String source = "// tag::r[]\nkit.invitations().inviteByEmail(a, b, c);\n// end::r[]\n";
      Block drifted = blocks("x.md", "<!-- snippet: Foo#r -->\n```java\nkit.invites().inviteByEmail(a, b, c);\n```\n")
          .get(0);
      assertThat(drifted.code()).isNotEqualTo(region(source, "r"));
    }
  }

  // ---- parsing

  private static List<Block> docBlocks() {
    List<Path> files = new ArrayList<>();
    files.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Block> blocks = new ArrayList<>();
    for (Path file : files) {
      try {
        blocks.addAll(blocks(ROOT.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return blocks;
  }

  /** The ```java blocks of one Markdown text, each with the marker on the last non-blank line before it. */
  static List<Block> blocks(String file, String markdown) {
    List<String> lines = markdown.lines().toList();
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String fence = lines.get(i).strip();
      if (!fence.startsWith("```")) {
        continue;
      }
      int close = i + 1;
      while (close < lines.size() && !lines.get(close).strip().equals("```")) {
        close++;
      }
      if (fence.equals("```java")) {
        int before = i - 1;
        while (before >= 0 && lines.get(before).isBlank()) {
          before--;
        }
        Matcher marker = before >= 0 ? MARKER.matcher(lines.get(before).strip()) : null;
        boolean marked = marker != null && marker.matches();
        blocks.add(new Block(file, i + 1, marked ? marker.group(1) : "", marked ? marker.group(2) : "",
            dedent(lines.subList(i + 1, Math.min(close, lines.size())))));
      }
      i = close;
    }
    return blocks;
  }

  /** The source of a snippet class of this module (main or test), where doc and javadoc regions live. */
  static String source(String className) throws IOException {
    for (Path dir : SNIPPET_DIRS) {
      Path file = dir.resolve(className + ".java");
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no snippet class " + className + " in " + SNIPPET_DIRS);
  }

  /** The lines between every {@code tag::name[]} and its {@code end::name[]}, joined and dedented. */
  static String region(String source, String name) {
    List<String> kept = new ArrayList<>();
    boolean inside = false;
    boolean found = false;
    for (String line : source.lines().toList()) {
      Matcher tag = TAG.matcher(line);
      if (tag.matches() && tag.group(2).equals(name)) {
        inside = tag.group(1).equals("tag");
        found = true;
      } else if (tag.matches()) {
        continue;   // other regions' markers never show
      } else if (inside) {
        kept.add(line);
      }
    }
    if (!found) {
      throw new IllegalArgumentException("no region " + name);
    }
    if (inside) {
      throw new IllegalArgumentException("region " + name + " is not closed");
    }
    return dedent(kept);
  }

  /** The lines without their common leading spaces, trailing spaces and surrounding blank lines, joined by \n. */
  static String dedent(List<String> lines) {
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
    }
    while (!out.isEmpty() && out.get(0).isEmpty()) {
      out.remove(0);
    }
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return String.join("\n", out);
  }
}
