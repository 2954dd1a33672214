package dev.invitekit.spi.store;

import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The invitations of one unit of work (I5, I7, L3), reached through {@link StoreTransaction#invitations()}.
 * Every method that returns an invitation returns it as a {@link StoredInvitation}, with the digest of its
 * current token; tokens are looked up by their digest only, never in the clear.
 */
public interface InvitationStore {

  /** What became of one invitation of {@link #insertAll}. */
  enum InsertOutcome {
    /** Stored. */
    INSERTED,
    /** Not stored: the account already has an open invitation for the address (I7). */
    OPEN_ONE_EXISTS
  }

  /** What became of one step of {@link #recordDeliveries}. */
  enum RecordOutcome {
    /** Recorded on the invitation. */
    RECORDED,
    /** Not recorded: the invitation no longer has that token (a re-send in between wins), or is gone. */
    NOT_CURRENT
  }

  /**
   * Inserts an invitation unless the account already has an open ({@code PENDING} or
   * {@code AWAITING_APPROVAL}) invitation for the same address; returns whether it was inserted. Atomic:
   * at most one open invitation per account and address, even under concurrent inserts on many nodes.
   */
  boolean insert(StoredInvitation invitation);

  /**
   * {@link #insert} for each invitation, in list order, each independently: one outcome per invitation, in
   * the same order. Atomic per item, as {@link #insert}; two invitations of the list for the same open
   * address: the later one gets {@link InsertOutcome#OPEN_ONE_EXISTS}. A store should send them as one
   * batch (a bulk invite inserts up to 20).
   */
  default List<InsertOutcome> insertAll(List<StoredInvitation> invitations) {
    List<InsertOutcome> outcomes = new ArrayList<>(invitations.size());
    for (StoredInvitation invitation : invitations) {
      outcomes.add(insert(invitation) ? InsertOutcome.INSERTED : InsertOutcome.OPEN_ONE_EXISTS);
    }
    return outcomes;
  }

  /** The invitation with this id. Plain read. */
  Optional<StoredInvitation> find(InvitationId id);

  /**
   * The invitations with these ids: a map from each id that exists to what {@link #find} answers for it;
   * unknown ids are absent. Plain read; a store should answer with one query.
   */
  default Map<InvitationId, StoredInvitation> findAll(Collection<InvitationId> ids) {
    Map<InvitationId, StoredInvitation> found = new LinkedHashMap<>();
    for (InvitationId id : ids) {
      if (!found.containsKey(id)) {
        find(id).ifPresent(invitation -> found.put(id, invitation));
      }
    }
    return found;
  }

  /** The invitation whose current token has this digest. Plain read. */
  Optional<StoredInvitation> findByToken(TokenDigest digest);

  /**
   * Remembers that {@code digest} was a token of invitation {@code id} and was replaced by a newer one, in
   * a re-send, a reminder or a repeated link redemption (I7), so that {@link #findBySupersededToken} can
   * answer for it. Plain write, in the unit of work that replaced the token, after {@link #update}
   * succeeded. A digest is remembered for one invitation only; remembering it again changes nothing.
   */
  void supersedeToken(InvitationId id, TokenDigest digest);

  /**
   * The invitation whose earlier token, since replaced, has this digest ({@link #supersedeToken}); as it
   * is now, with its current digest. Never found by an invitation's current token: that is
   * {@link #findByToken}. Plain read.
   */
  Optional<StoredInvitation> findBySupersededToken(TokenDigest digest);

  /** The account's open invitation for this address. Plain read. */
  Optional<StoredInvitation> findOpen(AccountId accountId, EmailAddress email);

  /**
   * The account's open invitations for these addresses: a map from each address that has one to it,
   * exactly what {@link #findOpen} answers for each; addresses without one are absent, duplicates are
   * looked up once. Plain read; a store should answer with one query.
   */
  default Map<EmailAddress, StoredInvitation> findOpenByEmails(AccountId accountId,
      Collection<EmailAddress> emails) {
    Map<EmailAddress, StoredInvitation> found = new LinkedHashMap<>();
    for (EmailAddress email : emails) {
      if (!found.containsKey(email)) {
        findOpen(accountId, email).ifPresent(invitation -> found.put(email, invitation));
      }
    }
    return found;
  }

  /** Every invitation of the account, oldest first. Plain read. */
  List<StoredInvitation> ofAccount(AccountId accountId);

  /** Open invitations of every account with {@code expiresAt <= at}, soonest first, at most {@code limit}. Plain read. */
  List<StoredInvitation> openExpiringBy(Instant at, int limit);

  /** Pending invitations not yet reminded with {@code expiresAt <= at}, soonest first, at most {@code limit}. Plain read. */
  List<StoredInvitation> pendingUnremindedExpiringBy(Instant at, int limit);

  /**
   * Replaces the invitation if, and only if, its current state is {@code expectedState}; returns whether
   * it did. Atomic: this is the step behind "accepted at most once, ever" (I5): of any number of
   * concurrent calls expecting {@code PENDING}, on one node or many, at most one succeeds. Its account and
   * address never change.
   */
  boolean update(StoredInvitation next, InvitationState expectedState);

  /**
   * Records the delivery status of the email sent for {@code tokenDigest}, if that is still the
   * invitation's current token; returns whether it did. Atomic: a re-send in between wins.
   */
  boolean recordDelivery(InvitationId id, TokenDigest tokenDigest, DeliveryStatus status, Instant at);

  /**
   * {@link #recordDelivery} for each step, in list order, each independently: one outcome per step, in
   * the same order. Atomic per step, as {@link #recordDelivery}. A store should send them as one batch.
   */
  default List<RecordOutcome> recordDeliveries(List<DeliveryRecord> records) {
    List<RecordOutcome> outcomes = new ArrayList<>(records.size());
    for (DeliveryRecord r : records) {
      outcomes.add(recordDelivery(r.id(), r.tokenDigest(), r.status(), r.at())
          ? RecordOutcome.RECORDED : RecordOutcome.NOT_CURRENT);
    }
    return outcomes;
  }
}
