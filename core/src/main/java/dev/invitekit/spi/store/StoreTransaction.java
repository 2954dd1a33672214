package dev.invitekit.spi.store;

import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.id.LinkId;
import dev.invitekit.link.LinkJoin;
import dev.invitekit.member.Membership;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.OutboxEntry.Status;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The operations of one unit of work ({@link Store#inTransaction}). Lists come back in a stable order,
 * as each method says. Methods named {@code try…} or returning {@code boolean} are the atomic steps: they
 * must hold under concurrent units of work, on one node or many (no read-modify-write races).
 */
public interface StoreTransaction {

  // ---- accounts (A1, A2)

  /** Inserts a new account. */
  void insertAccount(Account account);

  /** The account with this id. */
  Optional<Account> findAccount(AccountId id);

  /** Replaces an existing account (policy changes). */
  void updateAccount(Account account);

  /**
   * Locks the account for the rest of this unit of work and returns it as last committed; empty, locking
   * nothing, when there is no such account. This is the atomic step behind the account invariants (U2: at
   * least one admin; P2: only admins and co-workers hold Pro+; L1: one current link): core calls it first,
   * before any other read, in every unit of work that changes an account's roles or memberships, assigns
   * a license, or creates or replaces its link, and then reads, decides and writes.
   *
   * <p>A store must guarantee, on one node or many: a unit of work calling {@code lockAccount(id)} waits
   * while another unit of work that called it for the same account is running, until that one commits or
   * rolls back; and every read it makes after the call sees what that unit of work committed. At
   * {@code READ COMMITTED} a row lock held to the end of the transaction does both ({@code SELECT … FOR
   * UPDATE}, or an {@code UPDATE} of the account row). At {@code REPEATABLE READ} or {@code SERIALIZABLE},
   * where a transaction reads from a snapshot taken before it waited, the lock must be a write of the
   * account row, so that the database reports the second unit of work as a serialization failure and the
   * store runs it again. A store whose units of work run one at a time (the in-memory store) only reads.
   * The store TCK checks this with real threads: {@code AccountInvariantRaceContract}.
   */
  Optional<Account> lockAccount(AccountId id);

  // ---- users (U1)

  /** Inserts a user unless one with the same email exists; returns whether it was inserted. */
  boolean insertUser(StoredUser user);

  /** The user with this id. */
  Optional<StoredUser> findUser(UserId id);

  /** The user with this (normalized) email. */
  Optional<StoredUser> findUserByEmail(EmailAddress email);

  /**
   * The users with these (normalized) emails, in one look: a map from each address that has a user to
   * that user, exactly what {@link #findUserByEmail} answers for each address; addresses without a user
   * are absent. Duplicates in {@code emails} are looked up once. A store should answer with one query
   * (a bulk invite asks for up to 20 addresses at once); the default asks {@link #findUserByEmail} per
   * address.
   */
  default Map<EmailAddress, StoredUser> findUsersByEmail(Collection<EmailAddress> emails) {
    Map<EmailAddress, StoredUser> found = new LinkedHashMap<>();
    for (EmailAddress email : emails) {
      if (!found.containsKey(email)) {
        findUserByEmail(email).ifPresent(user -> found.put(email, user));
      }
    }
    return found;
  }

  /** Replaces a user's password hash (re-hash when parameters rise, S4). */
  void updatePasswordHash(UserId id, PasswordHash hash);

  // ---- memberships (U2, U6)

  /** Inserts a membership unless the user already is a member; returns whether it was inserted. */
  boolean insertMembership(Membership membership);

  /** The user's membership in the account. */
  Optional<Membership> findMembership(AccountId accountId, UserId userId);

  /** Every membership of the account, oldest first. */
  List<Membership> memberships(AccountId accountId);

  /** Every membership of the user, oldest first. */
  List<Membership> membershipsOf(UserId userId);

  /** Replaces an existing membership (role, invite permission). */
  void updateMembership(Membership membership);

  /** Deletes a membership; returns whether one existed. */
  boolean deleteMembership(AccountId accountId, UserId userId);

  // ---- invitations (I5, I7, L3)

  /**
   * Inserts an invitation unless the account already has an open ({@code PENDING} or
   * {@code AWAITING_APPROVAL}) invitation for the same address; returns whether it was inserted. At most
   * one open invitation per account and address, even under concurrent inserts.
   */
  boolean insertInvitation(StoredInvitation invitation);

  /** The invitation with this id. */
  Optional<StoredInvitation> findInvitation(InvitationId id);

  /**
   * The invitations with these ids, in one look: a map from each id that exists to what
   * {@link #findInvitation} answers for it; unknown ids are absent. A store should answer with one query;
   * the default asks {@link #findInvitation} per id.
   */
  default Map<InvitationId, StoredInvitation> findInvitations(Collection<InvitationId> ids) {
    Map<InvitationId, StoredInvitation> found = new LinkedHashMap<>();
    for (InvitationId id : ids) {
      if (!found.containsKey(id)) {
        findInvitation(id).ifPresent(invitation -> found.put(id, invitation));
      }
    }
    return found;
  }

  /** The invitation whose current token has this digest. */
  Optional<StoredInvitation> findInvitationByToken(TokenDigest digest);

  /**
   * Remembers that {@code digest} was a token of invitation {@code id} and was replaced by a newer one,
   * in a re-send, a reminder or a repeated link redemption (I7), so that {@link
   * #findInvitationBySupersededToken} can answer for it. Called in the unit of work that replaced the
   * token, after {@link #updateInvitation} succeeded; a digest is remembered for one invitation only, and
   * remembering it again changes nothing. The default remembers nothing: a store that keeps the default
   * answers such a token as unknown, which the store kit reports as a failed contract.
   */
  default void supersedeToken(InvitationId id, TokenDigest digest) {}

  /**
   * The invitation whose earlier token, since replaced, has this digest ({@link #supersedeToken}); as it
   * is now, with its current digest. Never found by an invitation's current token: that is
   * {@link #findInvitationByToken}. The default finds none (see {@link #supersedeToken}).
   */
  default Optional<StoredInvitation> findInvitationBySupersededToken(TokenDigest digest) {
    return Optional.empty();
  }

  /** The account's open invitation for this address. */
  Optional<StoredInvitation> findOpenInvitation(AccountId accountId, EmailAddress email);

  /**
   * The account's open invitations for these addresses, in one look: a map from each address that has
   * one to it, exactly what {@link #findOpenInvitation} answers for each address; addresses without an
   * open invitation are absent. Duplicates in {@code emails} are looked up once. A store that treats
   * "looked and found none" specially (to batch a following {@link #insertInvitation}) treats every
   * absent address here as it would after {@link #findOpenInvitation}. A store should answer with one
   * query; the default asks {@link #findOpenInvitation} per address.
   */
  default Map<EmailAddress, StoredInvitation> findOpenInvitations(AccountId accountId,
      Collection<EmailAddress> emails) {
    Map<EmailAddress, StoredInvitation> found = new LinkedHashMap<>();
    for (EmailAddress email : emails) {
      if (!found.containsKey(email)) {
        findOpenInvitation(accountId, email).ifPresent(invitation -> found.put(email, invitation));
      }
    }
    return found;
  }

  /** Every invitation of the account, oldest first. */
  List<Invitation> invitations(AccountId accountId);

  /** Open invitations of every account with {@code expiresAt <= at}, soonest first, at most {@code limit}. */
  List<Invitation> openInvitationsExpiringBy(Instant at, int limit);

  /** Pending invitations not yet reminded with {@code expiresAt <= at}, soonest first, at most {@code limit}. */
  List<Invitation> pendingUnremindedExpiringBy(Instant at, int limit);

  /**
   * Replaces the invitation if, and only if, its current state is {@code expectedState}; returns whether
   * it did. This is the atomic step behind "accepted at most once, ever" (I5): of any number of
   * concurrent calls expecting {@code PENDING}, at most one succeeds.
   */
  boolean updateInvitation(StoredInvitation next, InvitationState expectedState);

  /**
   * Records the delivery status of the email sent for {@code tokenDigest}, if that is still the
   * invitation's current token; returns whether it did (a re-send in between wins).
   */
  boolean recordDelivery(InvitationId id, TokenDigest tokenDigest, DeliveryStatus status, Instant at);

  /**
   * Applies each step as {@link #recordDelivery} would, in list order, each independently; returns, per
   * step and in the same order, whether it was recorded. A store should send them as one batch; the
   * default calls {@link #recordDelivery} per step.
   */
  default boolean[] recordDeliveries(List<DeliveryRecord> records) {
    boolean[] recorded = new boolean[records.size()];
    for (int i = 0; i < recorded.length; i++) {
      DeliveryRecord r = records.get(i);
      recorded[i] = recordDelivery(r.id(), r.tokenDigest(), r.status(), r.at());
    }
    return recorded;
  }

  // ---- invite links (L1, L3)

  /** Inserts a link. */
  void insertLink(StoredLink link);

  /** The link with this token, active or not. */
  Optional<StoredLink> findLinkByToken(String token);

  /** The account's active link, if any (at most one is active). */
  Optional<StoredLink> findActiveLink(AccountId accountId);

  /** The link with this id. */
  Optional<StoredLink> findLink(LinkId id);

  /** Marks a link inactive; it stops working at once (L1). */
  void deactivateLink(LinkId id);

  /**
   * Counts one use of the link if it is active, not expired at {@code now}, and under its use limit;
   * returns whether it did. Of N concurrent calls on a link with K uses left, exactly K succeed (L3).
   */
  boolean tryUseLink(LinkId id, Instant now);

  /**
   * Sets the expiry and use limit of a link, leaving its token, uses and state alone; does nothing when
   * there is no such link. Called in the unit of work that changes the account's policy, so that the
   * policy's link limits apply to the current link at once (L1, issue 9 item 7). A lower limit than the
   * uses already counted simply stops further uses ({@link #tryUseLink}).
   */
  void updateLinkLimits(LinkId id, Instant expiresAt, @Nullable Integer useLimit);

  /** Records that someone joined through a link (L1). */
  void recordLinkJoin(LinkJoin join);

  /** Everyone who joined through any of the account's links, oldest first. */
  List<LinkJoin> linkJoins(AccountId accountId);

  // ---- licenses (P1–P4)

  /**
   * Assigns the license if the member does not hold it and fewer than {@code seats} are assigned in the
   * account. Concurrent claims never exceed {@code seats} (P2).
   */
  SeatClaim tryAssignSeat(LicenseAssignment assignment, int seats);

  /** Removes the member's assignment and returns it, if there was one (P4). */
  Optional<LicenseAssignment> removeAssignment(AccountId accountId, UserId userId, License license);

  /** The account's assignments, oldest first. */
  List<LicenseAssignment> assignments(AccountId accountId);

  // ---- idempotency (I10)

  /** The remembered result for this key, if any. */
  Optional<IdempotencyRecord> findIdempotencyRecord(AccountId accountId, UserId inviterId, String key);

  /** Remembers a result unless one exists for the key; returns whether it was inserted. */
  boolean insertIdempotencyRecord(IdempotencyRecord record);

  // ---- mail outbox (SPEC §5)

  /** Records a message to deliver, in the same unit of work as the change it reports. Ids are unique. */
  void insertOutbox(OutboxEntry entry);

  /** The outbox entry with this id. */
  Optional<OutboxEntry> findOutbox(String id);

  /**
   * The outbox entries with these ids, in one look: a map from each id that exists to what
   * {@link #findOutbox} answers for it; unknown ids are absent. A store should answer with one query; the
   * default asks {@link #findOutbox} per id.
   */
  default Map<String, OutboxEntry> findOutboxes(Collection<String> ids) {
    Map<String, OutboxEntry> found = new LinkedHashMap<>();
    for (String id : ids) {
      if (!found.containsKey(id)) {
        findOutbox(id).ifPresent(entry -> found.put(id, entry));
      }
    }
    return found;
  }

  /**
   * Claims up to {@code limit} due entries for delivery: {@code PENDING}, {@code nextAttemptAt <= now},
   * and unclaimed or with {@code claimedUntil <= now}; sets their {@code claimedUntil} to
   * {@code leaseUntil} and returns them as claimed, earliest {@code nextAttemptAt} first. While a lease
   * holds, no other unit of work, on this node or another, claims the same entry.
   */
  List<OutboxEntry> claimOutbox(Instant now, Instant leaseUntil, int limit);

  /**
   * Schedules another attempt of a pending entry: sets its attempts, next attempt and last error, and
   * releases the claim. Returns false, changing nothing, if the entry is not pending.
   */
  boolean rescheduleOutbox(String id, int attempts, Instant nextAttemptAt, String lastError);

  /**
   * Ends a pending entry as {@code SENT} or {@code GAVE_UP}: records the attempts and the error (null when
   * sent), releases the claim, and erases the payload (makes it empty). Returns false, changing nothing, if
   * the entry is not pending.
   *
   * @throws IllegalArgumentException if {@code status} is {@code PENDING}
   */
  boolean completeOutbox(String id, Status status, int attempts, @Nullable String lastError);

  /**
   * Applies each step as {@link #completeOutbox} would, in list order, each independently; returns, per
   * step and in the same order, whether it completed the entry. A store should send them as one batch;
   * the default calls {@link #completeOutbox} per step.
   */
  default boolean[] completeOutboxes(List<OutboxCompletion> completions) {
    boolean[] completed = new boolean[completions.size()];
    for (int i = 0; i < completed.length; i++) {
      OutboxCompletion c = completions.get(i);
      completed[i] = completeOutbox(c.id(), c.status(), c.attempts(), c.lastError());
    }
    return completed;
  }

  /** The account's entries in {@code status} (every account's when {@code accountId} is null), oldest first, at most {@code limit}. */
  List<OutboxEntry> outbox(@Nullable AccountId accountId, Status status, int limit);

  // ---- counters (rate limits shared by every node, A2)

  /**
   * Adds {@code permits} to the counter of {@code key} in the window starting at {@code window}, if the
   * result stays at or under {@code limit}; returns whether it did. Of concurrent calls, on one node or
   * many, never more than {@code limit} permits are taken in one window.
   *
   * @throws IllegalArgumentException if {@code permits} is below 1
   */
  boolean tryIncrementCounter(String key, Instant window, int permits, int limit);

  /**
   * Applies each increment as {@link #tryIncrementCounter} would, in list order, each atomically and
   * independently of the others (a refused one does not undo or prevent the others); returns, per
   * increment and in the same order, whether it was applied. The same key may appear several times: a
   * later step sees what the earlier ones took. Of concurrent calls, on one node or many, never more than
   * the limit is taken in one window. A store should send them as one batch; the default calls
   * {@link #tryIncrementCounter} per increment.
   */
  default boolean[] tryIncrementCounters(List<CounterIncrement> increments) {
    boolean[] applied = new boolean[increments.size()];
    for (int i = 0; i < applied.length; i++) {
      CounterIncrement step = increments.get(i);
      applied[i] = tryIncrementCounter(step.key(), step.window(), step.permits(), step.limit());
    }
    return applied;
  }

  /** Gives permits back to a counter (never below zero), for work that then did not happen. */
  void decrementCounter(String key, Instant window, int permits);

  /**
   * {@link #decrementCounter} for each step's key, window and permits (its limit is not used), in list
   * order. A store should send them as one batch; the default calls {@link #decrementCounter} per step.
   */
  default void decrementCounters(List<CounterIncrement> decrements) {
    for (CounterIncrement step : decrements) {
      decrementCounter(step.key(), step.window(), step.permits());
    }
  }

  /** The counter's value in the window; 0 if it was never incremented. */
  int counterValue(String key, Instant window);

  /** Deletes every counter of windows starting before {@code before}; returns how many. */
  int deleteCountersBefore(Instant before);

  // ---- founder sign-ups (A3, U1)

  /**
   * Records a founder's sign-up waiting for confirmation by mail (A3). Token digests are unique among founder
   * sign-ups. Several open sign-ups may name the same address: an unproven one blocks nobody.
   */
  void insertFounderSignup(FounderSignup signup);

  /** The founder sign-up whose confirmation token has this digest, confirmed or not, expired or not. */
  Optional<FounderSignup> findFounderSignup(TokenDigest digest);

  /**
   * The newest founder sign-up for this (normalized) address that is still open at {@code now}: not
   * confirmed and {@code expiresAt} after {@code now}; the latest {@code expiresAt} first, ties by insertion
   * (the later one). Signing in asks it to tell an unconfirmed founder what to do (A3).
   */
  Optional<FounderSignup> latestOpenFounderSignup(EmailAddress email, Instant now);

  /**
   * Marks the founder sign-up with this digest confirmed at {@code now} if it is still open then (not
   * confirmed, {@code expiresAt} after {@code now}); returns whether it did. Of any number of concurrent
   * calls, on one node or many, at most one succeeds (A3).
   */
  boolean confirmFounderSignup(TokenDigest digest, Instant now);

  /**
   * Deletes every founder sign-up that was never confirmed and whose {@code expiresAt} is at or before
   * {@code before}, together with its account (which never had a member); returns how many sign-ups it
   * deleted. Confirmed sign-ups and their accounts are kept (A3).
   */
  int deleteExpiredFounderSignups(Instant before);
}
