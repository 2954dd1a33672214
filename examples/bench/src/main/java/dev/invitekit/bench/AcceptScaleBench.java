package dev.invitekit.bench;

import dev.invitekit.secret.Token;
import dev.invitekit.signup.SignupResult;
import java.sql.SQLException;
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
 * Benchmark 3's accepts (issue 12), the verdict's rows: accepting an invitation (sign-up, S6, with the tests-only
 * hashing) in an account holding 100k or 1M open invitations, paired in every invocation with the same accept in
 * an account holding 10k ({@link Pairs}): the two accepts back to back in the same thread, in alternating order,
 * each timed on its own on the wall clock and in the thread's CPU. Target: at most 1.2 at 1M.
 *
 * <p>Both accounts are filled in the same trial, in the same way ({@link OpenInvitations}): on PostgreSQL each in
 * a schema of its own on the same server; in memory each in a store of its own in the same JVM. Each accept takes
 * a fresh open invitation, inserted outside the measured time, so the numbers open stay put, and both accounts'
 * statistics are taken again before each iteration. Measured in forks of their own ({@link
 * OpenInvitationsBench#accept}), an accept's time moved with what the machine did in each fork, and the ratio of
 * two such times had an interval of ±0.2x in memory and ±1.4x on PostgreSQL, too wide to tell 1.2x from 1x.
 *
 * <p>In memory both stores share one heap, so a collection of the larger one stops whichever side is running:
 * there {@link Ratios} judges the ratio with all of the baseline's time off the CPU moved to the larger side, an
 * upper bound on what its heap could add. On PostgreSQL, where much of an accept's work is the database
 * process's, the wall clock decides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class AcceptScaleBench {
  /** Open invitations in the account of the baseline's accepts. */
  static final int BASELINE_INVITATIONS = 10_000;

  @Param({"memory", Databases.POSTGRESQL})
  public String store;

  @Param({"100000", "1000000"})
  public int invitations;

  OpenInvitations large;
  OpenInvitations small;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    small = filled(store, BASELINE_INVITATIONS);
    try {
      large = filled(store, invitations);
    } catch (Throwable e) { // an OutOfMemoryError in a fill too: JMH runs no tear-down after a failed set-up
      small.close();
      throw e;
    }
    // as OpenInvitationsBench: the fills' garbage collected before the measurement, not during it
    System.gc();
  }

  private static OpenInvitations filled(String store, int invitations) throws SQLException {
    OpenInvitations open = OpenInvitations.on(store);
    try {
      open.fill(invitations, 100_000);
      open.analyze();
      return open;
    } catch (Throwable e) {
      open.close();
      throw e;
    }
  }

  /** Each accept adds a user, a membership and outbox rows: statistics as autovacuum would keep them. */
  @Setup(Level.Iteration)
  public void analyze() {
    small.analyze();
    large.analyze();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      large.close();
    } finally {
      small.close();
    }
  }

  /**
   * A fresh open invitation in each account for each pair of accepts, the side that runs second inserted first,
   * so that each side runs right after its own insert in half the invocations (review of round 8: always inserting
   * the baseline's last left it nearer its insert every time).
   */
  @State(Scope.Thread)
  public static class Fresh {
    Token large;
    Token small;
    /** The iteration's invocations so far, counted as {@link Pairs} counts its pairs. */
    private long invocations;

    @Setup(Level.Iteration)
    public void reset() {
      invocations = 0;
    }

    @Setup(Level.Invocation)
    public void insert(AcceptScaleBench scale) {
      if (Pairs.baselineFirst(invocations++)) {
        large = scale.large.insertOne("accept");
        small = scale.small.insertOne("accept");
      } else {
        small = scale.small.insertOne("accept");
        large = scale.large.insertOne("accept");
      }
    }
  }

  /** An accept at {@link #invitations}, paired with one at 10k (the baseline side). */
  @Benchmark
  public SignupResult accept(Fresh fresh, Pairs pairs, Blackhole hole) {
    return pairs.run(() -> large.accept(fresh.large), () -> small.accept(fresh.small), hole);
  }
}
