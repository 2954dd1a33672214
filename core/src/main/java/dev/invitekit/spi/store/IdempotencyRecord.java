package dev.invitekit.spi.store;

import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * The remembered result of a bulk invitation sent with an idempotency key (I10).
 *
 * @param accountId the account
 * @param inviterId who sent it; keys are scoped per inviter and account
 * @param key the caller's idempotency key
 * @param requestFingerprint a digest of the request, to tell a repeat from a different request
 * @param resultJson the result as core serialized it; opaque to stores
 * @param createdAt when it was first processed
 */
public record IdempotencyRecord(
    AccountId accountId, UserId inviterId, String key, String requestFingerprint, String resultJson,
    Instant createdAt) {
  /** Requires every component. */
  public IdempotencyRecord {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(inviterId, "inviterId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(requestFingerprint, "requestFingerprint");
    Objects.requireNonNull(resultJson, "resultJson");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
