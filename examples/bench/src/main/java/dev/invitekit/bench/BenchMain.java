package dev.invitekit.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks, writes JMH's JSON and the ratio tables of docs/performance.md.
 *
 * <pre>
 * java -jar examples/bench/target/benchmarks.jar                     every benchmark, full length
 * java -jar examples/bench/target/benchmarks.jar --smoke             each once, briefly (CI: it must not rot)
 * java -jar examples/bench/target/benchmarks.jar InviteBench         only benchmarks matching a pattern
 * ... --docs docs/performance.md                                     also replace the tables in the docs page
 * java -jar examples/bench/target/benchmarks.jar ContactsBench -wi 2 -i 3 -p store=memory
 *                                                                    JMH's own options pass through
 * </pre>
 *
 * Results go to {@code jmh-result.json} and {@code performance-tables.md} beside the jar.
 */
public final class BenchMain {
  private BenchMain() {}

  /**
   * JMH's options that ask a question instead of running ({@code -h}, {@code -l}, {@code -lp}, {@code -lprof},
   * {@code -lrf}), answered as JMH's own launcher answers them; true when one was, and nothing is to run.
   */
  static boolean answeredWithoutRunning(CommandLineOptions jmh) throws IOException {
    if (jmh.shouldHelp()) {
      jmh.showHelp();
    } else if (jmh.shouldList()) {
      new Runner(jmh).list();
    } else if (jmh.shouldListWithParams()) {
      new Runner(jmh).listWithParams(jmh);
    } else if (jmh.shouldListProfilers()) {
      jmh.listProfilers();
    } else if (jmh.shouldListResultFormats()) {
      jmh.listResultFormats();
    } else {
      return false;
    }
    return true;
  }

  /**
   * Without PostgreSQL, runs on H2 what would run on PostgreSQL, but only for the parameters the command line
   * left open: {@code -p store=memory} runs the in-memory rows alone, as asked.
   */
  static void withoutPostgres(ChainedOptionsBuilder options, CommandLineOptions jmh) {
    if (!jmh.getParameter("database").hasValue()) {
      options.param("database", Databases.H2);
    }
    if (!jmh.getParameter("store").hasValue()) {
      options.param("store", "memory", Databases.H2);
    }
  }

