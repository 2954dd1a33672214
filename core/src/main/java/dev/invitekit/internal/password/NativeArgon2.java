package dev.invitekit.internal.password;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;

/**
 * Argon2id through the reference C implementation (libargon2), which argon2-jvm ships for common platforms
 * and loads through JNA (S4). Only {@link Argon2Engines} touches this class, and only after it has checked
 * that argon2-jvm is on the class path, so core runs without it.
 */
final class NativeArgon2 implements Argon2Engine {
  private final Argon2Advanced argon2;

  /**
   * Loads libargon2.
   *
   * @throws LinkageError or RuntimeException when the native library cannot be loaded on this platform
   */
  NativeArgon2() {
    this.argon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);
  }

  @Override
  public byte[] derive(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    if (password.length == 0) {
      // argon2-jvm cannot pass an empty buffer through JNA; Bouncy Castle computes the same tag.
      return BouncyCastleArgon2.INSTANCE.derive(password, salt, memoryKib, iterations, parallelism, length);
    }
    // No secret and no associated data: the plain Argon2id of RFC 9106 that Bouncy Castle computes too.
    return argon2.rawHashAdvanced(iterations, memoryKib, parallelism, password, salt, null, null, length,
        Argon2Version.V13);
  }

  @Override
  public String description() {
    return "native libargon2 through argon2-jvm";
  }
}
