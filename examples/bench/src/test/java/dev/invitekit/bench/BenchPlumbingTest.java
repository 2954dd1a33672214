package dev.invitekit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.spi.store.PasswordHash;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** The bench's own plumbing: its baseline does the work it claims, and the tables land where they should. */
class BenchPlumbingTest {
  @Test
  void theHandWrittenBaselineRendersInvitekitsTemplatesWithATokenPerAddress() {
    HandWrittenInvite baseline = new HandWrittenInvite();
    HandWrittenInvite.Mail[] mails = baseline.invite(new String[] {"a@acme.com", "b@acme.com"}, LocalDate.of(2026, 12, 9));

    assertThat(baseline.size()).isEqualTo(2);
    assertThat(mails[0].subject()).isEqualTo("Dana Whitfield invited you to join Acme on Invitekit");
    assertThat(mails[0].text()).contains("https://app.example.com/invitations/").contains("a@acme.com")
        .doesNotContain("{");
    assertThat(mails[1].html()).contains("Create account").contains("b@acme.com").doesNotContain("{link}");
    assertThat(mails[0].text()).isNotEqualTo(mails[1].text());
  }

  @Test
  void verdictsCompareTheRatioOrForTheHeapTheBytesWithTheTarget() {
    Ratios.Row fast = new Ratios.Row("InviteBench", "invite20", "", 30, 1, "us/op", "b", 20, 1.5, 3.0, "≤ 3x");
    Ratios.Row slow = new Ratios.Row("InviteBench", "invite20", "", 90, 1, "us/op", "b", 20, 4.5, 3.0, "≤ 3x");
    Ratios.Row heap = Ratios.heapRow(993, 2000);

    assertThat(fast.verdict()).isEqualTo("met");
    assertThat(slow.verdict()).isEqualTo("**missed**");
    assertThat(heap.verdict()).isEqualTo("**missed**");
    assertThat(Ratios.markdown(List.of(fast, heap), true, Map.of("cores", "2")))
        .contains("| InviteBench.invite20 |").contains("1.50x").contains("993 bytes").contains("Smoke run")
        .doesNotContain("| met |").doesNotContain("missed"); // a smoke run has no verdicts
  }

