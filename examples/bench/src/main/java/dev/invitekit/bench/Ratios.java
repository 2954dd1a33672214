package dev.invitekit.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Pairs every benchmark with its baseline from the same run and computes the ratio. A class's baseline is
 * its method named {@code baseline_…}, with the same parameters; for {@link OpenInvitationsBench} it is the same
 * benchmark on the same store at the fewest open invitations. A benchmark that times its own baseline inside
 * every invocation (its secondary results {@value #PAIRS}, {@value #SUBJECT_NS} and {@value #BASELINE_NS}, as
 * {@link Pairs} reports them for {@link PasswordBench}, {@link Argon2Bench}, {@link InviteBench}, {@link
 * JdbcInviteBench}, {@link ContactsBench}, {@link ScaleBench}, {@link PreviewScaleBench}, {@link
 * PreviewFloorBench}, {@link PreviewLookupBench} and {@link OutboxPollBench}) is its own pair: its row is the ratio of the two sides per
 * iteration, with its error.
 */
final class Ratios {
  private Ratios() {}

  /**
   * Secondary result of a paired benchmark: operations on each side in the iteration (one an invocation, or each
   * operation of a block, {@link Pairs#run(int, java.util.function.Supplier, java.util.function.Supplier,
   * org.openjdk.jmh.infra.Blackhole)}).
   */
  static final String PAIRS = "pairs";
  /** Secondary result of a paired benchmark: nanoseconds in the measured side over the iteration. */
  static final String SUBJECT_NS = "invitekitNs";
  /** Secondary result of a paired benchmark: nanoseconds in the baseline side of the same invocations. */
  static final String BASELINE_NS = "baselineNs";
  /** Optional secondary result of a paired benchmark: the measured side's thread CPU time in nanoseconds. */
  static final String SUBJECT_CPU_NS = "invitekitCpuNs";
  /** Optional secondary result of a paired benchmark: the baseline side's thread CPU time in nanoseconds. */
  static final String BASELINE_CPU_NS = "baselineCpuNs";
  /**
   * Paired benchmarks whose two sides share one heap in memory while the measured side holds far more of it
   * (benchmark 3: 1M open invitations against 10k). A collection stops whichever side is running, and
   * the collector's threads take the cores from either, so on the wall clock the larger heap's collections fall on
   * both sides by chance (review of round 8: at 1M the wall clock ratio moved between 0.91x and 1.09x from one
   * iteration to the next as single pauses landed on one side or the other, while the thread CPU stayed at 1.002
   * ± 0.003x). In memory their verdict charges all of the baseline's time off the CPU (every pause, reported by
   * the JVM or not, every core the collector's threads took, every preemption) to the measured side: an upper
   * bound on what the larger heap could add. The plain wall clock and the thread CPU are context. On PostgreSQL
   * the rows live in the server, the time off the CPU is the database's work, and the wall clock decides.
   */
  private static final Set<String> OFF_CPU_TO_SUBJECT_IN_MEMORY = Set.of("ScaleBench.accept", "ScaleBench.preview",
      "PreviewScaleBench.preview", "PreviewFloorBench.handWritten", "PreviewLookupBench.storeLookup");

  /** Paired benchmarks that compare a size of 100k or 1M with {@link ScaleBench#BASELINE_INVITATIONS}. */
  private static final Set<String> SCALE_GROUPS = Set.of("ScaleBench", "PreviewScaleBench", "PreviewFloorBench",
      "PreviewLookupBench", "OutboxPollBench");

  /** Paired benchmarks that also show the difference of the two sides per operation, as context. */
  private static final Set<String> DIFFERENCE = OFF_CPU_TO_SUBJECT_IN_MEMORY;

  /**
   * Paired benchmarks with a target on the measured side's own time in memory, in microseconds an operation:
   * benchmark 3's "at most 2 µs a preview".
   */
  private static final Map<String, Double> MICROS_IN_MEMORY = Map.of("ScaleBench.preview", 2.0);

  /**
   * One line of a table.
   *
   * @param target the target for the ratio (or, for the heap row, for the bytes), or NaN for none
   * @param ratioError the 99.9% half-interval of the ratio where it was measured per iteration (paired
   *     benchmarks), or NaN
   */
  record Row(String group, String benchmark, String params, double score, double error, String unit,
      String baseline, double baselineScore, double ratio, double target, String targetText, double ratioError) {
    /** A row whose ratio is of two scores, without an error of its own. */
    Row(String group, String benchmark, String params, double score, double error, String unit, String baseline,
        double baselineScore, double ratio, double target, String targetText) {
      this(group, benchmark, params, score, error, unit, baseline, baselineScore, ratio, target, targetText,
          Double.NaN);
    }

    /**
     * Met or missed by the ratio (or the bytes); where the ratio has an error, met only when its whole
     * interval is within the target, missed only when all of it is over, and otherwise unresolved.
     */
    String verdict() {
      if (Double.isNaN(target)) {
        return targetText.equals(THROUGHPUT) ? scaling() : "";
      }
      double measured = Double.isNaN(ratio) ? score : ratio;
      if (!Double.isNaN(ratioError)) {
        if (measured + ratioError <= target) {
          return "met";
        }
        if (Double.isInfinite(ratioError)) {
          return "unresolved: no interval";
        }
        return measured - ratioError > target ? "**missed**" : "unresolved: the interval spans the target";
      }
      return measured <= target ? "met" : "**missed**";
    }

    /**
     * Benchmark 8's answer, by the same rule: two threads gained over one only when the whole interval of the
     * ratio is above 1x, lost when all of it is at or below, and otherwise the run cannot tell.
     */
    private String scaling() {
      if (Double.isNaN(ratio) || Double.isNaN(ratioError) || Double.isInfinite(ratioError)) {
        return "unresolved: no interval";
      }
      return ratio - ratioError > 1 ? "scales" : ratio + ratioError <= 1 ? "does not scale"
          : "unresolved: the interval spans 1x";
    }
  }

  /** The target column of benchmark 8's rows, which have no target but a question: do two threads gain? */
  static final String THROUGHPUT = "throughput; 2x is linear on 2 cores";

  /** Targets of issue 12, by class and method. */
  private static final Map<String, Double> TARGETS = Map.of(
      "InviteBench.invite20", 3.0,
      "JdbcInviteBench.invite20Delivered", 1.3,
      "PasswordBench.signIn", 1.05,
      "PasswordBench.signUp", 1.05,
      "Argon2Bench.invitekitAuto", 1.3,
      "ScaleBench.preview", 1.2,
      "ScaleBench.accept", 1.2,
      "ContactsBench.contactsUncached", 1.5);

  /** What the baseline of each paired benchmark class is, for the table. */
  private static final Map<String, String> PAIRED_BASELINES = Map.of(
      "PasswordBench", "the bare hash in the same invocations",
      "Argon2Bench", "the reference C implementation in the same invocations",
      "InviteBench", "the hand-written invite in the same invocations",
      "JdbcInviteBench", "the hand-written JDBC invite in the same invocations",
      "ContactsBench", "the hand-written read in the same invocations",
      "ScaleBench", "the same operation at 10k in the same invocations",
      "PreviewScaleBench", "the same preview at 10k in the same invocations",
      "PreviewFloorBench", "the same hand-written preview at 10k in the same invocations",
      "PreviewLookupBench", "the same look-up at 10k in the same invocations",
      "OutboxPollBench", "the same poll with 10k's mails in the same invocations");

  /**
   * Paired benchmarks whose verdict rests on the wall clock, not the thread's CPU time: an invite allocates
   * about twice what its baseline does (424 against 220 KB), and the garbage collector's threads do that work,
   * so the thread CPU would leave out more of the invite's cost than of the baseline's; a young collection stops
   * the thread that fills the heap, so on the wall clock each side pays for the collections in proportion to
   * what it allocates.
   * On JDBC (benchmarks 2, 3's accepts and 6) the database does much of either side's work, in PostgreSQL's own
   * process, which the benchmark thread's CPU time does not count.
   * Sign-up allocates little beside a 19 MiB hash the collector never sees, and its verdict is the thread CPU.
   */
  private static final Set<String> WALL_CLOCK_VERDICT = Set.of("InviteBench.invite20",
      "JdbcInviteBench.invite20Delivered", "ContactsBench.contactsUncached", "ScaleBench.accept", "ScaleBench.preview",
      "PreviewScaleBench.preview", "PreviewFloorBench.handWritten", "PreviewLookupBench.storeLookup");

  /** Whether a paired benchmark ({@code Class.method}) takes its verdict on the wall clock, not the thread CPU. */
  static boolean verdictOnWallClock(String benchmark) {
    return WALL_CLOCK_VERDICT.contains(benchmark);
  }

  static List<Row> of(Collection<RunResult> results) {
    List<Row> rows = new ArrayList<>();
    for (RunResult result : results) {
      BenchmarkParams params = result.getParams();
      String[] parts = params.getBenchmark().split("\\.");
      String group = parts[parts.length - 2];
      String method = parts[parts.length - 1];
      if (method.startsWith("baseline_")) {
        continue;
      }
      if (result.getSecondaryResults().containsKey(SUBJECT_NS)) {
        boolean cpu = result.getSecondaryResults().containsKey(SUBJECT_CPU_NS);
        List<long[]> iterations = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
          for (IterationResult iteration : fork.getIterationResults()) {
            iterations.add(new long[] {valueOf(iteration, PAIRS), valueOf(iteration, SUBJECT_NS),
                valueOf(iteration, BASELINE_NS), cpu ? valueOf(iteration, SUBJECT_CPU_NS) : 0,
                cpu ? valueOf(iteration, BASELINE_CPU_NS) : 0});
          }
        }
        rows.addAll(pairedRows(group, method, valuesOf(params), iterations, cpu, params.getTimeUnit()));
        continue;
      }
      Result<?> primary = result.getPrimaryResult();
      Optional<RunResult> baseline = baselineOf(results, result, group, method);
      double baselineScore = baseline.map(b -> b.getPrimaryResult().getScore()).orElse(Double.NaN);
      String baselineName = baseline.map(b -> shortName(b) + paramsOf(b.getParams())).orElse("—");
      double ratio = primary.getScore() / baselineScore;
      // a scale benchmark's smallest size is the baseline of its group: compared with itself it has no verdict
      boolean itself = baseline.isPresent() && baseline.get() == result;
      double target = itself ? Double.NaN : TARGETS.getOrDefault(group + "." + method, Double.NaN);
      double ratioError = itself ? Double.NaN
          : baseline.map(b -> ratioError(primary, b.getPrimaryResult())).orElse(Double.NaN);
      rows.add(new Row(group, method, paramsOf(params), primary.getScore(), primary.getScoreError(),
          primary.getScoreUnit(), baselineName, baselineScore, ratio, target,
          itself ? "the baseline of its rows" : !Double.isNaN(target) ? "≤ " + target + "x"
              : method.endsWith("2Threads") ? THROUGHPUT : "", ratioError));
    }
    rows.sort(Comparator.comparing(Row::group).thenComparing(Row::benchmark).thenComparing(Row::params));
    return rows;
  }

  /**
   * The rows of a paired benchmark {@code group.method} run with {@code params}, from its iterations, each {@code
   * {pairs, subjectNs, baselineNs, subjectCpuNs, baselineCpuNs}} (the CPU times 0 where {@code cpu} is false):
   * which rows it has, and which of them carries the target.
   */
  static List<Row> pairedRows(String group, String method, Map<String, String> params, List<long[]> iterations,
      boolean cpu, TimeUnit unit) {
    List<Row> rows = new ArrayList<>();
    String name = group + "." + method;
    double target = TARGETS.getOrDefault(name, Double.NaN);
    String prefix = params.isEmpty() ? "" : new TreeMap<>(params) + " ";
    // With thread CPU times, the verdict rests on them and the wall clock is context: on a shared machine
    // the wall clock counts the time the thread waited for a core, on either side, at random.
    boolean cpuVerdict = cpu && !verdictOnWallClock(name);
    // PreviewScaleBench, PreviewFloorBench and PreviewLookupBench have no store parameter: they run in memory only
    String store = params.getOrDefault("store", "memory");
    boolean inMemory = "memory".equals(store);
    // H2 runs in the JVM's own heap too (jdbc:h2:mem:, where PostgreSQL is not configured): one heap, as in
    // memory (review of round 9)
    boolean bound = cpu && OFF_CPU_TO_SUBJECT_IN_MEMORY.contains(name) && (inMemory || Databases.H2.equals(store));
    // a scale benchmark run at its baseline's own size (-p invitations=10000, --smoke) compares a size with itself
    boolean itself = SCALE_GROUPS.contains(group)
        && String.valueOf(ScaleBench.BASELINE_INVITATIONS).equals(params.get("invitations"));
    if (itself) {
      target = Double.NaN;
    }
    List<long[]> wall = iterations.stream().map(i -> new long[] {i[0], i[1], i[2]}).toList();
    List<long[]> threadCpu = iterations.stream().map(i -> new long[] {i[0], i[3], i[4]}).toList();
    List<long[]> charged = iterations.stream().map(i -> offCpuToSubject(i[0], i[1], i[2], i[4])).toList();
    if (cpu) {
      rows.add(paired(group, method, prefix + "thread CPU", threadCpu, cpuVerdict ? target : Double.NaN, unit));
    }
    rows.add(paired(group, method, prefix + "wall clock", wall, cpuVerdict || bound ? Double.NaN : target, unit));
    if (bound) {
      rows.add(paired(group, method, prefix + "wall clock, the baseline's time off the CPU charged to it", charged,
          target, unit));
    }
    Double micros = MICROS_IN_MEMORY.get(name);
    if (micros != null && inMemory && !itself) {
      // on the same clock as the ratio's verdict: with the baseline's time off the CPU charged to it
      rows.add(ownTime(group, method, prefix + "the measured side alone, as the verdict's row charges it",
          bound ? charged : wall, micros));
    }
    if (DIFFERENCE.contains(name)) {
      rows.add(difference(group, method, prefix + "wall clock, less the baseline", wall, unit));
      if (cpu) {
        rows.add(difference(group, method, prefix + "thread CPU, less the baseline", threadCpu, unit));
      }
    }
    return rows;
  }

  /**
   * The half-width of an interval that holds the ratio of two scores measured apart, each within its own 99.9%
   * interval: the larger distance from {@code a / b} to {@code (a - ea) / (b + eb)} or {@code (a + ea) / (b - eb)}.
   * Infinite where either score has no interval (one iteration) or the baseline's reaches zero; a verdict then
   * stays unresolved, as for a paired row.
   */
  static double ratioError(Result<?> subject, Result<?> baseline) {
    return ratioError(subject.getScore(), subject.getScoreError(), baseline.getScore(), baseline.getScoreError());
  }

  static double ratioError(double a, double ea, double b, double eb) {
    if (Double.isNaN(ea) || Double.isNaN(eb) || b - eb <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    double ratio = a / b;
    return Math.max(ratio - (a - ea) / (b + eb), (a + ea) / (b - eb) - ratio);
  }

  /**
   * The row of a paired benchmark from its iterations, each {@code {pairs, subjectNs, baselineNs}}: the mean
   * time of each side per invocation, and the mean over iterations of each iteration's ratio of the two sums,
   * with JMH's 99.9% interval (Student's t across iterations; NaN for a single iteration).
   */
  static Row paired(String group, String method, String params, List<long[]> iterations, double target,
      TimeUnit unit) {
    double nanosPerUnit = unit.toNanos(1);
    ListStatistics subject = new ListStatistics();
    ListStatistics baseline = new ListStatistics();
    ListStatistics ratio = new ListStatistics();
    for (long[] iteration : iterations) {
      double pairs = iteration[0];
      subject.addValue(iteration[1] / pairs / nanosPerUnit);
      baseline.addValue(iteration[2] / pairs / nanosPerUnit);
      ratio.addValue((double) iteration[1] / iteration[2]);
    }
    return new Row(group, method, params, subject.getMean(), subject.getMeanErrorAt(0.999), unitName(unit) + "/op",
        PAIRED_BASELINES.getOrDefault(group, "the baseline in the same invocations"), baseline.getMean(),
        ratio.getMean(), target, Double.isNaN(target) ? "" : "≤ " + target + "x",
        // A paired verdict needs an interval, and JMH gives none for one or two iterations (NaN): an unbounded error
        // leaves it unresolved (a run with -i 2 read "met" on the point estimate alone).
        Double.isNaN(ratio.getMeanErrorAt(0.999)) ? Double.POSITIVE_INFINITY : ratio.getMeanErrorAt(0.999));
  }

  private static String unitName(TimeUnit unit) {
    return switch (unit) {
      case NANOSECONDS -> "ns";
      case MICROSECONDS -> "us";
      case MILLISECONDS -> "ms";
      case SECONDS -> "s";
      default -> unit.name().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * One iteration, {@code {pairs, subjectNs, baselineNs}}, with the baseline's time off the CPU ({@code baselineNs
   * - baselineCpuNs}, never below zero) moved to the measured side.
   */
  static long[] offCpuToSubject(long pairs, long subjectNs, long baselineNs, long baselineCpuNs) {
    long offCpu = Math.max(0, baselineNs - baselineCpuNs);
    return new long[] {pairs, subjectNs + offCpu, baselineNs - offCpu};
  }

  /**
   * The measured side's time less the baseline's, per operation, from a paired benchmark's iterations ({@code
   * {pairs, subjectNs, baselineNs}}): the mean over iterations with its 99.9% interval. Context without a target:
   * how much the operation grows in absolute terms, whatever the part that is the same on both sides.
   */
  static Row difference(String group, String method, String params, List<long[]> iterations, TimeUnit unit) {
    double nanosPerUnit = unit.toNanos(1);
    ListStatistics difference = new ListStatistics();
    for (long[] iteration : iterations) {
      difference.addValue((iteration[1] - iteration[2]) / (double) iteration[0] / nanosPerUnit);
    }
    return new Row(group, method, params, difference.getMean(),
        iterations.size() < 2 ? Double.NaN : difference.getMeanErrorAt(0.999), unitName(unit) + "/op",
        PAIRED_BASELINES.getOrDefault(group, "the baseline in the same invocations") + ", subtracted", Double.NaN,
        Double.NaN, Double.NaN, "");
  }

  /**
   * The measured side's own wall-clock time per operation, in microseconds, from a paired benchmark's iterations
   * ({@code {pairs, subjectNs, baselineNs}}), against a target in microseconds: met only when the whole 99.9%
   * interval is within it. Its ratio column stays empty: the target is on the time itself.
   */
  static Row ownTime(String group, String method, String params, List<long[]> iterations, double targetMicros) {
    ListStatistics micros = new ListStatistics();
    for (long[] iteration : iterations) {
      micros.addValue(iteration[1] / (double) iteration[0] / 1_000);
    }
    double error = iterations.size() < 2 ? Double.NaN : micros.getMeanErrorAt(0.999);
    // as for a ratio: without an interval the verdict stays unresolved
    return new Row(group, method, params, micros.getMean(), error, "us/op", "—", Double.NaN, Double.NaN,
        targetMicros, "≤ " + BigDecimal.valueOf(targetMicros).stripTrailingZeros().toPlainString() + " µs",
        Double.isNaN(error) ? Double.POSITIVE_INFINITY : error);
  }

  private static long valueOf(IterationResult iteration, String name) {
    Result<?> value = iteration.getSecondaryResults().get(name);
    if (value == null) {
      throw new IllegalStateException("a paired benchmark's iteration has no " + name + ": "
          + iteration.getSecondaryResults().keySet());
    }
    return Math.round(value.getScore());
  }

  static Row heapRow(double bytesPerInvitation, int invitations) {
    return new Row("HeapPerInvitation", "pendingInvitation", "n=" + invitations, bytesPerInvitation, Double.NaN,
        "bytes", "—", Double.NaN, Double.NaN, 400, "≤ 400 bytes");
  }

  private static Optional<RunResult> baselineOf(Collection<RunResult> results, RunResult of, String group,
      String method) {
    BenchmarkParams params = of.getParams();
    if (group.equals("OpenInvitationsBench")) {
      // the same operation on the same store at the fewest open invitations
      return results.stream()
          .filter(r -> r.getParams().getBenchmark().equals(params.getBenchmark()))
          .filter(r -> sameButSize(valuesOf(r.getParams()), valuesOf(params)))
          .min(Comparator.comparingInt(r -> Integer.parseInt(Objects.requireNonNull(r.getParams().getParam("invitations")))));
    }
    // the class's baseline with the same parameters; of several, the one named most like the benchmark
    // (accept2Threads pairs with baseline_accept1Thread, redeem2Threads with baseline_redeem1Thread)
    return results.stream()
        .filter(r -> shortName(r).startsWith(group + ".baseline_"))
        .filter(r -> paramsOf(r.getParams()).equals(paramsOf(params)))
        .max(Comparator.comparingInt(r -> commonPrefix(shortName(r).substring(group.length() + ".baseline_".length()),
            method)));
  }

  private static int commonPrefix(String a, String b) {
    int n = 0;
    while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
      n++;
    }
    return n;
  }

  private static String shortName(RunResult result) {
    String[] parts = result.getParams().getBenchmark().split("\\.");
    return parts[parts.length - 2] + "." + parts[parts.length - 1];
  }

  private static String paramsOf(BenchmarkParams params) {
    Map<String, String> values = valuesOf(params);
    return values.isEmpty() ? "" : values.toString();
  }

  private static Map<String, String> valuesOf(BenchmarkParams params) {
    Map<String, String> values = new TreeMap<>();
    for (String key : params.getParamsKeys()) {
      values.put(key, params.getParam(key));
    }
    return values;
  }

  /** Whether two benchmarks' parameters differ at most in the number of open invitations (benchmark 3). */
  static boolean sameButSize(Map<String, String> a, Map<String, String> b) {
    Map<String, String> x = new TreeMap<>(a);
    Map<String, String> y = new TreeMap<>(b);
    x.remove("invitations");
    y.remove("invitations");
    return x.equals(y);
  }

  static String markdown(List<Row> rows, boolean smoke, Map<String, String> machine) {
    StringBuilder out = new StringBuilder();
    if (smoke) {
      out.append("_Smoke run (one short iteration each): the numbers only show that every benchmark runs, "
          + "so the table gives no verdicts._\n\n");
    }
    out.append("Machine: ").append(new TreeMap<>(machine)).append("\n\n");
    out.append("| benchmark | params | time or size | baseline (same run) | ratio | target | |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      String value = BenchMain.format(row.score())
          + (Double.isNaN(row.error()) ? "" : " ± " + BenchMain.format(row.error())) + " " + row.unit();
      String baseline = Double.isNaN(row.baselineScore()) ? row.baseline()
          : row.baseline() + ": " + BenchMain.format(row.baselineScore()) + " " + row.unit();
      String ratio = Double.isNaN(row.ratio()) ? "—"
          : Double.isNaN(row.ratioError()) ? BenchMain.format(row.ratio()) + "x"
          : Double.isInfinite(row.ratioError()) ? String.format(Locale.ROOT, "%.3fx (no interval)", row.ratio())
          : String.format(Locale.ROOT, "%.3f ± %.3fx", row.ratio(), row.ratioError());
      out.append("| ").append(row.group()).append('.').append(row.benchmark()).append(" | ").append(row.params())
          .append(" | ").append(value).append(" | ").append(baseline).append(" | ").append(ratio).append(" | ")
          .append(row.targetText()).append(" | ").append(smoke ? "" : row.verdict()).append(" |\n");
    }
    return out.toString();
  }
}
