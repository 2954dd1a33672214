package dev.invitekit.spi.store;

import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import java.util.Optional;

/** Remembered results of idempotent requests (I10), reached through {@link StoreTransaction#idempotency()}. */
public interface IdempotencyStore {

  /** The remembered result for this key, if any. Plain read. */
  Optional<IdempotencyRecord> find(AccountId accountId, UserId inviterId, String key);

  /**
   * Remembers a result unless one exists for its account, inviter and key; returns whether it was
   * inserted. Atomic: of concurrent inserts of one key, on one node or many, at most one succeeds.
   */
  boolean insert(IdempotencyRecord record);
}