  @Test
  void aPairedBenchmarksRatioIsTheMeanOfEachIterationsSumsWithAnIntervalAcrossIterations() {
    // {pairs, Invitekit's nanoseconds, the bare hash's nanoseconds} per iteration: 1.02, 1.04 and 1.03
    List<long[]> iterations = List.of(new long[] {10, 306_000_000, 300_000_000},
        new long[] {20, 624_000_000, 600_000_000}, new long[] {10, 309_000_000, 300_000_000});

    Ratios.Row row = Ratios.paired("PasswordBench", "signUp", "thread CPU", iterations, 1.05, TimeUnit.MILLISECONDS);

    assertThat(row.score()).isCloseTo((30.6 + 31.2 + 30.9) / 3, within(1e-9));
    assertThat(row.baselineScore()).isCloseTo(30.0, within(1e-9));
    assertThat(row.ratio()).isCloseTo(1.03, within(1e-9));
    assertThat(row.ratioError()).isPositive().isFinite();
    assertThat(Ratios.markdown(List.of(row), false, Map.of())).contains(" ± ").contains("x |");
    // One iteration (a smoke run) has no interval: the paired verdict stays unresolved, whatever the ratio.
    Ratios.Row once = Ratios.paired("InviteBench", "invite20", "", List.of(new long[] {10, 9_000_000, 1_000_000}),
        3.0, TimeUnit.MICROSECONDS);
    assertThat(once.ratioError()).isInfinite();
    assertThat(once.verdict()).startsWith("unresolved");
    assertThat(Ratios.markdown(List.of(once), false, Map.of())).contains("9.000x (no interval)")
        .doesNotContain("missed");
    // Nor do two (JMH's interval needs three iterations): unresolved, not judged on the point estimate.
    Ratios.Row twice = Ratios.paired("InviteBench", "invite20", "", List.of(new long[] {10, 1_000_000, 1_000_000},
        new long[] {10, 1_100_000, 1_000_000}), 3.0, TimeUnit.MICROSECONDS);
    assertThat(twice.verdict()).startsWith("unresolved");
    // An invite's pairs in microseconds, against the hand-written invite.
    Ratios.Row invite = Ratios.paired("InviteBench", "invite20", "wall clock",
        List.of(new long[] {1_000, 600_000_000, 200_000_000}), 3.0, TimeUnit.MICROSECONDS);
    assertThat(invite.score()).isCloseTo(600.0, within(1e-9));
    assertThat(invite.unit()).isEqualTo("us/op");
    assertThat(invite.baseline()).contains("hand-written invite");
    assertThat(invite.ratio()).isCloseTo(3.0, within(1e-9));
    // Where a database or the collector does a side's work off the benchmark thread, the wall clock decides.
    assertThat(Ratios.verdictOnWallClock("InviteBench.invite20")).isTrue();
    assertThat(Ratios.verdictOnWallClock("JdbcInviteBench.invite20Delivered")).isTrue();
    assertThat(Ratios.verdictOnWallClock("ContactsBench.contactsUncached")).isTrue();
    assertThat(Ratios.verdictOnWallClock("ScaleBench.accept")).isTrue();
    assertThat(Ratios.verdictOnWallClock("ScaleBench.preview")).isTrue();
    assertThat(Ratios.verdictOnWallClock("PreviewScaleBench.preview")).isTrue();
    assertThat(Ratios.verdictOnWallClock("PasswordBench.signUp")).isFalse();
    // Benchmark 3's accepts on one heap (review of round 8): the baseline's time off the CPU (pauses, the
    // collector's threads) moves to the measured side, so the bound is above the plain ratio; a baseline that was
    // never off the CPU (its CPU time a little over its wall clock, as the two clocks' resolutions allow) moves none.
    long[] charged = Ratios.offCpuToSubject(100, 33_000_000, 32_000_000, 30_000_000);
    assertThat(charged).containsExactly(100, 35_000_000, 30_000_000);
    assertThat(Ratios.offCpuToSubject(100, 33_000_000, 32_000_000, 32_100_000))
        .containsExactly(100, 33_000_000, 32_000_000);
    Ratios.Row bound = Ratios.paired("ScaleBench", "accept", "", List.of(charged, charged, charged), 1.2,
        TimeUnit.MICROSECONDS);
    assertThat(bound.ratio()).isCloseTo(35 / 30.0, within(1e-9));
    assertThat(bound.verdict()).isEqualTo("met");
    Ratios.Row difference = Ratios.difference("ScaleBench", "accept", "",
        List.of(new long[] {100, 33_000_000, 32_000_000}, new long[] {100, 32_000_000, 32_500_000},
            new long[] {100, 32_000_000, 32_000_000}),
        TimeUnit.MICROSECONDS);
    assertThat(difference.score()).isCloseTo((10.0 - 5.0 + 0) / 3, within(1e-9)); // +10, -5 and 0 us an accept
    assertThat(difference.error()).isPositive();
    assertThat(difference.verdict()).isEmpty();
    // Benchmark 3: each size paired with 10k in the same invocations.
    assertThat(Ratios.paired("ScaleBench", "accept", "{invitations=1000000, store=memory} wall clock",
        List.of(new long[] {100, 33_000_000, 32_000_000}), 1.2, TimeUnit.MICROSECONDS).baseline())
        .isEqualTo("the same operation at 10k in the same invocations");
    Ratios.Row contacts = Ratios.paired("ContactsBench", "contactsUncached", "{store=h2} wall clock",
        List.of(new long[] {50, 1_500_000_000, 1_000_000_000}, new long[] {50, 1_450_000_000, 1_000_000_000}), 1.5,
        TimeUnit.MILLISECONDS);
    assertThat(contacts.score()).isCloseTo(29.5, within(1e-9));
    assertThat(contacts.baseline()).contains("hand-written read");
    assertThat(contacts.ratio()).isCloseTo(1.475, within(1e-9));
  }

