package dev.invitekit.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.secret.Token;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.SignupResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
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
 * Benchmark 3's verdict (issue 12): previewing an invitation (S1, I9) and accepting one (sign-up, S6, with the
 * tests-only hashing) in an account holding 100k or 1M open invitations, paired in every invocation with the same
 * operation in an account holding 10k ({@link Pairs}): the two back to back in the same thread, in alternating
 * order, each timed on its own on the wall clock and in the thread's CPU. Target: at most 1.2 at 1M, and in memory
 * at most 2 µs a preview.
 *
 * <p>Both accounts are filled in the same trial, in the same way ({@link OpenInvitations}): on PostgreSQL each in
 * tables of its own (prefixed {@code small_} and {@code large_}) in one schema, both reached through the same one
 * connection, so one server process serves both sides; in memory each in a store of its own in the same JVM. (Round
 * 10: with a pool of connections each, each side's previews went to server processes of their own, and whether the
 * kernel ran a side's process on the benchmark thread's core or on the other made its preview take about 0.1 or
 * 0.5 ms, whatever its table held; the ratio at 1M read 4.05x, and 1.00x and 1.03x with the JVM and PostgreSQL
 * pinned by hand. With one process the state still moves both sides' times together, for a whole trial: the rows'
 * absolute times say which it was.) Previews go round
 * {@value #PREVIEWED} invitations of each account, spread across its fill and shuffled, so each side looks up as
 * many different invitations (review of round 9: one invitation previewed over and over stayed in the core's
 * first-level cache on both sides, and could not show the larger account's larger tables and heap). An accept
 * takes a fresh open invitation, inserted outside the measured time, so the numbers open stay put. Both accounts'
 * statistics are taken again before each iteration. Measured in forks of their own ({@link OpenInvitationsBench}),
 * an operation's time moved with what the machine did in each fork (and, in memory, with what the JIT made of it
 * there), and the ratio of two such times had an interval of ±0.06x to ±0.8x for previews and ±0.2x to ±1.4x for
 * accepts: too wide, in most rows, to tell 1.2x from 1x.
 *
 * <p>In memory both stores share one heap, so a collection of the larger one stops whichever side is running:
 * there {@link Ratios} judges the ratio with all of the baseline's time off the CPU moved to the larger side, an
 * upper bound on what its heap could add. On PostgreSQL, where much of the work is the database process's, the
 * wall clock decides. An in-memory preview (0.7 µs) is timed in blocks of {@value #PREVIEWS_IN_MEMORY} a side, so
 * that the clocks' own cost does not pull the ratio towards 1.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class ScaleBench {
  /** Open invitations in the account of the baseline's accepts. */
  static final int BASELINE_INVITATIONS = 10_000;
  /**
   * In-memory previews timed as one block on each side of a pair ({@link Pairs#run(int, Supplier, Supplier,
   * Blackhole)}).
   */
  static final int PREVIEWS_IN_MEMORY = 100;
  /**
   * Invitations each account's previews go round. The same number on both sides: the ratio then measures how the
   * look-ups grow with the account (its larger tables, its rows spread over more memory), not whether all of a 10k
   * account fits in the processor's cache where a 1M one cannot, which would say more about the machine.
   */
  static final int PREVIEWED = 4_096;

  /** Where both accounts live: {@code memory}, or a database (H2 where PostgreSQL is not configured). */
  @Param({"memory", Databases.POSTGRESQL})
  public String store;

  /** Open invitations in the larger account, the measured side. */
  @Param({"100000", "1000000"})
  public int invitations;

  /**
   * On a database, the one connection both accounts' tables are reached through, each account's under a prefix of
   * its own in one schema; null in memory.
   */
  private @Nullable HikariDataSource database;
  OpenInvitations large;
  OpenInvitations small;
  /** The invitations previewed in each account, open throughout. */
  private Previewed largePreviewed;
  private Previewed smallPreviewed;
  /** Previews a side in each invocation: a block in memory, one on a database. */
  private int previews;

  /** Fills both accounts, closing what it made if a fill fails (JMH runs no tear-down after a failed set-up). */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    boolean inMemory = store.equals("memory");
    previews = inMemory ? PREVIEWS_IN_MEMORY : 1;
    try {
      HikariDataSource shared = inMemory ? null : Databases.open(store, 1);
      database = shared;
      small = shared == null ? OpenInvitations.on(store) : OpenInvitations.onShared(shared, "small_");
      // addresses of the same length on both sides, told apart by their names (large…, small…)
      smallPreviewed = filled(small, BASELINE_INVITATIONS, "small");
      large = shared == null ? OpenInvitations.on(store) : OpenInvitations.onShared(shared, "large_");
      largePreviewed = filled(large, invitations, "large");
    } catch (Throwable e) { // an OutOfMemoryError in a fill too: JMH runs no tear-down after a failed set-up
      try {
        tearDown();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    // as OpenInvitationsBench: the fills' garbage collected before the measurement, not during it
    System.gc();
  }

  /** Fills {@code open} with {@code invitations} open invitations and answers the ones its previews go round. */
  private static Previewed filled(OpenInvitations open, int invitations, String kind) {
    Token[] tokens = sampled(open, invitations, kind);
    Previewed previewed = new Previewed(open, tokens);
    for (int i = 0; i < tokens.length; i++) {
      PreviewResult preview = previewed.next();
      if (!(preview instanceof PreviewResult.Valid)) {
        throw new IllegalStateException("a previewed invitation is not open: " + preview);
      }
    }
    return previewed;
  }

  /**
   * Fills {@code open} with {@code invitations} open invitations to {@code kind}N@acme.com and answers the tokens
   * of {@value #PREVIEWED} of them, spread across the fill ({@link OpenInvitations#fill}), shuffled, and copied
   * after the fill; {@link PreviewLookupBench} looks up the same ones.
   */
  static Token[] sampled(OpenInvitations open, int invitations, String kind) {
    List<Token> sample = new ArrayList<>(open.fill(invitations, 100_000, kind, PREVIEWED));
    open.analyze();
    if (sample.size() != Math.min(PREVIEWED, invitations)) {
      throw new IllegalStateException("sampled " + sample.size() + " invitations of " + invitations);
    }
    // not in the order they were made, where neighbours in memory would help the processor's prefetching
    Collections.shuffle(sample, new Random(9));
    // copied after the fill, as a request's token arrives: not beside its invitation in the heap, as the fill made it
    Token[] tokens = new Token[sample.size()];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = Token.of(new String(sample.get(i).reveal().toCharArray()));
    }
    return tokens;
  }

  /** The invitations of one account that its previews go round, in turn. */
  static final class Previewed {
    private final OpenInvitations account;
    private final Token[] tokens;
    private int next;

    Previewed(OpenInvitations account, Token[] tokens) {
      this.account = account;
      this.tokens = tokens;
    }

    PreviewResult next() {
      Token token = tokens[next];
      next = next + 1 == tokens.length ? 0 : next + 1;
      return account.bench().kit.signup().preview(token);
    }
  }

  /** Each accept adds a user, a membership and outbox rows: statistics as autovacuum would keep them. */
  @Setup(Level.Iteration)
  public void analyze() {
    small.analyze();
    large.analyze();
  }

  /** Closes both accounts (on a database, then drops their schema). */
  @TearDown(Level.Trial)
  public void tearDown() {
    HikariDataSource shared = database;
    Closing.inOrder(large, small, shared == null ? null : () -> Databases.drop(shared));
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

    /** Starts the iteration's count of invocations again, as {@link Pairs#reset} does. */
    @Setup(Level.Iteration)
    public void reset() {
      invocations = 0;
    }

    /** Inserts the invocation's two fresh invitations, the side that runs second first. */
    @Setup(Level.Invocation)
    public void insert(ScaleBench scale) {
      if (Pairs.baselineFirst(invocations++)) {
        large = scale.large.insertOne("accept");
        small = scale.small.insertOne("accept");
      } else {
        small = scale.small.insertOne("accept");
        large = scale.large.insertOne("accept");
      }
    }
  }

  /** A preview at {@link #invitations}, paired with one at 10k (the baseline side). */
  @Benchmark
  public PreviewResult preview(Pairs pairs, Blackhole hole) {
    return pairs.run(previews, largePreviewed::next, smallPreviewed::next, hole);
  }

  /** An accept at {@link #invitations}, paired with one at 10k (the baseline side). */
  @Benchmark
  public SignupResult accept(Fresh fresh, Pairs pairs, Blackhole hole) {
    return pairs.run(() -> large.accept(fresh.large), () -> small.accept(fresh.small), hole);
  }
}
