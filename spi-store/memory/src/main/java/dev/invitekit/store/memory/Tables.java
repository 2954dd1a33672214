package dev.invitekit.store.memory;

import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.InvitationId;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.id.LinkId;
import dev.invitekit.link.LinkJoin;
import dev.invitekit.member.Membership;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.FounderSignup;
import dev.invitekit.spi.store.IdempotencyRecord;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The store's records and indexes. Not thread-safe: only a {@link MemoryTransaction} touches it, while its
 * unit of work holds the store's lock. Every change goes through {@link MemoryTransaction}'s undo log, so
 * the indexes never disagree with the records, even after a rollback.
 */
final class Tables {

  /**
   * A record with the sequence number it was first inserted under: replacing a record keeps its number, so
   * ties between equal timestamps keep insertion order, and a rolled-back delete restores it exactly.
   */
  record Row<T>(long sequence, T value) {
    Row<T> with(T newValue) {
      return new Row<>(sequence, newValue);
    }
  }

  record MemberKey(AccountId accountId, UserId userId) {}

  record AddressKey(AccountId accountId, EmailAddress email) {}

  record SeatKey(AccountId accountId, UserId userId, License license) {}

  record IdempotencyKey(AccountId accountId, UserId inviterId, String key) {}

  final Map<AccountId, Row<Account>> accounts = new HashMap<>();

  final Map<UserId, Row<StoredUser>> users = new HashMap<>();
  final Map<EmailAddress, UserId> userIdsByEmail = new HashMap<>();

  final Map<MemberKey, Row<Membership>> memberships = new HashMap<>();

  final Map<InvitationId, Row<StoredInvitation>> invitations = new HashMap<>();
  final Map<TokenDigest, InvitationId> invitationIdsByToken = new HashMap<>();
  /** Digests of tokens a re-send or a reminder replaced, each with its invitation (I7). */
  final Map<TokenDigest, InvitationId> invitationIdsBySupersededToken = new HashMap<>();
  /** The one open (PENDING or AWAITING_APPROVAL) invitation per account and address (I7). */
  final Map<AddressKey, InvitationId> openInvitationIds = new HashMap<>();

  final Map<LinkId, Row<StoredLink>> links = new HashMap<>();
  final Map<TokenDigest, LinkId> linkIdsByToken = new HashMap<>();
  /** At most one active link per account (L1). */
  final Map<AccountId, LinkId> activeLinkIds = new HashMap<>();
  /** Joins keyed by their sequence number; a join has no identity of its own. */
  final Map<Long, Row<LinkJoin>> linkJoins = new HashMap<>();

  final Map<SeatKey, Row<LicenseAssignment>> assignments = new HashMap<>();

  final Map<IdempotencyKey, IdempotencyRecord> idempotencyRecords = new HashMap<>();

  final Map<String, Row<OutboxEntry>> outbox = new HashMap<>();

  record CounterKey(String key, Instant window) {}

  final Map<CounterKey, Integer> counters = new HashMap<>();

  /** Founder sign-ups waiting for, or past, their confirmation by mail (A3), by token digest. */
  final Map<TokenDigest, Row<FounderSignup>> founderSignups = new HashMap<>();

  // Never rolled back: a gap in the numbers is harmless, they only order ties.
  private long nextSequence;

  long nextSequence() {
    return nextSequence++;
  }
}
