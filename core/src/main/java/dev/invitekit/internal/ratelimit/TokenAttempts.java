package dev.invitekit.internal.ratelimit;

import dev.invitekit.spi.store.StoreTransaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Limits on trying tokens that turn out unknown or malformed (SPEC §5, issue 8 item 2): they slow a
 * guesser down and never the person holding a valid token. A token is always looked up first; only a
 * miss is counted, per caller-supplied client key and, for every caller together, against a global cap.
 * Past either limit a miss answers "too many attempts" instead of "unknown": a valid token is never
 * counted and never refused, whatever anyone else sends (a flood of junk from many client keys included).
 * The counts live in the store, so the limit is exact across nodes sharing it.
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

  /**
   * Counts a miss (a token that is malformed or unknown) in {@code tx}: true when it was within the limits
   * (answer "unknown"), false when the client or everyone together is over them (answer "too many
   * attempts"). Call it only after the lookup found nothing: a known token is never a miss.
   */
  public boolean miss(StoreTransaction tx, @Nullable String clientKey) {
    String client = clientKey == null ? null : clientCounter(clientKey);
    if (client != null && limiter.tryAcquire(tx, client, perClient, window, 1).isPresent()) {
      return false;
    }
    return limiter.tryAcquire(tx, GLOBAL, global, window, 1).isEmpty();
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
