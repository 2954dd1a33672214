package dev.invitekit.secret;

import java.util.Objects;

/**
 * Argon2id parameters for password hashes (S4). The default, {@link #owasp()}, is OWASP's recommended
 * minimum: 19 MiB of memory, 2 iterations, parallelism 1. Stronger settings are welcome; weaker ones are
 * refused, except through {@link #insecureFastForTestsOnly()}, which exists so test suites can sign up
 * many users quickly and must never reach production.
 *
 * <p>Which implementation computes the hash is chosen by {@link #implementation()}: by default
 * ({@link Implementation#AUTO}) the reference C implementation when {@code de.mkammerer:argon2-jvm} is on the
 * class path and its bundled library loads, Bouncy Castle otherwise. Both give byte-for-byte the same PHC
 * strings, so hashes made by one verify with the other and nodes may differ.
 */
public final class PasswordHashing {
  /** Which Argon2id implementation computes the hashes; all of them give identical PHC strings (S4). */
  public enum Implementation {
    /**
     * The native reference implementation (libargon2, through argon2-jvm and JNA) when it is on the class
     * path, loads on this platform and passes a self-check against Bouncy Castle; Bouncy Castle otherwise.
     * The choice is logged once at INFO. The default.
     */
    AUTO,
    /**
     * The native reference implementation only: {@code Invitekit.builder().passwordHashing(…)} fails, saying
     * why, when it cannot be used.
     * Needs {@code de.mkammerer:argon2-jvm} on the class path.
     */
    NATIVE,
    /** Bouncy Castle's pure-Java Argon2id, even when the native library is present. */
    PURE_JAVA
  }

  /** OWASP's minimum memory cost in KiB (19 MiB). */
  public static final int OWASP_MEMORY_KIB = 19 * 1024;
  /** OWASP's minimum iterations at that memory. */
  public static final int OWASP_ITERATIONS = 2;

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final boolean insecure;
  private final Implementation implementation;

  private PasswordHashing(int memoryKib, int iterations, int parallelism, boolean insecure) {
    this(memoryKib, iterations, parallelism, insecure, Implementation.AUTO);
  }

  private PasswordHashing(int memoryKib, int iterations, int parallelism, boolean insecure,
      Implementation implementation) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.insecure = insecure;
    this.implementation = Objects.requireNonNull(implementation, "implementation");
  }

  /** These parameters, computed by {@code implementation} (by default {@link Implementation#AUTO}). */
  public PasswordHashing withImplementation(Implementation implementation) {
    return new PasswordHashing(memoryKib, iterations, parallelism, insecure, implementation);
  }

  /** Which implementation computes the hashes. */
  public Implementation implementation() {
    return implementation;
  }


  /** OWASP's parameters: m=19456 KiB, t=2, p=1. */
  public static PasswordHashing owasp() {
    return new PasswordHashing(OWASP_MEMORY_KIB, OWASP_ITERATIONS, 1, false);
  }

  /**
   * Stronger Argon2id parameters.
   *
   * @throws IllegalArgumentException if any is below OWASP's minimum (m=19456 KiB, t=2, p=1) or
   *     parallelism is not 1 to 16
   */
  public static PasswordHashing argon2id(int memoryKib, int iterations, int parallelism) {
    if (memoryKib < OWASP_MEMORY_KIB) {
      throw new IllegalArgumentException(
          "Argon2id memory must be at least " + OWASP_MEMORY_KIB + " KiB (OWASP), was " + memoryKib);
    }
    if (iterations < OWASP_ITERATIONS) {
      throw new IllegalArgumentException(
          "Argon2id iterations must be at least " + OWASP_ITERATIONS + " (OWASP), was " + iterations);
    }
    if (parallelism < 1 || parallelism > 16) {
      throw new IllegalArgumentException("Argon2id parallelism must be 1 to 16, was " + parallelism);
    }
    return new PasswordHashing(memoryKib, iterations, parallelism, false);
  }

  /**
   * FOR TESTS ONLY: Argon2id at m=256 KiB, t=1, p=1, a thousand times cheaper than the default and far
   * too weak for real passwords. Invitekit logs a warning when it is built with it.
   */
  public static PasswordHashing insecureFastForTestsOnly() {
    return new PasswordHashing(256, 1, 1, true);
  }

  /** Memory cost in KiB. */
  public int memoryKib() {
    return memoryKib;
  }

  /** Number of iterations. */
  public int iterations() {
    return iterations;
  }

  /** Degree of parallelism (lanes). */
  public int parallelism() {
    return parallelism;
  }

  /** Whether these are the test-only parameters. */
  public boolean isInsecureForTests() {
    return insecure;
  }

  @Override
  public String toString() {
    return "Argon2id[m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
        + (implementation == Implementation.AUTO ? "" : ", " + implementation) + (insecure ? ", TESTS ONLY" : "")
        + "]";
  }
}