  /** Runs the benchmarks the arguments name (all by default), as the class comment shows. */
  public static void main(String[] args) throws RunnerException, IOException {
    boolean smoke = false;
    Path docs = null;
    List<String> jmhArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--smoke" -> smoke = true;
        case "--docs" -> {
          if (i + 1 == args.length) {
            throw new IllegalArgumentException("--docs needs the page to update, e.g. --docs docs/performance.md");
          }
          docs = Path.of(args[++i]);
        }
        default -> jmhArgs.add(args[i]);
      }
    }
    // Benchmark name patterns and JMH's own options (-wi 2, -p store=memory, -prof jfr, ...), as JMH reads them.
    CommandLineOptions jmh;
    try {
      jmh = new CommandLineOptions(jmhArgs.toArray(String[]::new));
    } catch (CommandLineOptionException e) {
      throw new IllegalArgumentException("not a JMH option: " + e.getMessage(), e);
    }
    if (answeredWithoutRunning(jmh)) {
      return;
    }
    List<String> includes = jmh.getIncludes();
    Path out = outputDirectory();
    String narrowed = narrowed(smoke, jmhArgs);
    if (docs != null && narrowed != null) {
      throw new IllegalArgumentException("--docs replaces every table of " + docs + ", so it takes a run of the whole"
          + " bench, and this one is narrowed (" + narrowed + "). Drop --docs: every run writes its own tables to "
          + out.resolve("performance-tables.md") + ".");
    }
    Files.createDirectories(out);
    ChainedOptionsBuilder options = new OptionsBuilder()
        .parent(jmh)
        .resultFormat(ResultFormatType.JSON)
        .result(out.resolve("jmh-result.json").toString());
    if (includes.isEmpty()) {
      options.include("dev\\.invitekit\\.bench\\..*");
    }
    if (!Databases.postgresConfigured()) {
      System.out.println("INVITEKIT_PG_URL is not set: the benchmarks that run on PostgreSQL run on H2 instead.");
      withoutPostgres(options, jmh);
    }
    if (smoke) {
      options.warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(300))
          .forks(1).param("invitations", "10000")
          .param("members", "2000") // ContactsBench: the smallest account, so CI's smoke run stays short
          // in place of the benchmarks' own heaps (6 GB, touched before the run, for ConcurrencyBench): the smoke
          // sizes need far less, and a CI runner or a laptop may not have 6 GB to spare beside PostgreSQL
          .jvmArgsAppend("-Xmx2g");
    }
    boolean heapWanted = wantsHeap(includes);
    Collection<RunResult> results;
    try {
      results = new Runner(options.build()).run();
    } catch (NoBenchmarksException e) {
      if (!heapWanted) {
        throw e;
      }
      results = List.of(); // only benchmark 7 named: it is measured below, outside JMH
    }

    List<Ratios.Row> rows = new ArrayList<>(Ratios.of(results));
    if (heapWanted) {
      int n = smoke ? 2_000 : 200_000;
      rows.add(Ratios.heapRow(HeapPerInvitation.measure(n), n));
    }
    String tables = Ratios.markdown(rows, smoke, Map.of("java", Runtime.version().toString(),
        "cores", String.valueOf(Runtime.getRuntime().availableProcessors()),
        "os", System.getProperty("os.name") + " " + System.getProperty("os.arch")));
    Files.writeString(out.resolve("performance-tables.md"), tables, StandardCharsets.UTF_8);
    System.out.println(tables);
    System.out.println("Results: " + (results.isEmpty() ? "" : out.resolve("jmh-result.json") + " and ")
        + out.resolve("performance-tables.md"));
    if (docs != null) {
      DocsTables.replace(docs, tables);
      System.out.println("Updated the tables in " + docs);
    }
    if (smoke && rows.stream().anyMatch(row -> Double.isNaN(row.score()))) {
      throw new IllegalStateException("a benchmark gave no score: " + rows);
    }
  }

  /**
   * What makes a run other than the whole bench as its annotations define it, for the page's tables: {@code
   * --smoke}, or any argument passed to JMH (names, {@code -e}, {@code -p}, {@code -t}, {@code -f}, {@code -i},
   * {@code -prof}, …); {@code null} when nothing does. (Review of round 8: refusing only names and {@code -p} let
   * {@code -e} drop rows, {@code -t 2} run a one-thread baseline on two, and {@code -f 0} drop every heap size.)
   */
  static @Nullable String narrowed(boolean smoke, List<String> jmhArgs) {
    if (smoke) {
      return "--smoke measures nothing";
    }
    // Names and -e choose the rows, -p their sizes and stores; -t, -f, -i, -wi, -bm and the rest change how they
    // are measured (two threads for a one-thread baseline, no fork and so none of the benchmarks' heaps, one
    // iteration and so no interval). The page's table is the bench as its annotations define it, or nothing.
    return jmhArgs.isEmpty() ? null : "run with " + String.join(" ", jmhArgs);
  }

  /**
   * Whether benchmark 7 runs: with no pattern, or one that JMH would match against its name (a regular
   * expression found anywhere in {@code dev.invitekit.bench.HeapPerInvitation}).
   */
  static boolean wantsHeap(List<String> includes) {
    return includes.isEmpty() || includes.stream()
        .anyMatch(include -> Pattern.compile(include).matcher(HeapPerInvitation.class.getName()).find());
  }

  /** The folder the jar is in (target/), or ./target when run from classes. */
  private static Path outputDirectory() {
    try {
      Path location = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path dir = Files.isDirectory(location) ? location.getParent() : location.getParent();
      return dir.resolve("bench-results");
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of("target", "bench-results").toAbsolutePath();
    }
  }

  static String format(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
        : value >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
  }
}
