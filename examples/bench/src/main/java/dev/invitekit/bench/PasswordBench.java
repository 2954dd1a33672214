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

/**
 * Benchmark 4 (issue 12): sign-up and sign-in at OWASP's parameters on the in-memory store, against the
 * Argon2id hash alone by the engine Invitekit chose (the native one, argon2-jvm being on the bench's class
 * path). Target: Invitekit's own work at most 5% of the hash, a ratio of at most 1.05.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PasswordBench {
  /** Invitations made ready before each iteration; more than an iteration can use at ~30 ms a sign-up. */
  private static final int POOL = 400;

  private final Argon2Baseline baseline = new Argon2Baseline();
  private BenchKit bench;
  private final Deque<Token> tokens = new ArrayDeque<>();
  private long round;

  @Setup(Level.Trial)
  public void setUp() {
    bench = BenchKit.inMemory(PasswordHashing.owasp());
  }

  @Setup(Level.Iteration)
  public void invitations() {
    tokens.clear();
    for (int list = 0; list < POOL / 20; list++) {
      StringBuilder addresses = new StringBuilder();
      String[] batch = new String[20];
      for (int i = 0; i < 20; i++) {
        batch[i] = "signup" + round + "-" + list + "-" + i + "@acme.com";
        bench.mail.watch(batch[i]);
        addresses.append(batch[i]).append(", ");
      }
      InviteResult result = bench.kit.invitations().inviteByEmail(bench.admin, bench.account, addresses.toString());
      if (!(result instanceof InviteResult.InviteReport)) {
        throw new IllegalStateException("could not invite the sign-up pool: " + result);
      }
      bench.kit.mail().dispatchDue();
      for (String address : batch) {
        tokens.add(bench.mail.tokenFor(address));
      }
    }
    round++;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    bench.close();
  }

  @Benchmark
  public byte[] baseline_hashAlone() {
    return baseline.referenceC();
  }

  @Benchmark
  public SignInResult signIn() {
    SignInResult result = bench.kit.users().signIn(BenchKit.FOUNDER, BenchKit.PASSWORD);
    if (!(result instanceof SignInResult.SignedIn)) {
      throw new IllegalStateException("the bench sign-in failed: " + result);
    }
    return result;
  }

  @Benchmark
  public SignupResult signUp() {
    Token token = tokens.poll();
    if (token == null) {
      throw new IllegalStateException("the sign-up pool ran dry: raise POOL");
    }
    SignupResult result = bench.kit.signup().createAccount(new SignupRequest(token, LocalDate.of(1990, 1, 1),
        "Robin", "Example", BenchKit.PASSWORD, BenchKit.PASSWORD));
    if (!(result instanceof SignupResult.Joined)) {
      throw new IllegalStateException("the bench sign-up failed: " + result);
    }
    return result;
  }
}
