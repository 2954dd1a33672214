package dev.invitekit.spi.store;

import dev.invitekit.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The SHA-256 digest of a token (an invitation's, a founder sign-up's, an invite link's): the form in which
 * the store looks every token up (I5). Invitation and sign-up tokens are stored only in this form. Stores index
 * and compare it as its 64-character lower-case hex form. {@link #toString()} never shows it.
 *
 * @param hex 64 lower-case hex characters
 */
public record TokenDigest(String hex) {
  private static final int LENGTH = 64;

  /** Requires 64 lower-case hex characters. */
  public TokenDigest {
    Objects.requireNonNull(hex, "hex");
    if (!isLowerHex64(hex)) {
      throw new IllegalArgumentException("a token digest is 64 lower-case hex characters");
    }
  }

  /** {@code [0-9a-f]{64}}, checked by hand: a regex here cost a third of an invitation preview. */
  private static boolean isLowerHex64(String hex) {
    if (hex.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** The digest from its 32 bytes. */
  public static TokenDigest of(byte[] sha256) {
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + sha256.length);
    }
    return new TokenDigest(HexFormat.of().formatHex(sha256));
  }

  /**
   * The digest of a token as it appears in a URL (ASCII): what the store looks tokens up by, for
   * invitations, founder sign-ups and invite links alike.
   */
  public static TokenDigest ofToken(String token) {
    Objects.requireNonNull(token, "token");
    try {
      return of(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Compares in constant time (as {@link MessageDigest#isEqual} does), so that code comparing a presented digest
   * with a stored one (a store's compare-and-set on the digest, say) leaks nothing through timing about
   * how many characters matched. Finding a row by its digest through an index or hash map is a lookup,
   * not a comparison, and is fine: the digest of a 256-bit token cannot be guessed prefix by prefix.
   */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof TokenDigest d)) {
      return false;
    }
    // As MessageDigest.isEqual does, without copying both sides to bytes on every hash-map hit: every
    // character is compared whatever the first difference (both always have 64).
    String mine = hex;
    String theirs = d.hex;
    int difference = mine.length() ^ theirs.length();
    for (int i = 0, n = Math.min(mine.length(), theirs.length()); i < n; i++) {
      difference |= mine.charAt(i) ^ theirs.charAt(i);
    }
    return difference == 0;
  }

  @Override
  public int hashCode() {
    return hex.hashCode();
  }

  /** Never shows the digest. */
  @Override
  public String toString() {
    return "TokenDigest[" + Secret.REDACTED + "]";
  }
}
