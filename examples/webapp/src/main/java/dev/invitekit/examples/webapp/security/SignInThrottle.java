package dev.invitekit.examples.webapp.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits failed sign-ins, which Invitekit leaves to the app (docs/security.md): at most
 * {@value #PER_ADDRESS_AND_CLIENT} failures for one address from one client, {@value #PER_CLIENT} from one
 * client for any addresses, and {@value #PER_ADDRESS} for one address from all clients together, each in a
 * window of {@link #WINDOW} from its first failure. Past a limit, sign-in is refused before the password is
 * checked. The per-address limit is high so that nobody can lock a colleague out from one machine, while
 * guessing one person's password from many machines stays slow. In memory, per node: a cluster would keep
 * these counters in a shared store.
 */
public final class SignInThrottle {
  static final int PER_ADDRESS_AND_CLIENT = 5;
  static final int PER_CLIENT = 30;
  static final int PER_ADDRESS = 100;
  static final Duration WINDOW = Duration.ofMinutes(15);

  private final Cache<String, AtomicInteger> failures =
      Caffeine.newBuilder().expireAfterWrite(WINDOW).maximumSize(200_000).build();

  /** Whether another attempt for {@code email} from {@code client} may be checked now. */
  public boolean allows(String email, String client) {
    return below(pair(email, client), PER_ADDRESS_AND_CLIENT) && below("client:" + client, PER_CLIENT)
        && below(address(email), PER_ADDRESS);
  }

  /** Counts a failed attempt. */
  public void failed(String email, String client) {
    for (String key : new String[] {pair(email, client), "client:" + client, address(email)}) {
      failures.get(key, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  /** Forgets the failures of this address from this client, after it signed in. */
  public void succeeded(String email, String client) {
    failures.invalidate(pair(email, client));
  }

  private boolean below(String key, int limit) {
    AtomicInteger count = failures.getIfPresent(key);
    return count == null || count.get() < limit;
  }

  private static String address(String email) {
    return "address:" + email.strip().toLowerCase(Locale.ROOT);
  }

  private static String pair(String email, String client) {
    return "pair:" + email.strip().toLowerCase(Locale.ROOT) + "|" + client;
  }
}
