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
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.member.Role;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Locale;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;
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
    final long a;
    final long b;
    final long c;
    final long d;

    Digest(long a, long b, long c, long d) {
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

    /** Whether this digest is the one of these four parts, without a branch on the first differing part. */
    boolean equals(long a2, long b2, long c2, long d2) {
      return ((a ^ a2) | (b ^ b2) | (c ^ c2) | (d ^ d2)) == 0;
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
   * Text kept compactly: a {@code String} whose characters all fit in one byte as those bytes ({@code byte[]},
   * 16 bytes of header where a {@code String} adds 24 more), any other as it is. {@link #string} gives back an equal
   * {@code String}; {@link #hash} is {@link String#hashCode()} of that string (issue 12, benchmark 7).
   */
  static final class Text {
    private Text() {}

    static Object of(String text) {
      int length = text.length();
      byte[] bytes = new byte[length];
      for (int i = 0; i < length; i++) {
        char c = text.charAt(i);
        if (c > 0xFF) {
          return text;
        }
        bytes[i] = (byte) c;
      }
      return bytes;
    }

    static String string(Object text) {
      return text instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : (String) text;
    }

    static boolean equals(Object text, String other) {
      if (text instanceof byte[] bytes) {
        if (bytes.length != other.length()) {
          return false;
        }
        for (int i = 0; i < bytes.length; i++) {
          if ((bytes[i] & 0xFF) != other.charAt(i)) {
            return false;
          }
        }
        return true;
      }
      return text.equals(other);
    }

    static boolean equals(Object text, Object other) {
      if (text instanceof byte[] a && other instanceof byte[] b) {
        return Arrays.equals(a, b);
      }
      return equals(text, string(other));
    }

    static int hash(Object text) {
      return text instanceof byte[] ? hash(0, text) : text.hashCode();
    }

    /** {@link String#hashCode()} of a string's characters followed by {@code text}'s, given the former's hash. */
    static int hash(int h, Object text) {
      if (text instanceof byte[] bytes) {
        for (byte b : bytes) {
          h = 31 * h + (b & 0xFF);
        }
      } else {
        String string = (String) text;
        for (int i = 0; i < string.length(); i++) {
          h = 31 * h + string.charAt(i);
        }
      }
      return h;
    }

    static int length(Object text) {
      return text instanceof byte[] bytes ? bytes.length : ((String) text).length();
    }

    /** Whether {@code other}'s characters from {@code from} on start with {@code text}'s. */
    static boolean startsAt(Object text, String other, int from) {
      if (text instanceof byte[] bytes) {
        if (other.length() - from < bytes.length) {
          return false;
        }
        for (int i = 0; i < bytes.length; i++) {
          if ((bytes[i] & 0xFF) != other.charAt(from + i)) {
            return false;
          }
        }
        return true;
      }
      return other.startsWith((String) text, from);
    }
  }

  /**
   * An invitation's id and its token's digest as {@code long}s (either may be absent in an outbox entry's).
   * Every {@link InvitationRecord} is one, holding its own id and digest in its own fields, and an invitation's
   * mails share the record that was current when they were written, while it holds their id and digest (issue
   * 12, benchmark 7): a mail keeps no copy of them. An outbox entry whose invitation is not stored holds a key
   * of its own. Its id and digest never change; never shows the digest.
   */
  static class InvitationKey {
    private final boolean hasId;
    final long idHigh;
    final long idLow;
    private final boolean hasDigest;
    final long digestA;
    final long digestB;
    final long digestC;
    final long digestD;

    InvitationKey(@Nullable InvitationId id, @Nullable Digest digest) {
      this.hasId = id != null;
      this.idHigh = id == null ? 0 : id.value().getMostSignificantBits();
      this.idLow = id == null ? 0 : id.value().getLeastSignificantBits();
      this.hasDigest = digest != null;
      this.digestA = digest == null ? 0 : digest.a;
      this.digestB = digest == null ? 0 : digest.b;
      this.digestC = digest == null ? 0 : digest.c;
      this.digestD = digest == null ? 0 : digest.d;
    }

    /** {@code known} when it holds {@code id} and {@code digest}, else a new key holding them. */
    static InvitationKey of(@Nullable InvitationId id, @Nullable Digest digest, @Nullable InvitationKey known) {
      return known != null && known.is(id, digest) ? known : new InvitationKey(id, digest);
    }

    /** Whether this key holds exactly {@code id} and {@code digest} (each possibly null). */
    boolean is(@Nullable InvitationId id, @Nullable Digest digest) {
      boolean sameId = id == null ? !hasId
          : hasId && id.value().getMostSignificantBits() == idHigh && id.value().getLeastSignificantBits() == idLow;
      return sameId && (digest == null ? !hasDigest : hasDigest(digest));
    }

    @Nullable InvitationId id() {
      return hasId ? new InvitationId(new UUID(idHigh, idLow)) : null;
    }

    boolean hasDigest() {
      return hasDigest;
    }

    /** Whether the digest is {@code digest} (false while there is none). */
    boolean hasDigest(@Nullable Digest digest) {
      return hasDigest && digest != null && digest.equals(digestA, digestB, digestC, digestD);
    }

    /** Whether both keys have a digest, and the same. */
    boolean sameDigest(InvitationKey other) {
      return hasDigest && other.hasDigest
          && ((digestA ^ other.digestA) | (digestB ^ other.digestB) | (digestC ^ other.digestC)
              | (digestD ^ other.digestD)) == 0;
    }

    @Nullable TokenDigest tokenDigest() {
      return hasDigest ? new Digest(digestA, digestB, digestC, digestD).toTokenDigest() : null;
    }

    @Override
    public String toString() {
      return "InvitationKey[id=" + id() + ", digest=" + Secret.REDACTED + "]";
    }
  }

  /**
   * An invitation as the store keeps it, flat: its insertion number, its id and token digest as {@code long}s in
   * its own fields (it is its own {@link InvitationKey}), its address as the local part in {@link Text} form and
   * the domain kept once, and the other components as they are (shared objects: the account, the inviter, the
   * locale, the request's instants). {@link #invitation()} and {@link #stored()} build the SPI's records back, equal
   * to the ones stored (issue 12, benchmark 7).
   *
   * <p>A look-up by token compares the digest in the record the index points at, so finding an invitation reads
   * that one object, not a second one for its key. Among a million invitations each object a look-up reads is
   * likely a cache miss: in JFR's samples, before this layout, the token index's look-up took 23% of a preview at
   * 1M against 8% at 10k, stalled in reading the records it compared and their keys. With the key in the record a
   * preview at 1M measured 1.25 to 1.41 times its time at 10k over single runs, against 1.37 to 1.44 before
   * (issue 12, benchmark 3; noisy runs, the ranges overlap).
   *
   * <p>Version by version a record is replaced, never changed but for {@link #deliver}: the mails of an invitation
   * hold the version that was current when they were written ({@link OutboxRecord}), which therefore stays in the
   * heap as long as they do, after the invitation has moved on (accepted, revoked, re-sent): by the record's
   * layout about 130 bytes an invitation changed after its mail (not measured; the in-memory outbox keeps its
   * rows for good, and this with them), where a separate key shared by the versions cost 64 bytes for every
   * invitation and a second object read by every look-up.
   */
  static final class InvitationRecord extends InvitationKey {
    final long sequence;
    final AccountId accountId;
    final Object local;
    final String domain;
    private final @Nullable String displayName;
    private final Role role;
    final InvitationState state;
    private final UserId invitedBy;
    private final @Nullable LinkId viaLink;
    private final Locale locale;
    final Instant createdAt;
    final Instant expiresAt;
    // Changed in place by a recorded delivery (the only change that keeps every key), under the store's lock.
    private Instant updatedAt;
    private DeliveryStatus delivery;
    private final boolean ageCheckLocked;
    final boolean reminded;
    private final @Nullable UserId acceptedBy;

    /** {@code invitation} with its token's {@code digest}; its address's local part given in {@link Text} form. */
    InvitationRecord(long sequence, Invitation invitation, @Nullable Digest digest, Object local, String domain) {
      super(invitation.id(), digest);
      this.sequence = sequence;
      this.accountId = invitation.accountId();
      this.local = local;
      this.domain = domain;
      this.displayName = invitation.displayName();
      this.role = invitation.role();
      this.state = invitation.state();
      this.invitedBy = invitation.invitedBy();
      this.viaLink = invitation.viaLink();
      this.locale = invitation.locale();
      this.createdAt = invitation.createdAt();
      this.expiresAt = invitation.expiresAt();
      this.updatedAt = invitation.updatedAt();
      this.delivery = invitation.delivery();
      this.ageCheckLocked = invitation.ageCheckLocked();
      this.reminded = invitation.reminded();
      this.acceptedBy = invitation.acceptedBy();
    }

    @Override
    InvitationId id() {
      return new InvitationId(new UUID(idHigh, idLow));
    }

    /**
     * Records a delivery in place, as {@link Invitation#withDelivery} would in a copy, and returns what undoes
     * it: a delivery changes no key, so the record stays in its indexes (an invite records twenty, issue 12).
     * Only under the store's lock, as every change.
     */
    Runnable deliver(DeliveryStatus status, Instant at) {
      DeliveryStatus previousDelivery = delivery;
      Instant previousUpdatedAt = updatedAt;
      delivery = Objects.requireNonNull(status, "status");
      updatedAt = Objects.requireNonNull(at, "at");
      return () -> {
        delivery = previousDelivery;
        updatedAt = previousUpdatedAt;
      };
    }

    boolean isOpen() {
      return state.isOpen();
    }

    boolean isFor(AccountId account, EmailAddress email) {
      return accountId.equals(account) && domain.equals(email.domain()) && Text.equals(local, email.localPart());
    }

    EmailAddress email() {
      return new EmailAddress(Text.string(local), domain);
    }

    Invitation invitation() {
      return new Invitation(id(), accountId, email(), displayName, role, state, invitedBy, viaLink, locale, createdAt,
          expiresAt, updatedAt, delivery, ageCheckLocked, reminded, acceptedBy);
    }

    StoredInvitation stored() {
      return new StoredInvitation(invitation(), tokenDigest());
    }

    /** As {@link #stored()}, reusing {@code known}, a digest equal to this record's, instead of rebuilding it. */
    StoredInvitation stored(TokenDigest known) {
      return new StoredInvitation(invitation(), known);
    }

    /** Never shows the token digest. */
    @Override
    public String toString() {
      return "InvitationRecord[id=" + id() + ", state=" + state + "]";
    }
  }

  /** A probe for the open invitation of an account and address. */
  record OpenKey(AccountId accountId, EmailAddress email) {}

  private static int openHash(AccountId accountId, int localHash, String domain) {
    return (accountId.hashCode() * 31 + localHash) * 31 + domain.hashCode();
  }

  /** Invitations by id ({@link InvitationId} probes). */
  final Index<InvitationRecord> invitations = new Index<>(InvitationRecord.class) {
    @Override
    int hash(Object key) {
      if (key instanceof InvitationId id) {
        return Long.hashCode(id.value().getMostSignificantBits() ^ id.value().getLeastSignificantBits());
      }
      InvitationRecord r = (InvitationRecord) key;
      return Long.hashCode(r.idHigh ^ r.idLow);
    }

    @Override
    boolean matches(Object key, InvitationRecord r) {
      if (key instanceof InvitationId id) {
        return id.value().getMostSignificantBits() == r.idHigh
            && id.value().getLeastSignificantBits() == r.idLow;
      }
      InvitationRecord o = (InvitationRecord) key;
      return o.idHigh == r.idHigh && o.idLow == r.idLow;
    }
  };

  /**
   * Invitations that have a token, by its digest ({@link Digest} probes): at most a quarter full, as every request
   * bearing a token reads it first ({@link Index#SPARSE_LOAD_FACTOR}).
   */
  final Index<InvitationRecord> invitationsByToken = new Index<>(InvitationRecord.class, Index.SPARSE_LOAD_FACTOR) {
    @Override
    int hash(Object key) {
      return Long.hashCode(key instanceof Digest d ? d.a : ((InvitationRecord) key).digestA);
    }

    @Override
    boolean matches(Object key, InvitationRecord r) {
      if (key instanceof Digest d) {
        return r.hasDigest(d);
      }
      return ((InvitationRecord) key).sameDigest(r);
    }
  };

  /** The one open (PENDING or AWAITING_APPROVAL) invitation per account and address (I7), by {@link OpenKey}. */
  final Index<InvitationRecord> openInvitations = new Index<>(InvitationRecord.class) {
    @Override
    int hash(Object key) {
      if (key instanceof OpenKey open) {
        return openHash(open.accountId(), open.email().localPart().hashCode(), open.email().domain());
      }
      InvitationRecord r = (InvitationRecord) key;
      return openHash(r.accountId, Text.hash(r.local), r.domain);
    }

    @Override
    boolean matches(Object key, InvitationRecord r) {
      if (key instanceof OpenKey open) {
        return r.isFor(open.accountId(), open.email());
      }
      InvitationRecord o = (InvitationRecord) key;
      return o.accountId.equals(r.accountId) && o.domain.equals(r.domain) && Text.equals(o.local, r.local);
    }
  };

  /**
   * An outbox entry's id as the store keys it: core's ids, {@code <uuid>@<host>}, as the UUID's two {@code long}s and
   * the host kept once (the probe an outbox lookup passes; {@link OutboxRecord} keeps its parts); any other id as it is. One id always gives the
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

  /** Digests of tokens a re-send or a reminder replaced, each with its invitation (I7). */
  final Map<Digest, InvitationId> invitationIdsBySupersededToken = new HashMap<>();

  /**
   * An outbox entry as the store keeps it, flat: its insertion number, its id as the UUID's two {@code long}s and
   * the host kept once (or, for any other id, the id as it is), its invitation's id and token digest as {@code
   * long}s, its recipient's local part in {@link Text} form (the invitation's very object when it is the
   * invitation's address) and the other components as they are. {@link #entry()} builds the {@link OutboxEntry}
   * back, equal to the one stored (issue 12, benchmark 7).
   */
  static final class OutboxRecord {
    final long sequence;
    /** The UUID of an id {@code <uuid>@<host>}, when {@link #hostOrId} is its host. */
    private final boolean uuidAtHost;
    private final long idHigh;
    private final long idLow;
    /** The host of an id {@code <uuid>@<host>}, or the whole id. */
    private final String hostOrId;
    final @Nullable AccountId accountId;
    /**
     * The invitation's id and token digest: the invitation's record that was current when the entry was written,
     * when it holds them (a later version of the record does not replace it here); or null.
     */
    private final @Nullable InvitationKey invitation;
    private final String payload;
    final OutboxEntry.Status status;
    private final int attempts;
    final Instant createdAt;
    final Instant nextAttemptAt;
    final @Nullable Instant claimedUntil;
    private final @Nullable String lastError;
    private final @Nullable Object recipientLocal;
    private final @Nullable String recipientDomain;

    private OutboxRecord(long sequence, OutboxKey key, OutboxEntry e, @Nullable InvitationKey invitation,
        @Nullable Object recipientLocal, @Nullable String recipientDomain) {
      this.sequence = sequence;
      if (key instanceof UuidAtHost u) {
        this.uuidAtHost = true;
        this.idHigh = u.high();
        this.idLow = u.low();
        this.hostOrId = u.host();
      } else {
        this.uuidAtHost = false;
        this.idHigh = 0;
        this.idLow = 0;
        this.hostOrId = key.id();
      }
      this.accountId = e.accountId();
      this.invitation = invitation;
      this.payload = e.payload();
      this.status = e.status();
      this.attempts = e.attempts();
      this.createdAt = e.createdAt();
      this.nextAttemptAt = e.nextAttemptAt();
      this.claimedUntil = e.claimedUntil();
      this.lastError = e.lastError();
      this.recipientLocal = recipientLocal;
      this.recipientDomain = recipientDomain;
    }

    /**
     * {@code entry} under {@code key}; {@code invitation}, its invitation's key when known, is shared when it holds
     * the entry's invitation id and digest; its recipient's local part and domain given in their kept form.
     */
    static OutboxRecord of(long sequence, OutboxKey key, OutboxEntry entry, @Nullable InvitationKey invitation,
        @Nullable Object recipientLocal, @Nullable String recipientDomain) {
      Digest digest = Digest.ofNullable(entry.tokenDigest());
      InvitationKey shared = entry.invitationId() == null && digest == null ? null
          : InvitationKey.of(entry.invitationId(), digest, invitation);
      return new OutboxRecord(sequence, key, entry, shared, recipientLocal, recipientDomain);
    }

    /** A copy of {@code row} but for its state: what {@link OutboxEntry#completed} and the like change. */
    private OutboxRecord(OutboxRecord row, String payload, OutboxEntry.Status status, int attempts,
        @Nullable Instant claimedUntil, @Nullable String lastError) {
      this.sequence = row.sequence;
      this.uuidAtHost = row.uuidAtHost;
      this.idHigh = row.idHigh;
      this.idLow = row.idLow;
      this.hostOrId = row.hostOrId;
      this.accountId = row.accountId;
      this.invitation = row.invitation;
      this.payload = payload;
      this.status = status;
      this.attempts = attempts;
      this.createdAt = row.createdAt;
      this.nextAttemptAt = row.nextAttemptAt;
      this.claimedUntil = claimedUntil;
      this.lastError = lastError;
      this.recipientLocal = row.recipientLocal;
      this.recipientDomain = row.recipientDomain;
    }

    /**
     * This record as {@link OutboxEntry#completed} leaves its entry (payload erased, claim released), without
     * building the entry and parsing it back: a delivery completes twenty of them after an invite (issue 12).
     */
    OutboxRecord completed(OutboxEntry.Status finalStatus, int newAttempts, @Nullable String error) {
      if (finalStatus == OutboxEntry.Status.PENDING) {
        throw new IllegalArgumentException("an outbox entry is completed as SENT or GAVE_UP, not PENDING");
      }
      return new OutboxRecord(this, "", finalStatus, newAttempts, null, error);
    }

    /** This record holding {@code next}, an update of its entry (whose id, digest and recipient never change). */
    OutboxRecord with(OutboxEntry next) {
      return new OutboxRecord(sequence, key(), next, invitation, recipientLocal, recipientDomain);
    }

    OutboxKey key() {
      return uuidAtHost ? new UuidAtHost(idHigh, idLow, hostOrId) : new AsIs(hostOrId);
    }

    /** The entry, equal to the one stored. */
    OutboxEntry entry() {
      return new OutboxEntry(key().id(), accountId, invitation == null ? null : invitation.id(),
          invitation == null ? null : invitation.tokenDigest(), payload, status, attempts, createdAt,
          nextAttemptAt, claimedUntil, lastError,
          recipientLocal == null ? null : new EmailAddress(Text.string(recipientLocal),
              Objects.requireNonNull(recipientDomain, "the recipient's domain")));
    }

    /** Never shows the payload or the digest. */
    @Override
    public String toString() {
      return "OutboxRecord[id=" + key().id() + ", status=" + status + "]";
    }
  }

  /** Outbox entries by id ({@link OutboxKey} probes). */
  final Index<OutboxRecord> outbox = new Index<>(OutboxRecord.class) {
    @Override
    int hash(Object key) {
      if (key instanceof OutboxRecord r) {
        return r.uuidAtHost ? Long.hashCode(r.idHigh ^ r.idLow) * 31 + r.hostOrId.hashCode() : r.hostOrId.hashCode();
      }
      if (key instanceof UuidAtHost u) {
        return Long.hashCode(u.high() ^ u.low()) * 31 + u.host().hashCode();
      }
      return ((AsIs) key).id().hashCode();
    }

    @Override
    boolean matches(Object key, OutboxRecord r) {
      if (key instanceof OutboxRecord o) {
        return o.uuidAtHost == r.uuidAtHost && o.idHigh == r.idHigh && o.idLow == r.idLow
            && o.hostOrId.equals(r.hostOrId);
      }
      if (key instanceof UuidAtHost u) {
        return r.uuidAtHost && u.high() == r.idHigh && u.low() == r.idLow && u.host().equals(r.hostOrId);
      }
      return !r.uuidAtHost && ((AsIs) key).id().equals(r.hostOrId);
    }
  };

  private static final Comparator<OutboxRecord> DUE_ORDER =
      Comparator.<OutboxRecord, Instant>comparing(r -> r.nextAttemptAt).thenComparingLong(r -> r.sequence);
  private static final Comparator<OutboxRecord> CREATED_ORDER =
      Comparator.<OutboxRecord, Instant>comparing(r -> r.createdAt).thenComparingLong(r -> r.sequence);

  /**
   * The pending outbox entries by when they are due next, then by insertion: what a claim reads, so that it
   * reads the entries it could claim and none of the delivered ones, which are the outbox's bulk and stay in it
   * (a scan of every entry took 26 ms at a million, under the store's lock, on each poll of the dispatcher).
   */
  final NavigableSet<OutboxRecord> dueOutbox = new TreeSet<>(DUE_ORDER);

  /**
   * The pending and the given-up outbox entries, each status by creation, then by insertion, the order the
   * outbox lists them in: a listing of either status (the operator's view, the Spring starter's health and
   * metrics) reads those entries only. Delivered ones are listed by a scan.
   */
  final Map<OutboxEntry.Status, NavigableSet<OutboxRecord>> outboxByStatus = new EnumMap<>(Map.of(
      OutboxEntry.Status.PENDING, new TreeSet<>(CREATED_ORDER),
      OutboxEntry.Status.GAVE_UP, new TreeSet<>(CREATED_ORDER)));

  record MemberKey(AccountId accountId, UserId userId) {}

  record SeatKey(AccountId accountId, UserId userId, License license) {}

  record IdempotencyKey(AccountId accountId, UserId inviterId, String key) {}

  final Map<AccountId, Row<Account>> accounts = new HashMap<>();

  final Map<UserId, Row<StoredUser>> users = new HashMap<>();
  final Map<EmailAddress, UserId> userIdsByEmail = new HashMap<>();

  final Map<MemberKey, Row<Membership>> memberships = new HashMap<>();

  final Map<LinkId, Row<StoredLink>> links = new HashMap<>();
  final Map<TokenDigest, LinkId> linkIdsByToken = new HashMap<>();
  /** At most one active link per account (L1). */
  final Map<AccountId, LinkId> activeLinkIds = new HashMap<>();
  /** Joins keyed by their sequence number; a join has no identity of its own. */
  final Map<Long, Row<LinkJoin>> linkJoins = new HashMap<>();

  final Map<SeatKey, Row<LicenseAssignment>> assignments = new HashMap<>();

  final Map<IdempotencyKey, IdempotencyRecord> idempotencyRecords = new HashMap<>();

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

  /**
   * A counter, flat: its key's scope (kept once), its window (kept once), its value, and its name: an address's
   * {@code local@domain} as the local part in {@link Text} form (the very object its invitation keeps, when made
   * close together) and the domain (kept once when an invitation has it); any other name in {@link Text} form
   * with no domain (issue 12, benchmark 7).
   */
  static final class CounterRecord {
    final @Nullable String scope;
    /** The name before its last {@code '@'}, or the whole name when {@link #domain} is null. */
    private final Object local;
    private final @Nullable String domain;
    final Instant window;
    final int value;

    private CounterRecord(@Nullable String scope, Object local, @Nullable String domain, Instant window, int value) {
      this.scope = scope;
      this.local = local;
      this.domain = domain;
      this.window = window;
      this.value = value;
    }

    /** The name's hash, {@link String#hashCode()} of the whole name. */
    int nameHash() {
      return domain == null ? Text.hash(local) : Text.hash(Text.hash(local) * 31 + '@', domain);
    }

    /** Whether the name is {@code name}. */
    boolean hasName(String name) {
      if (domain == null) {
        return Text.equals(local, name);
      }
      int at = Text.length(local);
      return name.length() == at + 1 + domain.length() && name.charAt(at) == '@' && Text.startsAt(local, name, 0)
          && name.startsWith(domain, at + 1);
    }

    /** Whether the names of the two counters are equal. */
    boolean sameName(CounterRecord other) {
      return Objects.equals(domain, other.domain) && Text.equals(local, other.local);
    }

    String name() {
      return domain == null ? Text.string(local) : Text.string(local) + "@" + domain;
    }

    CounterRecord withValue(int newValue) {
      return new CounterRecord(scope, local, domain, window, newValue);
    }

    @Override
    public String toString() {
      return "CounterRecord[scope=" + scope + ", name=" + name() + ", window=" + window + ", value=" + value + "]";
    }
  }

  /** Counters by key ({@link CounterKey} probes). */
  final Index<CounterRecord> counters = new Index<>(CounterRecord.class) {
    @Override
    int hash(Object key) {
      if (key instanceof CounterKey k) {
        return (Objects.hashCode(k.scope()) * 31 + k.name().hashCode()) * 31 + k.window().hashCode();
      }
      CounterRecord r = (CounterRecord) key;
      return (Objects.hashCode(r.scope) * 31 + r.nameHash()) * 31 + r.window.hashCode();
    }

    @Override
    boolean matches(Object key, CounterRecord r) {
      if (key instanceof CounterKey k) {
        return Objects.equals(k.scope(), r.scope) && k.window().equals(r.window) && r.hasName(k.name());
      }
      CounterRecord o = (CounterRecord) key;
      return Objects.equals(o.scope, r.scope) && o.window.equals(r.window) && o.sameName(r);
    }
  };
  /** The scopes of counter keys, each kept once; one per account and kind of counter, never removed. */
  private final Map<String, String> counterScopes = new HashMap<>();
  /** The windows of the counters, each kept once; removed with the last counters of their window. */
  final Map<Instant, Instant> counterWindows = new HashMap<>();
  /**
   * The domains of the last addresses stored, by hash: the invitations of a request and their recipients' counters
   * so share one string per domain. A fixed table, not a map of every domain ever seen, so that domains no longer
   * invited are not kept for good.
   */
  private final String[] recentDomains = new String[1024];
  /** The expiry of the last invitation stored: the invitations of one request share it. */
  private @Nullable Instant lastExpiry;

  /** Founder sign-ups waiting for, or past, their confirmation by mail (A3), by token digest. */
  final Map<TokenDigest, Row<FounderSignup>> founderSignups = new HashMap<>();

  /** The key of counter {@code key} in {@code window}, its shared parts kept once. */
  CounterKey counterKey(String key, Instant window) {
    return CounterKey.of(key, counterWindows.computeIfAbsent(window, w -> w),
        scope -> counterScopes.computeIfAbsent(scope, s -> s));
  }

  /** {@code domain}, an address's domain, or the very string kept for an equal one recently. */
  String domain(String domain) {
    int slot = domain.hashCode() & (recentDomains.length - 1);
    String recent = recentDomains[slot];
    if (domain.equals(recent)) {
      return recent;
    }
    recentDomains[slot] = domain;
    return domain;
  }

  /**
   * A new counter of {@code key} holding {@code value}; a name {@code local@domain} keeps its local part through
   * {@link #local} and its domain once when an invitation has it.
   */
  CounterRecord counter(CounterKey key, int value) {
    String name = key.name();
    int at = name.lastIndexOf('@');
    if (at < 0) {
      return new CounterRecord(key.scope(), Text.of(name), null, key.window(), value);
    }
    String domain = name.substring(at + 1);
    return new CounterRecord(key.scope(), local(name.substring(0, at)), domain(domain),
        key.window(), value);
  }

  /**
   * The last local parts made, by hash: the invitations of a request, their mails and their recipients' counters
   * so share each address's local part.
   */
  private final Object[] recentLocals = new Object[1024];

  /**
   * {@code local}, an address's local part, in {@link Text} form, the very object kept for an equal one recently
   * (the invitations of a request and their mails share it).
   */
  Object local(String local) {
    int slot = local.hashCode() & (recentLocals.length - 1);
    Object recent = recentLocals[slot];
    if (recent != null && Text.equals(recent, local)) {
      return recent;
    }
    Object made = Text.of(local);
    recentLocals[slot] = made;
    return made;
  }

  /**
   * {@code instant}, or the last expiry kept when equal to it: the invitations of one request share their expiry.
   */
  Instant expiry(Instant instant) {
    Instant expiry = instant.equals(lastExpiry) ? lastExpiry : instant;
    lastExpiry = expiry;
    return Objects.requireNonNull(expiry);
  }

  /**
   * {@code invitation} with {@code digest} as the store keeps it, with its parts shared with others kept once:
   * {@code previous}, its record so far (or null), gives its local part when its address is unchanged.
   */
  InvitationRecord record(long sequence, Invitation invitation, @Nullable Digest digest,
      @Nullable InvitationRecord previous) {
    EmailAddress email = invitation.email();
    Invitation shared = expiry(invitation.expiresAt()) == invitation.expiresAt() ? invitation
        : invitation.toBuilder().expiresAt(Objects.requireNonNull(lastExpiry)).build();
    Object local = previous != null && Text.equals(previous.local, email.localPart()) ? previous.local
        : local(email.localPart());
    return new InvitationRecord(sequence, shared, digest, local, domain(email.domain()));
  }

  /** The open invitation of {@code accountId} for {@code email}, or null. */
  @Nullable InvitationRecord openInvitation(AccountId accountId, EmailAddress email) {
    return openInvitations.get(new OpenKey(accountId, email));
  }

  // Never rolled back: a gap in the numbers is harmless, they only order ties.
  private long nextSequence;

  long nextSequence() {
    return nextSequence++;
  }
}
