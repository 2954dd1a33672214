package dev.invitekit.internal.token;

import dev.invitekit.spi.store.TokenDigest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Invitation and link tokens (I5): 256 bits from a CSPRNG, as 43 URL-safe Base64 characters without
 * padding, stored only as their SHA-256 digest.
 */
public final class Tokens {
  /** Length of a token's text form. */
  public static final int LENGTH = 43;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;

  /** Tokens from the given CSPRNG. */
  public Tokens(SecureRandom random) {
    this.random = random;
  }

  /** A fresh 256-bit token. */
  public String next() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  /** Whether the text has a token's shape; anything else is an unknown token, without a lookup. */
  public static boolean isWellFormed(String token) {
    if (token.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = token.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /**
   * One SHA-256 per thread: every invitation and every token lookup digests a token, and looking the
   * algorithm up in the providers each time cost more than the digest. {@code digest()} resets it.
   */
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  });

  /** The SHA-256 digest of the token, the form stores keep (I5). */
  public static TokenDigest digest(String token) {
    return TokenDigest.of(SHA_256.get().digest(token.getBytes(StandardCharsets.US_ASCII)));
  }
}
