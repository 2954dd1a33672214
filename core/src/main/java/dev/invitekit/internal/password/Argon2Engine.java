package dev.invitekit.internal.password;

/**
 * One implementation of the raw Argon2id derivation (version 0x13), which {@link Argon2idHasher} wraps in
 * PHC strings (S4). Every engine gives the same bytes for the same inputs, so a hash made by one verifies
 * with the other; {@link Argon2Engines} picks one.
 */
interface Argon2Engine {
  /** The Argon2id tag of {@code length} bytes for the password's bytes and the salt at these parameters. */
  byte[] derive(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length);

  /** What it is, for the start-up log line: never anything secret. */
  String description();
}
