package dev.invitekit.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Pairs every benchmark with its baseline from the same run and computes the ratio. A class's baseline is
 * its method named {@code baseline_…}, with the same parameters; for {@link PreviewScaleBench} it is the
 * same benchmark at the smallest store, and for {@link OpenInvitationsBench} the same benchmark on the same
 * store at the fewest open invitations.
 */
final class Ratios {
  private Ratios() {}

  /**
   * One line of a table.
   *
   * @param target the target for the ratio (or, for the heap row, for the bytes), or NaN for none
   */
  record Row(String group, String benchmark, String params, double score, double error, String unit,
      String baseline, double baselineScore, double ratio, double target, String targetText) {
    String verdict() {
      if (Double.isNaN(target)) {
        return "";
      }
      double measured = Double.isNaN(ratio) ? score : ratio;
      return measured <= target ? "met" : "**missed**";
    }
  }

  /** Targets of issue 12, by class and method. */
  private static final Map<String, Double> TARGETS = Map.of(
      "InviteBench.invite20", 3.0,
      "JdbcInviteBench.invite20Delivered", 1.3,
      "PasswordBench.signIn", 1.05,
      "PasswordBench.signUp", 1.05,
      "Argon2Bench.invitekitAuto", 1.3,
      "PreviewScaleBench.preview", 1.2,
      "OpenInvitationsBench.preview", 1.2,
      "OpenInvitationsBench.accept", 1.2,
      "ContactsBench.contactsUncached", 1.5);

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
      Result<?> primary = result.getPrimaryResult();
      Optional<RunResult> baseline = baselineOf(results, result, group, method);
      double baselineScore = baseline.map(b -> b.getPrimaryResult().getScore()).orElse(Double.NaN);
      String baselineName = baseline.map(b -> shortName(b) + paramsOf(b.getParams())).orElse("—");
      double ratio = primary.getScore() / baselineScore;
      double target = TARGETS.getOrDefault(group + "." + method, Double.NaN);
      rows.add(new Row(group, method, paramsOf(params), primary.getScore(), primary.getScoreError(),
          primary.getScoreUnit(), baselineName, baselineScore, ratio, target,
          !Double.isNaN(target) ? "≤ " + target + "x"
              : method.endsWith("2Threads") ? "throughput; 2x is linear on 2 cores" : ""));
    }
    rows.sort(Comparator.comparing(Row::group).thenComparing(Row::benchmark).thenComparing(Row::params));
    return rows;
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
    if (group.equals("PreviewScaleBench")) {
      return results.stream()
          .filter(r -> r.getParams().getBenchmark().equals(params.getBenchmark()))
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
      out.append("_Smoke run (one short iteration each): the numbers only show that every benchmark runs._\n\n");
    }
    out.append("Machine: ").append(new TreeMap<>(machine)).append("\n\n");
    out.append("| benchmark | params | time or size | baseline (same run) | ratio | target | |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      String value = BenchMain.format(row.score())
          + (Double.isNaN(row.error()) ? "" : " ± " + BenchMain.format(row.error())) + " " + row.unit();
      String baseline = Double.isNaN(row.baselineScore()) ? row.baseline()
          : row.baseline() + ": " + BenchMain.format(row.baselineScore()) + " " + row.unit();
      String ratio = Double.isNaN(row.ratio()) ? "—" : BenchMain.format(row.ratio()) + "x";
      out.append("| ").append(row.group()).append('.').append(row.benchmark()).append(" | ").append(row.params())
          .append(" | ").append(value).append(" | ").append(baseline).append(" | ").append(ratio).append(" | ")
          .append(row.targetText()).append(" | ").append(row.verdict()).append(" |\n");
    }
    return out.toString();
  }
}
