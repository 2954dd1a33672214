package dev.invitekit.bench;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;
import dev.invitekit.secret.PasswordHashing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The Argon2id hash alone, at OWASP's parameters, called directly: through the reference C implementation
 * (libargon2, as argon2-jvm bundles it) or Bouncy Castle. The baselines of benchmarks 4 and 5.
 */
final class Argon2Baseline {
  static final int MEMORY_KIB = PasswordHashing.OWASP_MEMORY_KIB;
  static final int ITERATIONS = PasswordHashing.OWASP_ITERATIONS;

  private final Argon2Advanced reference = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);
  private final SecureRandom random = new SecureRandom();
  private final byte[] password = BenchKit.PASSWORD_TEXT.getBytes(StandardCharsets.UTF_8);

  private byte[] salt() {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return salt;
  }

  /** One hash by the reference C implementation. */
  byte[] referenceC() {
    return reference.rawHashAdvanced(ITERATIONS, MEMORY_KIB, 1, password, salt(), null, null, 32, Argon2Version.V13);
  }

  /** One hash by Bouncy Castle. */
  byte[] bouncyCastle() {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(MEMORY_KIB).withIterations(ITERATIONS)
        .withParallelism(1).withSalt(salt()).build());
    byte[] out = new byte[32];
    generator.generateBytes(password, out);
    return out;
  }
}
