package dev.invitekit.bench;

import dev.invitekit.invite.InviteResult;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.signup.PreviewResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmark 3 (issue 12), in memory, context without a target: stores filled through the API as an application
 * fills them (every invitation's mail still pending in the outbox, as on launch day), previewing one invitation over
 * and over while the store holds 100k or 1M open invitations, paired in every invocation with the same preview in
 * a store of 10k in the same JVM ({@link Pairs}, blocks of {@value ScaleBench#PREVIEWS_IN_MEMORY} previews a side).
 * One invitation previewed over and over stays in the processor's cache on both sides, so this measures the
 * preview's own work at each size, not its look-ups in a larger store: the verdict is {@link ScaleBench#preview}'s,
 * whose previews go round thousands of invitations (the tokens of invitations made through the API reach only
 * their mail, and the fill leaves that pending).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class PreviewScaleBench {
  /** Open invitations in the larger store, the measured side. */
  @Param({"100000", "1000000"})
  public int invitations;

  private Filled large;
  private Filled small;

  /** A store filled through the API, and the token of the invitation previewed in it. */
  private record Filled(BenchKit bench, Token token) implements AutoCloseable {
    static Filled with(int invitations, String side) {
      BenchKit bench = BenchKit.inMemory(PasswordHashing.insecureFastForTestsOnly());
      String watched = "preview-" + side + "@acme.com";
      bench.mail.watch(watched);
      invite(bench, watched + ", ");
      bench.kit.mail().dispatchDue();
      Token token = bench.mail.tokenFor(watched);
      // the rest stay open, their mail pending in the outbox
      for (int made = 1; made < invitations; made += 20) {
        StringBuilder list = new StringBuilder(20 * 28);
        for (int i = 0; i < 20 && made + i < invitations; i++) {
          list.append("open").append(made + i).append("@acme.com, ");
        }
        invite(bench, list.toString());
      }
      return new Filled(bench, token);
    }

    private static void invite(BenchKit bench, String list) {
      InviteResult result = bench.kit.invitations().inviteByEmail(bench.admin, bench.account, list);
      if (!(result instanceof InviteResult.InviteReport)) {
        throw new IllegalStateException("could not fill the store: " + result);
      }
    }

    PreviewResult preview() {
      return bench.kit.signup().preview(token);
    }

    @Override
    public void close() {
      bench.close();
    }
  }

  /** Fills both stores through the API and checks that each previewed invitation is open. */
  @Setup(Level.Trial)
  public void setUp() {
    // addresses of the same length on both sides, told apart by their names
    small = Filled.with(ScaleBench.BASELINE_INVITATIONS, "small");
    large = Filled.with(invitations, "large");
    // One full collection after the fill, so that the fill's garbage and the promotion of its million rows are not
    // collected in the measured iterations. Without it the fourth round's and the fifth round's full runs each had
    // one first iteration at 1M of 2 to 3.4 µs beside four of 0.9 µs, which turned a flat preview into a 1.43x or
    // 1.77x "miss".
    System.gc();
    for (Filled filled : new Filled[] {small, large}) {
      if (!(filled.preview() instanceof PreviewResult.Valid)) {
        throw new IllegalStateException("the previewed invitation is not open: " + filled.preview());
      }
    }
  }

  /** Closes both kits. */
  @TearDown(Level.Trial)
  public void tearDown() {
    Closing.inOrder(large, small);
  }

  /** A preview at {@link #invitations}, paired with one at 10k (the baseline side). */
  @Benchmark
  public PreviewResult preview(Pairs pairs, Blackhole hole) {
    return pairs.run(ScaleBench.PREVIEWS_IN_MEMORY, large::preview, small::preview, hole);
  }
}
