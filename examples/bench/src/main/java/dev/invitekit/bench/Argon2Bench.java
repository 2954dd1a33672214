package dev.invitekit.bench;

import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.PasswordHashing.Implementation;
import dev.invitekit.internal.password.Argon2idHasher;
import dev.invitekit.spi.store.PasswordHash;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 5 (issue 12): Invitekit's Argon2id hasher at OWASP's parameters on each engine, against the
 * reference C implementation called directly in the same run. Target: at most 1.3 times the reference where
 * the native library loads; Bouncy Castle is reported as the pure-Java fallback. (The hasher is internal;
 * the bench runs on the class path, where it can reach it.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Argon2Bench {
  private final Argon2Baseline baseline = new Argon2Baseline();
  private final Argon2idHasher invitekitAuto = new Argon2idHasher(PasswordHashing.owasp(), new SecureRandom());
  private final Argon2idHasher invitekitPureJava =
      new Argon2idHasher(PasswordHashing.owasp().withImplementation(Implementation.PURE_JAVA), new SecureRandom());

  @Benchmark
  public byte[] baseline_referenceC() {
    return baseline.referenceC();
  }

  @Benchmark
  public byte[] bouncyCastleAlone() {
    return baseline.bouncyCastle();
  }

  @Benchmark
  public PasswordHash invitekitAuto() {
    return invitekitAuto.hash(BenchKit.PASSWORD_TEXT);
  }

  @Benchmark
  public PasswordHash invitekitPureJava() {
    return invitekitPureJava.hash(BenchKit.PASSWORD_TEXT);
  }
}
