package dev.invitekit.spi.store;

import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import java.util.Optional;

/** The accounts of one unit of work (A1, A2), reached through {@link StoreTransaction#accounts()}. */
public interface AccountStore {

  /**
   * Inserts a new account. Plain.
   *
   * @throws IllegalStateException if an account with the same id exists
   */
  void insert(Account account);

  /** The account with this id. Plain read. */
  Optional<Account> find(AccountId id);

  /**
   * Replaces an existing account (policy changes). Plain write.
   *
   * @throws IllegalStateException if there is no such account
   */
  void update(Account account);

  /**
   * Locks the account for the rest of this unit of work and returns it as last committed; empty, locking
   * nothing, when there is no such account. This is the atomic step behind the account invariants (U2: at
   * least one admin; P2: only admins and co-workers hold Pro+; L1: one current link): core calls it first,
   * before any other read, in every unit of work that changes an account's roles or memberships, assigns
   * a license, or creates or replaces its link, and then reads, decides and writes.
   *
   * <p>Atomic: a unit of work calling {@code lock(id)} waits, on one node or many, while another unit of
   * work that called it for the same account is running, until that one commits or rolls back; and every
   * read it makes after the call sees what that unit of work committed. At {@code READ COMMITTED} a row
   * lock held to the end of the transaction does both ({@code SELECT … FOR UPDATE}, or an {@code UPDATE}
   * of the account row). At {@code REPEATABLE READ} or {@code SERIALIZABLE}, where a transaction reads
   * from a snapshot taken before it waited, the lock must be a write of the account row, so that the
   * database reports the second unit of work as a serialization failure and the store runs it again. A
   * store whose units of work run one at a time (the in-memory store) only reads. The store kit checks
   * this with real threads: {@code AccountInvariantRaceContract}.
   */
  Optional<Account> lock(AccountId id);
}
