package dev.invitekit.spi.store;

import dev.invitekit.id.AccountId;
import dev.invitekit.member.Membership;
import dev.invitekit.id.UserId;
import java.util.List;
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
