package dev.invitekit.internal.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id in pure Java, through Bouncy Castle: the fallback that runs on every JVM (S4). */
final class BouncyCastleArgon2 implements Argon2Engine {
  static final BouncyCastleArgon2 INSTANCE = new BouncyCastleArgon2();

  private BouncyCastleArgon2() {}

  @Override
  public byte[] derive(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    generator.generateBytes(password, out);
    return out;
  }

  @Override
  public String description() {
    return "Bouncy Castle (pure Java)";
  }
}
