package dev.invitekit.internal.ratelimit;

import dev.invitekit.spi.store.StoreTransaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Limits on trying tokens that turn out unknown or malformed (SPEC §5): per caller-supplied client key
 * and, for every caller together, a global cap per window. An attempt takes a permit from both counters
 * before the token is looked up, in the same unit of work, and gives them back when the token is known,
 * so only misses count and the limit is exact across nodes sharing a store.
 *
 * <p>The library never sees IP addresses: the client key is whatever the app passes (an IP address, a
 * session id). It is stored only as a truncated SHA-256 digest in the counter's key.
 */
public final class TokenAttempts {
  private static final String GLOBAL = "token-attempts:global";

  private final RateLimiter limiter;
  private final int perClient;
  private final int global;
  private final Duration window;

  /** Limits of {@code perClient} and {@code global} missed attempts per {@code window}. */
  public TokenAttempts(RateLimiter limiter, int perClient, int global, Duration window) {
    this.limiter = limiter;
    this.perClient = perClient;
    this.global = global;
    this.window = window;
  }

  /** Takes an attempt in {@code tx}; false, taking nothing, when the client or everyone is over the limit. */
  public boolean take(StoreTransaction tx, @Nullable String clientKey) {
    String client = clientKey == null ? null : clientCounter(clientKey);
    if (client != null && limiter.tryAcquire(tx, client, perClient, window, 1).isPresent()) {
      return false;
    }
    if (limiter.tryAcquire(tx, GLOBAL, global, window, 1).isPresent()) {
      if (client != null) {
        limiter.release(tx, client, window, 1);
      }
      return false;
    }
    return true;
  }

  /** Gives back an attempt taken in {@code tx} whose token turned out known. */
  public void giveBack(StoreTransaction tx, @Nullable String clientKey) {
    if (clientKey != null) {
      limiter.release(tx, clientCounter(clientKey), window, 1);
    }
    limiter.release(tx, GLOBAL, window, 1);
  }

  private static String clientCounter(String clientKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(clientKey.getBytes(StandardCharsets.UTF_8));
      return "token-attempts:client:" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
