package dev.invitekit.spi.store;

import dev.invitekit.id.AccountId;
import dev.invitekit.member.Membership;
import dev.invitekit.id.UserId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The memberships of one unit of work (U2, U6), reached through {@link StoreTransaction#memberships()}.
 * The invariants across memberships (at least one admin, U2) hold because core changes them only after
 * {@link AccountStore#lock}; these methods need no more than what each one states.
 */
public interface MembershipStore {

  /**
   * Inserts a membership unless the user already is a member of the account; returns whether it was
   * inserted. Atomic: of concurrent inserts for one account and user, at most one succeeds.
   */
  boolean insert(Membership membership);

  /** The user's membership in the account. Plain read. */
  Optional<Membership> find(AccountId accountId, UserId userId);

  /**
   * The memberships in the account of those of {@code userIds} who are members, by user; users who are not
   * members (or do not exist) are left out. Plain read. A bulk invite asks it for the addresses that have a
   * user, so that it never reads the account's every member (an invite must not grow with the account).
   * The default asks {@link #find} for each; a store with round trips should answer in one.
   */
  default Map<UserId, Membership> findAll(AccountId accountId, Collection<UserId> userIds) {
    Objects.requireNonNull(accountId, "accountId");
    Map<UserId, Membership> found = new LinkedHashMap<>();
    for (UserId userId : userIds) {
      find(accountId, Objects.requireNonNull(userId, "userId")).ifPresent(m -> found.put(m.userId(), m));
    }
    return found;
  }

  /** Every membership of the account, oldest first. Plain read. */
  List<Membership> ofAccount(AccountId accountId);

  /** Every membership of the user, oldest first. Plain read. */
  List<Membership> ofUser(UserId userId);

  /**
   * Replaces an existing membership (role, invite permission). Plain write.
   *
   * @throws IllegalStateException if the user is no member of the account
   */
  void update(Membership membership);

  /** Deletes a membership; returns whether one existed. Plain write. */
  boolean delete(AccountId accountId, UserId userId);
}
