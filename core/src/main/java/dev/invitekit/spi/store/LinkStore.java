package dev.invitekit.spi.store;

import dev.invitekit.id.AccountId;
import dev.invitekit.id.LinkId;
import dev.invitekit.link.LinkJoin;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The invite links of one unit of work (L1, L3), reached through {@link StoreTransaction#links()}. A link
 * is found by the digest of its token ({@link StoredLink#tokenDigest()}), like every token in the store.
 * One current link per account (L1) holds because core creates and replaces links only after
 * {@link AccountStore#lock}.
 */
public interface LinkStore {

  /** Inserts a link. Plain write. */
  void insert(StoredLink link);

  /** The link whose token has this digest, active or not. Plain read. */
  Optional<StoredLink> findByToken(TokenDigest digest);

  /** The account's active link, if any (at most one is active). Plain read. */
  Optional<StoredLink> findActive(AccountId accountId);

  /** The link with this id. Plain read. */
  Optional<StoredLink> find(LinkId id);

  /**
   * Marks a link inactive; it stops working at once (L1). Plain write.
   *
   * @throws IllegalStateException if there is no such link
   */
  void deactivate(LinkId id);

  /**
   * Counts one use of the link if it is active, not expired at {@code now}, and under its use limit;
   * returns whether it did. Atomic: of N concurrent calls, on one node or many, on a link with K uses
   * left, exactly K succeed (L3).
   */
  boolean tryUse(LinkId id, Instant now);

  /**
   * Sets the expiry and use limit of a link, leaving its token, uses and state alone; does nothing when
   * there is no such link. Plain write, in the unit of work that changes the account's policy, so that
   * the policy's link limits apply to the current link at once (L1). A lower limit than the uses already
   * counted simply stops further uses ({@link #tryUse}).
   */
  void updateLimits(LinkId id, Instant expiresAt, @Nullable Integer useLimit);

  /** Records that someone joined through a link (L1). Plain write. */
  void recordJoin(LinkJoin join);

  /** Everyone who joined through any of the account's links, oldest first. Plain read. */
  List<LinkJoin> joins(AccountId accountId);
}
