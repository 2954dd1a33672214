package dev.invitekit.spi.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.invitekit.secret.Secret;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.LinkId;
import dev.invitekit.id.UserId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An invite link as stored (L1). Unlike invitation tokens, the link's token is kept as is, because members
 * must be able to copy the link again; a leaked link token alone admits no one, since redemption emails
 * a personal invitation to an address the visitor must own (L3). It is still looked up by its digest
 * ({@link #tokenDigest()}, {@link LinkStore#findByToken}), like every token in the store.
 *
 * @param id the link's id
 * @param accountId its account
 * @param token the token in its URL (43 URL-safe Base64 characters); neither {@link #toString()} nor JSON shows it
 * @param createdBy who created it
 * @param createdAt when
 * @param expiresAt when it stops working
 * @param useLimit how many redemptions it allows, or null
 * @param uses redemptions so far
 * @param active false once rotated or turned off
 */
public record StoredLink(
    LinkId id,
    AccountId accountId,
    @JsonIgnore String token,
    UserId createdBy,
    Instant createdAt,
    Instant expiresAt,
    @Nullable Integer useLimit,
    int uses,
    boolean active) {

  /** Requires the non-optional components. */
  public StoredLink {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The digest of {@link #token()}: what {@link LinkStore#findByToken} finds the link by. */
  public TokenDigest tokenDigest() {
    return TokenDigest.ofToken(token);
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "StoredLink[id=" + id + ", accountId=" + accountId + ", token=" + Secret.REDACTED + ", uses=" + uses
        + ", useLimit=" + useLimit + ", active=" + active + ", expiresAt=" + expiresAt + "]";
  }
}
