package dev.invitekit.bench;

import dev.invitekit.secret.Token;
import dev.invitekit.signup.PreviewResult;
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

/**
 * Benchmark 3 (issue 12), context: previewing an invitation (S1, I9) and accepting one (sign-up, S6, with the
 * tests-only hashing so that the store is what is measured) while the account holds 10k, 100k or 1M open
 * invitations, in memory and on PostgreSQL, each size in a fork of its own: the absolute times at every size,
 * 10k included, each against the same operation at 10k. The open invitations are written through the store SPI
 * ({@link OpenInvitations}); the accept takes a fresh one each time, inserted before the call and outside the
 * measured time, so the number open stays where the parameter puts it.
 *
 * <p>These rows have no target: each size in a fork of its own, an interval holds whatever the machine (and, in
 * memory, the JIT) did in that fork, and two of them measured apart could not tell 1.2x from 1x. The verdict is
 * {@link ScaleBench}'s, which pairs each size with 10k in the same invocations ({@link PreviewScaleBench} pairs the
 * in-memory preview of stores filled through the API).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class OpenInvitationsBench {
  @Param({"memory", Databases.POSTGRESQL})
  public String store;

  @Param({"10000", "100000", "1000000"})
  public int invitations;

  OpenInvitations open;
  private Token previewed;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    open = OpenInvitations.on(store);
    previewed = open.insertOne("previewed");
    open.fill(invitations - 1, 100_000);
    // A table that grew by a million rows is analysed by autovacuum soon after; measure that steady state,
    // not the minutes in which the planner's statistics still describe an empty table.
    open.analyze();
    // The fill leaves the heap full of its own garbage, and the store's million rows still being promoted
    // out of the young generation: left alone, those collections land in the first measured iterations (1 to
    // 2 s pauses at 1M on 2 cores, against milliseconds at 10k) and charge the fill to the operation. One
    // full collection here, at every size and on every store alike, measures the steady state, as the
    // analysis above does for the planner.
    System.gc();
    if (!(preview() instanceof PreviewResult.Valid)) {
      throw new IllegalStateException("the previewed invitation is not open: " + preview());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    open.close();
  }

  /** A fresh open invitation for each accept, so that accepting never lowers the number open. */
  @State(Scope.Thread)
  public static class Fresh {
    Token token;

    /**
     * Each accept adds a user, a membership and outbox rows: statistics as autovacuum would keep them (the
     * previews' tables never change, and are analyzed once, after the fill).
     */
    @Setup(Level.Iteration)
    public void analyze(OpenInvitationsBench scale) {
      scale.open.analyze();
    }

    @Setup(Level.Invocation)
    public void insert(OpenInvitationsBench scale) {
      token = scale.open.insertOne("accept");
    }
  }

  @Benchmark
  public PreviewResult preview() {
    return open.bench().kit.signup().preview(previewed);
  }

  @Benchmark
  public SignupResult accept(Fresh fresh) {
    return open.accept(fresh.token);
  }
}
