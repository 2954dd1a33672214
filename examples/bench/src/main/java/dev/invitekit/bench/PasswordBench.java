package dev.invitekit.bench;

import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.member.SignInResult;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmark 4 (issue 12): sign-up and sign-in at OWASP's parameters on the in-memory store, against the
 * Argon2id hash alone by the engine Invitekit chose (the native one, argon2-jvm being on the bench's class
 * path) at the same parameters. Target: Invitekit's own work at most 5% of the hash, a ratio of at most 1.05.
 *
 * <h2>Why the two sides run interleaved in one invocation, timed in thread CPU</h2>
 *
 * The question is a difference of about a millisecond on a 30–50 ms hash. Measured as two benchmarks in forks a
 * minute apart (as this bench did until issue 12's third pass), the hash alone moved by 15% between two runs a
 * minute apart on a quiet 2-core machine (50.6 ms, then 42.7 ms), and sign-up's ratio with it: 0.85x, then
 * 1.25x. The drift of the machine (its clock, the memory bandwidth the 19 MiB hash lives on, other processes)
 * was three times the effect measured: no number of iterations in separate forks removes it.
 *
 * <p>So every invocation of {@link #signUp} (and of {@link #signIn}) runs one Invitekit operation and one bare
 * hash, back to back in the same thread, each timed on its own, in an order that alternates from one
 * invocation to the next so neither side is always first after the other. Whatever the machine does over
 * seconds moves both sides of a pair alike. Each side is timed twice: on the wall clock and in the benchmark
 * thread's CPU time ({@link java.lang.management.ThreadMXBean#getCurrentThreadCpuTime}). On a shared machine the wall clock also
 * counts the time the thread waited for a core, tens of milliseconds landing at random on either side (at a
 * load of 8 on 2 cores a 30 ms hash took 30 to 370 ms of wall time, the same 28–30 ms of CPU); the CPU time
 * does not. Both operations are CPU work in one thread (the in-memory store, an in-process mail provider, no
 * I/O), so the CPU time is their cost; what it leaves out is other threads' work for them: the JIT, which the
 * warm-up below finishes before measuring, and the garbage collector, for about 0.8 MB allocated per sign-up.
 *
 * <p>The sums of each iteration go out as JMH secondary results ({@link Pairs}, shared with benchmark 1);
 * {@link Ratios} turns them into one ratio per iteration (Invitekit's time over the bare hash's, from the same
 * pairs) and reports their mean with its 99.9% interval across iterations (Student's t, as JMH's errors). The
 * verdict rests on the thread-CPU row and its interval: met when all of it is at or under 1.05, missed when all
 * of it is over, unresolved otherwise; the wall-clock row is shown beside it as context. Iterations are many
 * and short (20 of 2 s), for a tighter interval than a few long ones give.
 *
 * <p>Before the trial, {@value #WARM_UP} sign-ups (or sign-ins) run through the same code with the tests-only
 * hashing on a kit of their own, so what is measured is Invitekit's work once compiled; at OWASP's parameters
 * that many would take minutes of warm-up iterations. The first sign-ups of a fresh JVM cost more (about 2.7 ms
 * over the first 500, see docs/performance.md).
 *
 * <p>Both sides hash at {@link PasswordHashing#owasp()} on the same engine: Invitekit on the one
 * {@link PasswordHashing.Implementation#AUTO} picks here, the native one, asked for by name so the bench fails
 * rather than compare two engines where it does not load; the baseline on libargon2 through argon2-jvm called directly ({@link Argon2Baseline}).
 * Invitekit's own work in a sign-up includes everything around the hash: the form's rules and the S4 strength
 * estimate, the PHC string, the accept's unit of work, and the welcome and inviter mails handed to the
 * provider.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 30, time = 4)
@Fork(1)
public class PasswordBench {
  /** Invitations made ready before each iteration; more than an iteration can use at ~60 ms a pair. */
  private static final int POOL = 200;
  /** Operations run through Invitekit's code, with the tests-only hashing, before the trial (see warmUp). */
  private static final int WARM_UP = 2_500;

  private final Argon2Baseline baseline = new Argon2Baseline();
  private BenchKit bench;
  private final Deque<Token> tokens = new ArrayDeque<>();
  private long round;

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    warmUp(params.getBenchmark().endsWith(".signUp"));
    // The baseline is libargon2 called directly: Invitekit must hash on the same engine for the ratio to mean
    // "its own work". NATIVE is what AUTO picks here, and fails when the library does not load, rather than
    // compare Bouncy Castle with libargon2.
    bench = BenchKit.inMemory(PasswordHashing.owasp().withImplementation(PasswordHashing.Implementation.NATIVE));
  }

  /**
   * Runs {@value #WARM_UP} sign-ups (or sign-ins) through the same code with the tests-only hashing, on a kit
   * of its own that is closed again, so the JIT has compiled Invitekit's side before JMH's warm-up begins:
   * at OWASP's parameters that many would take minutes of warm-up iterations.
   */
  private void warmUp(boolean signUps) {
    try (BenchKit warm = BenchKit.inMemory(PasswordHashing.insecureFastForTestsOnly())) {
      Deque<Token> pool = new ArrayDeque<>();
      for (int i = 0; i < WARM_UP; i++) {
        if (signUps) {
          if (pool.isEmpty()) {
            invite(warm, "warm" + i, pool);
          }
          signUp(warm, pool);
        } else {
          signIn(warm);
        }
      }
    }
  }

  @Setup(Level.Iteration)
  public void invitations() {
    tokens.clear();
    for (int list = 0; list < POOL / 20; list++) {
      invite(bench, "signup" + round + "-" + list, tokens);
    }
    round++;
  }

  /** Invites 20 new addresses and adds their tokens to {@code pool}. */
  private static void invite(BenchKit kit, String prefix, Deque<Token> pool) {
    StringBuilder addresses = new StringBuilder();
    String[] batch = new String[20];
    for (int i = 0; i < 20; i++) {
      batch[i] = prefix + "-" + i + "@acme.com";
      kit.mail.watch(batch[i]);
      addresses.append(batch[i]).append(", ");
    }
    InviteResult result = kit.kit.invitations().inviteByEmail(kit.admin, kit.account, addresses.toString());
    if (!(result instanceof InviteResult.InviteReport)) {
      throw new IllegalStateException("could not invite the sign-up pool: " + result);
    }
    kit.kit.mail().dispatchDue();
    for (String address : batch) {
      pool.add(kit.mail.tokenFor(address));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    bench.close();
  }

  /** Sign-in of the founder, paired with one bare hash. */
  @Benchmark
  public SignInResult signIn(Pairs pairs, Blackhole hole) {
    return paired(pairs, hole, () -> signIn(bench));
  }

  /** Sign-up from an invitation, paired with one bare hash. */
  @Benchmark
  public SignupResult signUp(Pairs pairs, Blackhole hole) {
    return paired(pairs, hole, () -> signUp(bench, tokens));
  }

  private static SignInResult signIn(BenchKit kit) {
    SignInResult result = kit.kit.users().signIn(BenchKit.FOUNDER, BenchKit.PASSWORD);
    if (!(result instanceof SignInResult.SignedIn)) {
      throw new IllegalStateException("the bench sign-in failed: " + result);
    }
    return result;
  }

  private static SignupResult signUp(BenchKit kit, Deque<Token> pool) {
    Token token = pool.poll();
    if (token == null) {
      throw new IllegalStateException("the sign-up pool ran dry: raise POOL");
    }
    SignupResult result = kit.kit.signup().createAccount(new SignupRequest(token, LocalDate.of(1990, 1, 1),
        "Robin", "Example", BenchKit.PASSWORD, BenchKit.PASSWORD));
    if (!(result instanceof SignupResult.Joined)) {
      throw new IllegalStateException("the bench sign-up failed: " + result);
    }
    return result;
  }

  private <T> T paired(Pairs pairs, Blackhole hole, Supplier<T> operation) {
    return pairs.run(operation, baseline::referenceC, hole);
  }
}