  /**
   * Which rows a paired benchmark gets and which one carries the target: in memory (and on H2, in the same heap)
   * benchmark 3's verdict is the row with the baseline's time off the CPU charged, with a 2 µs row for previews in
   * memory; on PostgreSQL the wall clock; a size compared with itself and the context benchmarks have none; sign-up
   * is judged in the thread CPU and the invite on the wall clock.
   */
  @Test
  void eachPairedBenchmarkHasItsTargetOnTheRowItsVerdictRestsOn() {
    List<long[]> iterations = List.of(new long[] {10_000, 7_000_000, 6_900_000, 6_800_000, 6_700_000},
        new long[] {10_000, 7_100_000, 6_900_000, 6_900_000, 6_700_000},
        new long[] {10_000, 7_000_000, 7_000_000, 6_800_000, 6_800_000});
    assertThat(targeted(Ratios.pairedRows("ScaleBench", "preview", Map.of("invitations", "1000000", "store",
        "memory"), iterations, true, TimeUnit.MICROSECONDS))).containsExactlyInAnyOrder(
            "{invitations=1000000, store=memory} wall clock, the baseline's time off the CPU charged to it: ≤ 1.2x",
            "{invitations=1000000, store=memory} the measured side alone, as the verdict's row charges it: ≤ 2 µs");
    assertThat(targeted(Ratios.pairedRows("ScaleBench", "accept", Map.of("invitations", "100000", "store", "h2"),
        iterations, true, TimeUnit.MICROSECONDS))).containsExactly(
            "{invitations=100000, store=h2} wall clock, the baseline's time off the CPU charged to it: ≤ 1.2x");
    assertThat(targeted(Ratios.pairedRows("ScaleBench", "preview", Map.of("invitations", "1000000", "store",
        "postgresql"), iterations, true, TimeUnit.MICROSECONDS))).containsExactly(
            "{invitations=1000000, store=postgresql} wall clock: ≤ 1.2x");
    assertThat(targeted(Ratios.pairedRows("ScaleBench", "preview", Map.of("invitations", "10000", "store",
        "memory"), iterations, true, TimeUnit.MICROSECONDS))).isEmpty();
    assertThat(targeted(Ratios.pairedRows("PreviewScaleBench", "preview", Map.of("invitations", "1000000"),
        iterations, true, TimeUnit.MICROSECONDS))).isEmpty();
    // the hand-written floor is context, on the clock of the preview it stands under
    List<Ratios.Row> floor = Ratios.pairedRows("PreviewFloorBench", "handWritten", Map.of("invitations", "1000000"),
        iterations, true, TimeUnit.MICROSECONDS);
    assertThat(targeted(floor)).isEmpty();
    // the same rows as the preview it stands under, on the same clocks, but for the preview's own 2 µs row
    List<String> previewRows = Ratios.pairedRows("ScaleBench", "preview", Map.of("invitations", "1000000", "store",
        "memory"), iterations, true, TimeUnit.MICROSECONDS).stream().map(r -> r.params().replace(", store=memory", ""))
        .filter(params -> !params.endsWith("as the verdict's row charges it")).toList();
    assertThat(floor).extracting(Ratios.Row::params).containsExactlyElementsOf(previewRows);
    // the store's look-up alone: context too, the same rows as the floor, against its own baseline
    List<Ratios.Row> lookup = Ratios.pairedRows("PreviewLookupBench", "storeLookup", Map.of("invitations",
        "1000000"), iterations, true, TimeUnit.MICROSECONDS);
    assertThat(targeted(lookup)).isEmpty();
    assertThat(lookup).extracting(Ratios.Row::params).containsExactlyElementsOf(previewRows);
    assertThat(lookup).extracting(Ratios.Row::baseline).allMatch(b -> b.startsWith("the same look-up at 10k"));
    assertThat(targeted(Ratios.pairedRows("PreviewLookupBench", "storeLookup", Map.of("invitations", "10000"),
        iterations, true, TimeUnit.MICROSECONDS))).isEmpty();
    assertThat(targeted(Ratios.pairedRows("PasswordBench", "signUp", Map.of(), iterations, true,
        TimeUnit.MILLISECONDS))).containsExactly("thread CPU: ≤ 1.05x");
    // benchmark 5, paired since round 10, as benchmark 4: thread CPU, native code included
    assertThat(targeted(Ratios.pairedRows("Argon2Bench", "invitekitAuto", Map.of(), iterations, true,
        TimeUnit.MILLISECONDS))).containsExactly("thread CPU: ≤ 1.3x");
    assertThat(targeted(Ratios.pairedRows("Argon2Bench", "invitekitPureJava", Map.of(), iterations, true,
        TimeUnit.MILLISECONDS))).isEmpty();
    assertThat(targeted(Ratios.pairedRows("InviteBench", "invite20", Map.of(), iterations, true,
        TimeUnit.MICROSECONDS))).containsExactly("wall clock: ≤ 3.0x");
    // the charged row moves the baseline's 0.1 to 0.2 ms off the CPU an iteration to the larger side
    Ratios.Row charged = Ratios.pairedRows("ScaleBench", "preview", Map.of("invitations", "1000000", "store",
        "memory"), iterations, true, TimeUnit.MICROSECONDS).stream()
        .filter(r -> r.params().endsWith("charged to it")).findFirst().orElseThrow();
    assertThat(charged.ratio()).isCloseTo((7.2 / 6.7 + 7.3 / 6.7 + 7.2 / 6.8) / 3, within(1e-9));
  }

