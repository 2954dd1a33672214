package dev.invitekit.internal.password;

import dev.invitekit.secret.PasswordHashing;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the Argon2id engine (S4): the native reference implementation when argon2-jvm is on the class path
 * and its library loads and agrees with Bouncy Castle on a known input, Bouncy Castle otherwise. The native
 * library is probed once per class loader.
 */
final class Argon2Engines {
  private static final Logger LOG = LoggerFactory.getLogger(Argon2Engines.class);
  private static final String ARGON2_JVM = "de.mkammerer.argon2.Argon2Factory";

  private Argon2Engines() {}

  /**
   * The engine for {@code wanted}.
   *
   * @throws IllegalStateException when {@link PasswordHashing.Implementation#NATIVE} is asked for and the
   *     native library cannot be used here; the message says why and what to do
   */
  static Argon2Engine select(PasswordHashing.Implementation wanted) {
    switch (wanted) {
      case PURE_JAVA:
        return BouncyCastleArgon2.INSTANCE;
      case NATIVE:
        if (Probe.NATIVE.engine == null) {
          throw new IllegalStateException("PasswordHashing asks for the native Argon2id, but " + Probe.NATIVE.reason
              + ". Add de.mkammerer:argon2-jvm to the application, or use Implementation.AUTO to fall back to"
              + " Bouncy Castle.");
        }
        return Probe.NATIVE.engine;
      case AUTO:
      default:
        return Probe.NATIVE.engine != null ? Probe.NATIVE.engine : BouncyCastleArgon2.INSTANCE;
    }
  }

  /** Why the native engine is not used here, or empty when it is available. */
  static String nativeUnavailableReason() {
    return Probe.NATIVE.engine == null ? Probe.NATIVE.reason : "";
  }

  /** The result of probing the native library, computed on first use. */
  private static final class Probe {
    static final Probe NATIVE = probe();

    final @Nullable Argon2Engine engine;
    final String reason;

    private Probe(@Nullable Argon2Engine engine, String reason) {
      this.engine = engine;
      this.reason = reason;
    }

    private static Probe probe() {
      try {
        Class.forName(ARGON2_JVM, false, Argon2Engines.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        return unavailable("argon2-jvm is not on the class path");
      }
      Argon2Engine candidate;
      try {
        candidate = new NativeArgon2();
      } catch (LinkageError | RuntimeException e) {
        return unavailable("its native library did not load on this platform (" + e.getClass().getSimpleName() + ")");
      }
      // A known input through both engines: a broken or mismatched library must never make hashes that the
      // pure-Java engine (and so any other node) would not verify.
      byte[] password = "invitekit argon2 self-check".getBytes(StandardCharsets.UTF_8);
      byte[] salt = "invitekit-salt-0".getBytes(StandardCharsets.US_ASCII);
      try {
        byte[] expected = BouncyCastleArgon2.INSTANCE.derive(password, salt, 64, 1, 1, 32);
        byte[] actual = candidate.derive(password, salt, 64, 1, 1, 32);
        if (!Arrays.equals(expected, actual)) {
          return unavailable("its self-check gave a different hash than Bouncy Castle");
        }
      } catch (LinkageError | RuntimeException e) {
        return unavailable("its self-check failed (" + e.getClass().getSimpleName() + ")");
      }
      LOG.info("Argon2id: using {}", candidate.description());
      return new Probe(candidate, "");
    }

    private static Probe unavailable(String reason) {
      LOG.info("Argon2id: using Bouncy Castle (pure Java); the native library is not used because {}", reason);
      return new Probe(null, reason);
    }
  }
}
