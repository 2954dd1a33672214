package dev.invitekit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Code in javadoc is compiled too, as the Markdown snippets are (DocSnippetsTest; issue 9.15: the store
 * kit's javadoc showed a constructor that was private). Every {@code <pre>} block in the main sources of
 * the library's modules (core, spi-store/*, spi-mail/*) is a {@code <pre>{@code … }</pre>} block whose
 * opening and closing lines stand alone, preceded by {@code <!-- snippet: ClassName#name -->}, and its code
 * equals that region of a class under {@code examples/quickstart/.../snippets/}, with DocSnippetsTest's
 * rules. {@code {@snippet}} is not used: the library is built with {@code --release 17}, whose javadoc
 * has no such tag. In a {@code {@code}} block {@code &#64;} stands for {@code @} (a line starting with
 * {@code @} would be a block tag), and is compared as {@code @}.
 */
@DisplayName("Javadoc shows exactly the compiled snippets (issue 9.15)")
class JavadocSnippetsTest {
  private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
  private static final Path ROOT = MODULE.resolve("../..").normalize();
  private static final List<String> LIBRARY_MODULES = List.of("core", "spi-store", "spi-mail", "integrations");
  private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*([A-Za-z0-9_]+)#([A-Za-z0-9_-]+)\\s*-->");
  /** A javadoc line: its leading space and star, then what it says. */
  private static final Pattern DOC_LINE = Pattern.compile("^\\s*\\*(?: ?)(.*)$");

  @TestFactory
  @DisplayName("every javadoc example in the library's main sources equals its compiled region")
  Stream<DynamicTest> javadocExamplesEqualTheirCompiledRegions_issue9_15() {
    List<DocSnippetsTest.Block> blocks = javadocBlocks();
    assertThat(blocks).as("<pre> blocks in the library's javadoc").hasSizeGreaterThanOrEqualTo(6);
    return blocks.stream().map(block -> DynamicTest.dynamicTest(block.where(), () -> {
      assertThat(block.className()).as("%s needs a <!-- snippet: ClassName#name --> line before its <pre>{@code",
          block.where()).isNotEmpty();
      String region = DocSnippetsTest.region(DocSnippetsTest.source(block.className()), block.name());
      assertThat(block.code()).as("%s differs from its compiled snippet", block.where()).isEqualTo(region);
    }));
  }

  @Test
  @DisplayName("no main source uses {@snippet}, which javadoc 17 does not know")
  void noSnippetTags() {
    List<String> using = new ArrayList<>();
    forEachLibrarySource((file, text) -> {
      if (text.contains("{@snippet")) {
        using.add(ROOT.relativize(file).toString());
      }
    });
    assertThat(using).isEmpty();
  }

  @Test
  @DisplayName("every region a javadoc block names is shown, and with the Markdown ones every region is")
  void javadocRegionsCountAsShown() {
    Set<String> shown = new LinkedHashSet<>();
    javadocBlocks().forEach(b -> shown.add(b.className() + "#" + b.name()));
    assertThat(shown).contains("ApiDocs#invitekit", "ApiDocs#smtp", "ApiDocs#recording", "ApiDocs#jdbc-store",
        "MySenderContractTest#mail-tck", "MyStoreContractTest#tck");
  }

  @Nested
  @DisplayName("the checker itself")
  class Checker {

    @Test
    @DisplayName("finds a javadoc block and its marker, strips the stars, and reads &#64; as @")
    void parsesJavadoc() {
      List<DocSnippetsTest.Block> blocks = blocks("X.java", """
          /**
           * Text.
           *
           * <!-- snippet: Foo#bar -->
           * <pre>{@code
           * class A {
           *   &#64;Override
           *   public String toString() { return "a"; }
           * }
           * }</pre>
           */
          """);
      assertThat(blocks).containsExactly(new DocSnippetsTest.Block("X.java", 5, "Foo", "bar",
          "class A {\n  @Override\n  public String toString() { return \"a\"; }\n}"));
    }

    @Test
    @DisplayName("reports a block without a marker, and one not written as <pre>{@code on its own line")
    void reportsUnmarkedBlocks() {
      List<DocSnippetsTest.Block> blocks = blocks("X.java", """
          /**
           * <pre>{@code
           * new JdbcStore(freshDatabase());
           * }</pre>
           * <pre>new Thing()</pre>
           */
          """);
      assertThat(blocks).hasSize(2);
      assertThat(blocks.get(0).className()).isEmpty();
      assertThat(blocks.get(1).className()).isEmpty();
      assertThat(blocks.get(1).code()).startsWith("(not a <pre>{@code block");
    }

    @Test
    @DisplayName("tells the drifted store kit example (a private constructor) from its region")
    void seesTheDriftOfIssue9_15() throws IOException {
      DocSnippetsTest.Block drifted = blocks("StoreContractKit.java", """
          /**
           * <!-- snippet: MyStoreContractTest#tck -->
           * <pre>{@code
           * class JdbcStoreContractTest extends StoreContractKit {
           *   &#64;Override
           *   protected Store newStore() {
           *     return new JdbcStore(freshDatabase());
           *   }
           * }
           * }</pre>
           */
          """).get(0);
      assertThat(drifted.code()).isNotEqualTo(
          DocSnippetsTest.region(DocSnippetsTest.source("MyStoreContractTest"), "tck"));
    }
  }

  // ---- parsing

  private interface SourceVisitor {
    void visit(Path file, String text);
  }

  private static void forEachLibrarySource(SourceVisitor visitor) {
    for (String module : LIBRARY_MODULES) {
      Path dir = ROOT.resolve(module);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java"))
            .filter(f -> f.toString().contains("/src/main/java/")).sorted().toList()) {
          visitor.visit(file, Files.readString(file, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Every javadoc block of the library's main sources; DocSnippetsTest counts their regions as shown. */
  static List<DocSnippetsTest.Block> javadocBlocks() {
    List<DocSnippetsTest.Block> blocks = new ArrayList<>();
    forEachLibrarySource((file, text) -> blocks.addAll(blocks(ROOT.relativize(file).toString(), text)));
    return blocks;
  }

  /**
   * The {@code <pre>} blocks of one Java source's comments, each with the marker on the last non-blank
   * comment line before it. A block not written as a lone {@code <pre>{@code} line … a lone
   * {@code }</pre>} line comes back unmarked, with a code saying so, so that it fails.
   */
  static List<DocSnippetsTest.Block> blocks(String file, String source) {
    List<String> lines = source.lines().toList();
    List<DocSnippetsTest.Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String said = said(lines.get(i));
      if (said == null || !said.contains("<pre>")) {
        continue;
      }
      int before = i - 1;
      while (before >= 0 && said(lines.get(before)) != null && said(lines.get(before)).isBlank()) {
        before--;
      }
      String previous = before >= 0 ? said(lines.get(before)) : null;
      Matcher marker = previous == null ? null : MARKER.matcher(previous.strip());
      boolean marked = marker != null && marker.matches();
      if (!said.strip().equals("<pre>{@code")) {
        blocks.add(new DocSnippetsTest.Block(file, i + 1, "", "", "(not a <pre>{@code block: " + said.strip() + ")"));
        continue;
      }
      List<String> code = new ArrayList<>();
      int close = i + 1;
      while (close < lines.size() && said(lines.get(close)) != null && !said(lines.get(close)).strip().equals("}</pre>")) {
        code.add(said(lines.get(close)).replace("&#64;", "@"));
        close++;
      }
      blocks.add(new DocSnippetsTest.Block(file, i + 1, marked ? marker.group(1) : "", marked ? marker.group(2) : "",
          DocSnippetsTest.dedent(code)));
      i = close;
    }
    return blocks;
  }

  /** What a javadoc line says, without its star; null when the line is not inside a comment's star column. */
  private static String said(String line) {
    Matcher m = DOC_LINE.matcher(line);
    return m.matches() && !line.strip().startsWith("*/") ? m.group(1) : null;
  }
}
