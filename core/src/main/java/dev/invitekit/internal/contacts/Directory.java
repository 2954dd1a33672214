package dev.invitekit.internal.contacts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.invitekit.id.AccountId;
import dev.invitekit.spi.store.DirectoryEntry;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The cached directory of each account, arranged once for reading (C1–C3): bounded in size, each entry
 * expiring after the configured time, so another node's change is visible within that bound; this node's own
 * changes invalidate the entry at once. The time is real elapsed time from a ticker, never the domain clock: a fixed clock must
 * not keep an entry forever (issue 9 item 5).
 */
public final class Directory {
  private final Cache<AccountId, AccountDirectory> cache;

  /**
   * A directory cache holding at most {@code maximumAccounts} accounts for at most {@code ttl} of the
   * ticker's nanoseconds.
   */
  public Directory(LongSupplier nanoTicker, Duration ttl, long maximumAccounts) {
    this.cache = Caffeine.newBuilder()
        .ticker(nanoTicker::getAsLong)
        .expireAfterWrite(ttl)
        .maximumSize(maximumAccounts)
        .build();
  }

  /**
   * The account's directory, arranged for reading ({@link AccountDirectory}) from the members {@code loader}
   * answers on a miss.
   */
  AccountDirectory of(AccountId accountId, Function<AccountId, List<DirectoryEntry>> loader) {
    return cache.get(accountId, id -> AccountDirectory.of(loader.apply(id)));
  }

  /** Forgets the account's entry after a membership change on this node (C3). */
  public void invalidate(AccountId accountId) {
    cache.invalidate(accountId);
  }
}
