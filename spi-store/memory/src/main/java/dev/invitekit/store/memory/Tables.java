package dev.invitekit.store.memory;

import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.Invitation;
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
import dev.invitekit.secret.Secret;
import java.time.Instant;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

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

  /**
   * A token digest as its 32 bytes in four {@code long}s: 48 bytes of heap where a {@link TokenDigest} takes 120
   * (its 64-character hex {@code String}). The store keeps and indexes digests in this form and gives out
   * {@link TokenDigest}s (issue 12, benchmark 7). Equal exactly when the digests are; never shows them.
   */
  static final class Digest {
    private final long a;
    private final long b;
    private final long c;
    private final long d;

    private Digest(long a, long b, long c, long d) {
      this.a = a;
      this.b = b;
      this.c = c;
      this.d = d;
    }

    static Digest of(TokenDigest digest) {
      String hex = digest.hex();
      return new Digest(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32),
          HexFormat.fromHexDigitsToLong(hex, 32, 48), HexFormat.fromHexDigitsToLong(hex, 48, 64));
    }

    static @Nullable Digest ofNullable(@Nullable TokenDigest digest) {
      return digest == null ? null : of(digest);
    }

    TokenDigest toTokenDigest() {
      HexFormat hex = HexFormat.of();
      return new TokenDigest(hex.toHexDigits(a) + hex.toHexDigits(b) + hex.toHexDigits(c) + hex.toHexDigits(d));
    }

    /** Without a branch on the first differing part, like {@link TokenDigest#equals}. */
    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Digest o && ((a ^ o.a) | (b ^ o.b) | (c ^ o.c) | (d ^ o.d)) == 0;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(a);
    }

    @Override
    public String toString() {
      return "Digest[" + Secret.REDACTED + "]";
    }
  }

  /**
   * An invitation as the store keeps it: its insertion number, the record and its token's digest in compact form
   * (null while it has none). {@link #stored} gives the SPI's {@link StoredInvitation} back, equal to the one stored.
   */
  record InvitationRow(long sequence, Invitation invitation, @Nullable Digest digest) {
    StoredInvitation stored() {
      return new StoredInvitation(invitation, digest == null ? null : digest.toTokenDigest());
    }

    /** As {@link #stored()}, reusing {@code known}, a digest equal to this row's, instead of rebuilding it. */
    StoredInvitation stored(TokenDigest known) {
      return new StoredInvitation(invitation, known);
    }
  }

  /**
   * An outbox entry's id as the store keys it: core's ids, {@code <uuid>@<host>}, as the UUID's two {@code long}s and
   * the host kept once (32 bytes where the {@code String} takes 96); any other id as it is. One id always gives the
   * same form, so two keys are equal exactly when their ids are (issue 12, benchmark 7).
   */
  sealed interface OutboxKey {
    /** The id this key stands for, equal to the one it was made from. */
    String id();

    /** The key of {@code id}, its host taken from (and added to) {@code hosts} when given. */
    static OutboxKey of(String id, @Nullable Map<String, String> hosts) {
      int at = id.indexOf('@');
      if (at == 36) {
        String uuidText = id.substring(0, at);
        try {
          UUID uuid = UUID.fromString(uuidText);
          if (uuid.toString().equals(uuidText)) {
            String host = id.substring(at + 1);
            return new UuidAtHost(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(),
                hosts == null ? host : hosts.computeIfAbsent(host, h -> h));
          }
        } catch (IllegalArgumentException notAUuid) {
          // kept as it is
        }
      }
      return new AsIs(id);
    }
  }

  /** An id {@code <uuid>@<host>} whose UUID is in its canonical lower-case form. */
  record UuidAtHost(long high, long low, String host) implements OutboxKey {
    @Override
    public String id() {
      return new UUID(high, low) + "@" + host;
    }
  }

  /** Any other id. */
  record AsIs(String id) implements OutboxKey {}

  /**
   * An outbox entry as the store keeps it: its insertion number, its key, the entry without its id and token
   * digest, and that digest in compact form, the very object its invitation's row holds when they are equal.
   */
  record OutboxRow(long sequence, OutboxKey key, OutboxEntry stripped, @Nullable Digest digest) {
    static OutboxRow of(long sequence, OutboxKey key, OutboxEntry entry, @Nullable Digest digest) {
      return new OutboxRow(sequence, key, with(entry, "", null), digest);
    }

    /** The entry, equal to the one stored. */
    OutboxEntry entry() {
      return with(stripped, key.id(), digest == null ? null : digest.toTokenDigest());
    }

    /** This row holding {@code next}, an update of its entry (whose id and digest never change). */
    OutboxRow with(OutboxEntry next) {
      return of(sequence, key, next, digest);
    }

    private static OutboxEntry with(OutboxEntry e, String id, @Nullable TokenDigest digest) {
      return new OutboxEntry(id, e.accountId(), e.invitationId(), digest, e.payload(), e.status(), e.attempts(),
          e.createdAt(), e.nextAttemptAt(), e.claimedUntil(), e.lastError(), e.recipient());
    }
  }

  record MemberKey(AccountId accountId, UserId userId) {}

  record SeatKey(AccountId accountId, UserId userId, License license) {}

  record IdempotencyKey(AccountId accountId, UserId inviterId, String key) {}

  final Map<AccountId, Row<Account>> accounts = new HashMap<>();

  final Map<UserId, Row<StoredUser>> users = new HashMap<>();
  final Map<EmailAddress, UserId> userIdsByEmail = new HashMap<>();

  final Map<MemberKey, Row<Membership>> memberships = new HashMap<>();

  final Map<InvitationId, InvitationRow> invitations = new HashMap<>();
  final Map<Digest, InvitationId> invitationIdsByToken = new HashMap<>();
  /** Digests of tokens a re-send or a reminder replaced, each with its invitation (I7). */
  final Map<Digest, InvitationId> invitationIdsBySupersededToken = new HashMap<>();
  /**
   * The one open (PENDING or AWAITING_APPROVAL) invitation per account and address (I7): by account, then by
   * address, so no key object is kept per invitation (issue 12, benchmark 7). Inner maps are never removed:
   * one small map per account that ever had an open invitation.
   */
  final Map<AccountId, Map<EmailAddress, InvitationId>> openInvitationIds = new HashMap<>();

  final Map<LinkId, Row<StoredLink>> links = new HashMap<>();
  final Map<TokenDigest, LinkId> linkIdsByToken = new HashMap<>();
  /** At most one active link per account (L1). */
  final Map<AccountId, LinkId> activeLinkIds = new HashMap<>();
  /** Joins keyed by their sequence number; a join has no identity of its own. */
  final Map<Long, Row<LinkJoin>> linkJoins = new HashMap<>();

  final Map<SeatKey, Row<LicenseAssignment>> assignments = new HashMap<>();

  final Map<IdempotencyKey, IdempotencyRecord> idempotencyRecords = new HashMap<>();

  final Map<OutboxKey, OutboxRow> outbox = new HashMap<>();
  /** The hosts of outbox ids, each kept once; one per host (the app's), never removed. */
  final Map<String, String> outboxHosts = new HashMap<>();

  /**
   * A counter's key, split at its last {@code ':'} into a scope shared by many counters ({@code
   * recipient:<account>}, kept once through {@link #scope}) and the name that is its own (the address), and
   * its window, kept once per window through {@link #window}: a recipient's counter so costs its address and
   * a few references instead of a copy of the whole key and window (issue 12, benchmark 7).
   */
  /**
   * A counter's key split at its last colon, so that the scope ({@code inviter:<account>}) is kept once for
   * all its counters; a key without a colon has no scope (null), which no key with one can equal ({@code "x"}
   * and {@code ":x"} are two counters).
   */
  record CounterKey(@Nullable String scope, String name, Instant window) {
    static CounterKey of(String key, Instant window, UnaryOperator<String> scopes) {
      int colon = key.lastIndexOf(':');
      return new CounterKey(colon < 0 ? null : scopes.apply(key.substring(0, colon)), key.substring(colon + 1), window);
    }
  }

  final Map<CounterKey, Integer> counters = new HashMap<>();
  /** The scopes of counter keys, each kept once; one per account and kind of counter, never removed. */
  private final Map<String, String> counterScopes = new HashMap<>();
  /** The windows of the counters, each kept once; removed with the last counters of their window. */
  final Map<Instant, Instant> counterWindows = new HashMap<>();
  /** The domains of invited addresses, each kept once; one per domain ever invited, never removed. */
  private final Map<String, String> domains = new HashMap<>();
  /** The expiry of the last invitation stored: the invitations of one request share it. */
  private @Nullable Instant lastExpiry;

  /** Founder sign-ups waiting for, or past, their confirmation by mail (A3), by token digest. */
  final Map<TokenDigest, Row<FounderSignup>> founderSignups = new HashMap<>();

  /** The key of counter {@code key} in {@code window}, its shared parts kept once. */
  CounterKey counterKey(String key, Instant window) {
    return CounterKey.of(key, counterWindows.computeIfAbsent(window, w -> w),
        scope -> counterScopes.computeIfAbsent(scope, s -> s));
  }

  /**
   * {@code invitation} with the parts it shares with others kept once: its address's domain and, when it
   * equals the last one's, its expiry. Equal to {@code invitation} in every component.
   */
  Invitation compact(Invitation invitation) {
    EmailAddress email = invitation.email();
    String domain = domains.computeIfAbsent(email.domain(), d -> d);
    Instant expiry = invitation.expiresAt().equals(lastExpiry) ? lastExpiry : invitation.expiresAt();
    lastExpiry = expiry;
    if (domain == email.domain() && expiry == invitation.expiresAt()) {
      return invitation;
    }
    return invitation.toBuilder().email(domain == email.domain() ? email : new EmailAddress(email.localPart(), domain))
        .expiresAt(Objects.requireNonNull(expiry)).build();
  }

  /** The open invitation of {@code accountId} for {@code email}, or null. */
  @Nullable InvitationId openInvitation(AccountId accountId, EmailAddress email) {
    Map<EmailAddress, InvitationId> ofAccount = openInvitationIds.get(accountId);
    return ofAccount == null ? null : ofAccount.get(email);
  }

  /** The open invitations of {@code accountId} by address, created empty on first use. */
  Map<EmailAddress, InvitationId> openInvitations(AccountId accountId) {
    return openInvitationIds.computeIfAbsent(accountId, a -> new HashMap<>());
  }

  // Never rolled back: a gap in the numbers is harmless, they only order ties.
  private long nextSequence;

  long nextSequence() {
    return nextSequence++;
  }
}
