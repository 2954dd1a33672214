package dev.invitekit.spi.store;

import dev.invitekit.id.AccountId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One unit of work of a {@link Store}: the way to the role interfaces, one per aggregate. Each accessor
 * returns a view bound to this unit of work (a store may return the same object every time); everything
 * done through the views of one {@code StoreTransaction} commits or rolls back together.
 *
 * <p>Read each role interface on its own: a method's atomicity and isolation requirement is stated once,
 * in its javadoc. Two words are used throughout:
 * <ul>
 *   <li><b>Atomic</b>: the method's check and its write are one step under concurrent units of work, on one
 *       node or many (no read-modify-write race); the javadoc says what the step guarantees.</li>
 *   <li><b>Plain</b>: an ordinary read or write in the unit of work; {@code READ COMMITTED} is enough.</li>
 * </ul>
 * Lists come back in the stable order each method states. Bulk methods ({@code …All}) apply their items in
 * list order, each independently, and answer one typed outcome per item, in the same order; a store should
 * send them as one batch, and the defaults call the one-item method per item. No method answers before it
 * acted: a store never queues a write to send it later.
 */
public interface StoreTransaction {

  /** Accounts and the account lock (A1, A2, U2, P2, L1). */
  AccountStore accounts();

  /** Users and their password hashes (U1, S4). */
  UserStore users();

  /** Memberships: who belongs to which account with which role (U2, U6). */
  MembershipStore memberships();

  /** Invitations, their tokens and their deliveries (I5, I7, L3). */
  InvitationStore invitations();

  /** Invite links and the joins through them (L1, L3). */
  LinkStore links();

  /** License seats (P1–P4). */
  SeatStore seats();

  /** Remembered results of idempotent requests (I10). */
  IdempotencyStore idempotency();

  /** Founder sign-ups waiting for confirmation by mail (A3). */
  FounderSignupStore founderSignups();

  /** The mail outbox (SPEC §5). */
  Outbox outbox();

  /** The rate-limit counters shared by every node (A2). */
  Counters counters();

  /**
   * Every member of the account with their user, in no stated order: the memberships
   * {@link MembershipStore#ofAccount} answers, each with the user {@link UserStore#find} answers for it (a
   * membership whose user is missing is left out). Plain read. The contacts directory reads an account with it
   * (C1–C3) and sorts by name itself, so a store should answer with one query, a join, and need not sort: the
   * default asks the two role interfaces, one {@code find} per member.
   */
  default List<StoredMember> membersWithUsers(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    List<StoredMember> members = new ArrayList<>();
    for (var membership : memberships().ofAccount(accountId)) {
      users().find(membership.userId()).ifPresent(user -> members.add(new StoredMember(membership, user.user())));
    }
    return List.copyOf(members);
  }

  /**
   * The account's directory: for each member {@link #membersWithUsers} answers, its
   * {@link DirectoryEntry#of entry}, in no stated order. Plain read. The contacts directory loads an account
   * with it (C1–C3) on every cache miss, and needs only these five fields a member, so a store should answer
   * with one query that selects only them (the display name may be built by the query) and need not sort: the
   * directory sorts whatever it gets. The default maps {@link #membersWithUsers}.
   */
  default List<DirectoryEntry> directoryOf(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    List<StoredMember> members = membersWithUsers(accountId);
    List<DirectoryEntry> entries = new ArrayList<>(members.size());
    for (StoredMember member : members) {
      entries.add(DirectoryEntry.of(member));
    }
    return List.copyOf(entries);
  }
}
