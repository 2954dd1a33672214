package dev.invitekit;

/**
 * Argon2id parameters for password hashes (S4). The default, {@link #owasp()}, is OWASP's recommended
 * minimum: 19 MiB of memory, 2 iterations, parallelism 1. Stronger settings are welcome; weaker ones are
 * refused, except through {@link #insecureFastForTestsOnly()}, which exists so test suites can sign up
 * many users quickly and must never reach production.
 */
public final class PasswordHashing {
  /** OWASP's minimum memory cost in KiB (19 MiB). */
  public static final int OWASP_MEMORY_KIB = 19 * 1024;
  /** OWASP's minimum iterations at that memory. */
  public static final int OWASP_ITERATIONS = 2;

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final boolean insecure;

  private PasswordHashing(int memoryKib, int iterations, int parallelism, boolean insecure) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.insecure = insecure;
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
    return "Argon2id[m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + (insecure ? ", TESTS ONLY" : "")
        + "]";
  }
}