  /** The rows that carry a target, as "params: target". */
  private static List<String> targeted(List<Ratios.Row> rows) {
    return rows.stream().filter(r -> !Double.isNaN(r.target())).map(r -> r.params() + ": " + r.targetText())
        .toList();
  }

  /**
   * Benchmark 5 runs on the native engine or not at all, and each invocation hashes once with Invitekit's hasher
   * and once with the reference C, both timed (one OWASP hash a side: about 50 ms).
   */
  @Test
  void argon2BenchPairsInvitekitsNativeHashWithTheReference() {
    Argon2Bench bench = new Argon2Bench();
    bench.requireNative();
    Pairs pairs = new Pairs();
    pairs.reset();
    PasswordHash hash = bench.invitekitAuto(pairs, blackhole());
    assertThat(hash.phc()).startsWith("$argon2id$v=19$m=" + PasswordHashing.OWASP_MEMORY_KIB + ",");
    assertThat(pairs.pairs).isEqualTo(1);
    assertThat(pairs.invitekitCpuNs).isPositive();
    assertThat(pairs.baselineCpuNs).isPositive();
  }

  /**
   * Blocks of operations keep the order alternating by invocation (every block of one side together), and count
   * each operation as one of a pair; a block of none is refused.
   */
  @Test
  void pairsRunBlocksInAlternatingOrderAndCountEachOperation() {
    Pairs pairs = new Pairs();
    pairs.reset();
    Blackhole hole = blackhole();
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      assertThat(pairs.run(2, () -> order.append('I').length(), () -> order.append('b'), hole)).isPositive();
      order.append('|');
    }
    assertThat(order).hasToString("IIbb|bbII|IIbb|");
    assertThat(pairs.pairs).isEqualTo(6);
    assertThatThrownBy(() -> pairs.run(0, () -> 1, () -> 2, hole)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Every operation of a block is inside its side's time (a block timed only in part would make a per-operation
   * time, and the 2 µs row, too small), and a side's CPU time is read inside its wall clock's interval.
   */
  @Test
  void aBlockIsTimedWholeOnEachSideAndItsCpuTimeIsWithinItsWallClock() {
    Pairs pairs = new Pairs();
    pairs.reset();
    Blackhole hole = blackhole();
    for (int i = 0; i < 2; i++) {
      pairs.run(5, () -> spin(2_000_000), () -> spin(1_000_000), hole);
    }
    assertThat(pairs.pairs).isEqualTo(10);
    assertThat(pairs.invitekitNs).isGreaterThanOrEqualTo(10 * 2_000_000L);
    assertThat(pairs.baselineNs).isGreaterThanOrEqualTo(10 * 1_000_000L).isLessThan(pairs.invitekitNs);
    // spinning keeps the thread on a core, so most of each side's wall clock is its CPU time
    assertThat(pairs.invitekitCpuNs).isLessThanOrEqualTo(pairs.invitekitNs).isPositive();
    assertThat(pairs.baselineCpuNs).isLessThanOrEqualTo(pairs.baselineNs).isPositive();
  }

