package dev.invitekit.internal.password;

import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.internal.text.Utf16;
import dev.invitekit.spi.store.PasswordHash;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id in PHC string format (S4), through the native reference implementation when argon2-jvm is present
 * and Bouncy Castle otherwise (see {@link PasswordHashing.Implementation}):
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, Base64 without padding, 16-byte salt and 32-byte
 * hash, as the reference implementation writes them, so hashes verify elsewhere and back.
 */
public final class Argon2idHasher {
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  private final PasswordHashing parameters;
  private final SecureRandom random;
  private final Argon2Engine engine;

  /**
   * A hasher producing hashes at {@code parameters}, on the engine they ask for.
   *
   * @throws IllegalStateException when they ask for the native engine and it cannot be used here
   */
  public Argon2idHasher(PasswordHashing parameters, SecureRandom random) {
    this(parameters, random, Argon2Engines.select(parameters.implementation()));
  }

  Argon2idHasher(PasswordHashing parameters, SecureRandom random, Argon2Engine engine) {
    this.parameters = parameters;
    this.random = random;
    this.engine = engine;
  }

  /**
   * Checks that {@code implementation} can run here.
   *
   * @throws IllegalStateException when it is NATIVE and the native library cannot be used; says why
   */
  public static void requireAvailable(PasswordHashing.Implementation implementation) {
    Argon2Engines.select(implementation);
  }

  /** Which engine computes the hashes, for logs and the docs' "how to check" step. */
  public String engineDescription() {
    return engine.description();
  }

  /**
   * Hashes an already NFKC-normalized password.
   *
   * @throws IllegalArgumentException when it is not well-formed UTF-16: callers check that first (S4)
   */
  public PasswordHash hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, parameters.memoryKib(), parameters.iterations(), parameters.parallelism(),
        HASH_BYTES);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return new PasswordHash("$argon2id$v=19$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p="
        + parameters.parallelism() + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash));
  }

  /**
   * Whether the password matches; false for a malformed hash, and for a password that is not well-formed
   * UTF-16 (no such password was ever hashed). Compares in constant time.
   */
  public boolean verify(String password, PasswordHash stored) {
    if (!Utf16.isWellFormed(password)) {
      return false;
    }
    Optional<Parsed> parsed = parse(stored.phc());
    if (parsed.isEmpty() || parsed.get().memoryKib > maxVerifiableMemoryKib()) {
      // A stored hash asking for more memory than this deployment ever configured is not ours: refuse it
      // rather than let one hostile row exhaust the heap.
      return false;
    }
    Parsed p = parsed.get();
    byte[] actual = derive(password, p.salt, p.memoryKib, p.iterations, p.parallelism, p.hash.length);
    return MessageDigest.isEqual(actual, p.hash);
  }

  /** The most memory a stored hash may ask for: four times the configured cost, and at least 256 MiB. */
  private int maxVerifiableMemoryKib() {
    return Math.max(parameters.memoryKib() * 4, 256 * 1024);
  }

  /** Whether the stored hash used weaker parameters than the configured ones and should be re-hashed. */
  public boolean needsRehash(PasswordHash stored) {
    return parse(stored.phc())
        .map(p -> p.memoryKib < parameters.memoryKib() || p.iterations < parameters.iterations()
            || p.parallelism != parameters.parallelism())
        .orElse(true);
  }

  private byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    // Strict: getBytes would turn an unpaired surrogate into '?', so two passwords would share one hash (S4).
    byte[] bytes = Utf16.strictUtf8(password);
    try {
      return engine.derive(bytes, salt, memoryKib, iterations, parallelism, length);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static Optional<Parsed> parse(String phc) {
    Matcher m = PHC.matcher(phc);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      int memory = Integer.parseInt(m.group(1));
      int iterations = Integer.parseInt(m.group(2));
      int parallelism = Integer.parseInt(m.group(3));
      if (parallelism < 1 || iterations < 1 || memory < 8 * parallelism || memory > 4 * 1024 * 1024) {
        return Optional.empty();
      }
      Base64.Decoder b64 = Base64.getDecoder();
      return Optional.of(new Parsed(memory, iterations, parallelism, b64.decode(m.group(4)), b64.decode(m.group(5))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private record Parsed(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {}
}