  /** A Blackhole for calling benchmark methods outside JMH, as the plumbing tests do. */
  static Blackhole blackhole() {
    return new Blackhole(
        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
  }

  /** Busy for at least {@code nanos} on the wall clock. */
  private static long spin(long nanos) {
    long start = System.nanoTime();
    long spins = 0;
    while (System.nanoTime() - start < nanos) {
      spins++;
    }
    return spins;
  }

  /**
   * Benchmark 3's "at most 2 µs a preview" in memory: the measured side's own time per preview, from the pairs'
   * sums (blocks of previews count each preview), judged by the same interval rule as a ratio.
   */
  @Test
  void aPreviewsOwnTimeIsJudgedAgainstTwoMicrosecondsByItsWholeInterval() {
    // 100 pairs of blocks of 100 previews: 10,000 previews a side, 7 ms of them, so 0.7 µs a preview
    long[] quick = {10_000, 7_000_000, 6_900_000};
    Ratios.Row met = Ratios.ownTime("ScaleBench", "preview", "", List.of(quick, quick, new long[] {10_000, 7_200_000,
        6_900_000}), 2.0);
    assertThat(met.score()).isCloseTo(0.7067, within(1e-3));
    assertThat(met.unit()).isEqualTo("us/op");
    assertThat(met.targetText()).isEqualTo("≤ 2 µs");
    assertThat(met.verdict()).isEqualTo("met");
    long[] slow = {10_000, 25_000_000, 6_900_000};
    assertThat(Ratios.ownTime("ScaleBench", "preview", "", List.of(slow, slow, slow), 2.0).verdict())
        .isEqualTo("**missed**");
    assertThat(Ratios.ownTime("ScaleBench", "preview", "", List.of(new long[] {10_000, 15_000_000, 1},
        new long[] {10_000, 25_000_000, 1}, new long[] {10_000, 20_000_000, 1}), 2.0).verdict())
        .isEqualTo("unresolved: the interval spans the target");
    assertThat(Ratios.ownTime("ScaleBench", "preview", "", List.<long[]>of(quick), 2.0).verdict())
        .isEqualTo("unresolved: no interval");
  }

  @Test
  void aRatioWithAnIntervalIsMetOrMissedOnlyWhenTheWholeIntervalIsOnOneSideOfTheTarget() {
    assertThat(paired(1.03, 0.01).verdict()).isEqualTo("met");
    assertThat(paired(1.07, 0.01).verdict()).isEqualTo("**missed**");
    assertThat(paired(1.045, 0.01).verdict()).startsWith("unresolved");
    assertThat(paired(1.055, 0.01).verdict()).startsWith("unresolved");
    assertThat(paired(1.03, Double.NaN).verdict()).isEqualTo("met"); // a ratio of two scores, without an interval
  }

  /**
   * Benchmarks 3 and 5 are ratios of two scores measured apart (review of round 7: a 1M accept of 386 ± 367 µs
   * against 326 µs was "met"): their interval holds both scores' intervals, and the same rule applies.
   */
  @Test
  void aRatioOfTwoScoresMeasuredApartTakesItsIntervalFromBothAndIsUnresolvedWhereItSpansTheTarget() {
    double wide = Ratios.ratioError(386, 367, 326, 20);
    Ratios.Row accept = new Ratios.Row("OpenInvitationsBench", "accept", "{invitations=1000000, store=memory}", 386,
        367, "us/op", "10k", 326, 386 / 326.0, 1.2, "≤ 1.2x", wide);
    assertThat(wide).isGreaterThan((386 + 367) / (326 - 20.0) - 386 / 326.0 - 1e-9);
    assertThat(accept.verdict()).isEqualTo("unresolved: the interval spans the target");
    assertThat(Ratios.markdown(List.of(accept), false, Map.of())).contains("1.184 ± ");

    double narrow = Ratios.ratioError(1.9, 0.05, 1.8, 0.05); // a preview at 1M against 10k: 1.03 to 1.08
    assertThat(new Ratios.Row("PreviewScaleBench", "preview", "", 1.9, 0.05, "us/op", "10k", 1.8, 1.9 / 1.8, 1.2,
        "≤ 1.2x", narrow).verdict()).isEqualTo("met");
    assertThat(new Ratios.Row("PreviewScaleBench", "preview", "", 2.6, 0.05, "us/op", "10k", 1.8, 2.6 / 1.8, 1.2,
        "≤ 1.2x", Ratios.ratioError(2.6, 0.05, 1.8, 0.05)).verdict()).isEqualTo("**missed**");
    // a score without an interval (one iteration), or a baseline whose interval reaches zero: no interval
    assertThat(Ratios.ratioError(2, Double.NaN, 1, 0.1)).isInfinite();
    assertThat(Ratios.ratioError(2, 0.1, 1, 1)).isInfinite();
  }

  /** Benchmark 8 answers "scales" or "does not scale" only where the whole interval is on one side of 1x. */
  @Test
  void twoThreadsScaleOnlyWhenTheWholeIntervalOfTheirRatioIsAboveOne() {
    assertThat(throughput(3_873, 3_680, 2_966, 300).verdict()).isEqualTo("unresolved: the interval spans 1x");
    assertThat(throughput(5_800, 100, 2_966, 50).verdict()).isEqualTo("scales");
    assertThat(throughput(2_000, 100, 2_966, 50).verdict()).isEqualTo("does not scale");
  }

  private static Ratios.Row throughput(double twoThreads, double error, double oneThread, double baselineError) {
    return new Ratios.Row("ConcurrencyBench", "accept2Threads", "{store=memory}", twoThreads, error, "ops/s",
        "one thread", oneThread, twoThreads / oneThread, Double.NaN, Ratios.THROUGHPUT,
        Ratios.ratioError(twoThreads, error, oneThread, baselineError));
  }

  private static Ratios.Row paired(double ratio, double error) {
    return new Ratios.Row("PasswordBench", "signUp", "", 31, 1, "ms/op", "hash", 30, ratio, 1.05, "≤ 1.05x", error);
  }

  /** --docs replaces the page's whole table, so a narrowed run must not write it (review of round 7). */
  @Test
  void onlyAWholeRunAtFullLengthMayReplaceThePagesTables() {
    assertThat(BenchMain.narrowed(false, List.of())).isNull();
    assertThat(BenchMain.narrowed(true, List.of())).contains("--smoke");
    assertThat(BenchMain.narrowed(false, List.of("HeapPerInvitation"))).contains("HeapPerInvitation");
    assertThat(BenchMain.narrowed(false, List.of("-p", "store=memory"))).contains("-p store=memory");
    // review of round 8: excluding rows, or measuring them otherwise, is as narrowed as choosing them
    assertThat(BenchMain.narrowed(false, List.of("-e", "ConcurrencyBench"))).contains("-e ConcurrencyBench");
    assertThat(BenchMain.narrowed(false, List.of("-t", "2"))).isNotNull();
    assertThat(BenchMain.narrowed(false, List.of("-f", "0"))).isNotNull();
    assertThat(BenchMain.narrowed(false, List.of("-wi", "2", "-prof", "jfr"))).isNotNull();
  }

  @Test
  void docsFlagWithAPatternIsRefusedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
    Path page = dir.resolve("performance.md");
    String text = "# P\n" + DocsTables.START + "\nold\n" + DocsTables.END + "\n";
    Files.writeString(page, text);

    assertThatThrownBy(() -> BenchMain.main(new String[] {"HeapPerInvitation", "--smoke", "--docs", page.toString()}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--docs replaces every table");
    assertThat(Files.readString(page)).isEqualTo(text);
  }

  @Test
  void docsTablesReplaceOnlyWhatIsBetweenTheMarkers(@TempDir Path dir) throws Exception {
    Path page = dir.resolve("performance.md");
    Files.writeString(page, "# P\nbefore\n" + DocsTables.START + "\nold\n" + DocsTables.END + "\nafter\n");

    DocsTables.replace(page, "| new |");

    assertThat(Files.readString(page)).isEqualTo("# P\nbefore\n" + DocsTables.START + "\n| new |\n"
        + DocsTables.END + "\nafter\n");
    Path unmarked = dir.resolve("other.md");
    Files.writeString(unmarked, "no markers");
    assertThatThrownBy(() -> DocsTables.replace(unmarked, "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void benchmarkSevenRunsWhenNamedAloneOrByAPatternJmhWouldMatch() {
    assertThat(BenchMain.wantsHeap(List.of())).isTrue();
    assertThat(BenchMain.wantsHeap(List.of("HeapPerInvitation"))).isTrue();
    assertThat(BenchMain.wantsHeap(List.of("Heap.*"))).isTrue();
    assertThat(BenchMain.wantsHeap(List.of("\\.InviteBench", "HeapPer"))).isTrue();
    assertThat(BenchMain.wantsHeap(List.of("\\.InviteBench"))).isFalse();
    assertThat(BenchMain.wantsHeap(List.of("ContactsBench"))).isFalse();
  }

  @Test
  void withoutPostgresTheDatabaseParametersFallBackToH2OnlyWhereTheCommandLineChoseNone() throws Exception {
    CommandLineOptions chosen = new CommandLineOptions("-p", "store=memory");
    ChainedOptionsBuilder options = new OptionsBuilder().parent(chosen);
    BenchMain.withoutPostgres(options, chosen);
    assertThat(options.build().getParameter("store").get()).containsExactly("memory");
    assertThat(options.build().getParameter("database").get()).containsExactly(Databases.H2);

    CommandLineOptions none = new CommandLineOptions();
    ChainedOptionsBuilder defaults = new OptionsBuilder().parent(none);
    BenchMain.withoutPostgres(defaults, none);
    assertThat(defaults.build().getParameter("store").get()).containsExactly("memory", Databases.H2);
  }

  @Test
  void jmhsListingAndHelpOptionsAnswerWithoutRunningAnything() throws Exception {
    assertThat(BenchMain.answeredWithoutRunning(new CommandLineOptions("InviteBench"))).isFalse();
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      assertThat(BenchMain.answeredWithoutRunning(new CommandLineOptions("-l", "InviteBench"))).isTrue();
      assertThat(BenchMain.answeredWithoutRunning(new CommandLineOptions("-lp", "InviteBench"))).isTrue();
      assertThat(BenchMain.answeredWithoutRunning(new CommandLineOptions("-h"))).isTrue();
    } finally {
      System.setOut(console);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("dev.invitekit.bench.InviteBench.invite20").contains("Usage:");
  }
}
