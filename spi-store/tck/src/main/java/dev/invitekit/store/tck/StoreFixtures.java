package dev.invitekit.store.tck;

import dev.invitekit.spi.store.Counters;
import dev.invitekit.spi.store.Outbox;
import dev.invitekit.spi.store.InvitationStore;
import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.Plan;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.id.LinkId;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.IdempotencyRecord;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Valid records with sensible defaults, for the contract kit and for your own store tests. Each builder
 * starts from a record that every rule accepts (a {@code PRO_PLUS} account with 5 seats on
 * {@code acme.example}, a pending co-worker invitation with a fresh token digest, an active link valid for
 * 30 days …) and lets you change what a test is about. Timestamps default to {@link #NOW}; ids, addresses,
 * token digests and link tokens default to fresh, distinct values.
 *
 * <p>All methods are thread-safe; builders are not (use one per thread).
 */
public final class StoreFixtures {

  /** The fixed instant every default timestamp uses. */
  public static final Instant NOW = Instant.parse("2025-03-14T09:30:00Z");

  /** A clock fixed at {@link #NOW} in UTC. */
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** The company domain of {@link #account()}'s default account. */
  public static final String COMPANY_DOMAIN = "acme.example";

  /** A syntactically valid Argon2id PHC string (S4); it hashes no real password. */
  public static final PasswordHash PASSWORD_HASH =
      new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA");

  private static final AtomicLong SERIAL = new AtomicLong();

  private StoreFixtures() {}

  // ---- values

  /**
   * Per-item outcomes of a bulk method as booleans, in the same order: true where the item was applied
   * ({@code INSERTED}, {@code RECORDED}, {@code COMPLETED}, {@code TAKEN}), false where it was not.
   */
  public static boolean[] applied(List<? extends Enum<?>> outcomes) {
    boolean[] applied = new boolean[outcomes.size()];
    for (int i = 0; i < applied.length; i++) {
      Enum<?> o = outcomes.get(i);
      applied[i] = o == InvitationStore.InsertOutcome.INSERTED || o == InvitationStore.RecordOutcome.RECORDED
          || o == Outbox.CompleteOutcome.COMPLETED || o == Counters.IncrementOutcome.TAKEN;
    }
    return applied;
  }

  /** The invitations of stored rows, in the same order: for assertions on the public records. */
  public static List<Invitation> plain(List<StoredInvitation> stored) {
    return stored.stream().map(StoredInvitation::invitation).toList();
  }

  /** {@link #NOW} plus the given number of seconds (negative for earlier). */
  public static Instant at(long secondsFromNow) {
    return NOW.plusSeconds(secondsFromNow);
  }

  /** A fresh address in the company domain, such as {@code person-17@acme.example}. */
  public static EmailAddress freshEmail() {
    return email("person-" + SERIAL.incrementAndGet() + "@" + COMPANY_DOMAIN);
  }

  /** Parses an address (U1: normalized). */
  public static EmailAddress email(String address) {
    return EmailAddress.parse(address);
  }

  /**
   * A fresh token digest (I5): the SHA-256 of a new serial number, so digests differ across calls and a run
   * is reproducible.
   */
  public static TokenDigest freshDigest() {
    return digestOf("token-" + SERIAL.incrementAndGet());
  }

  /** The token digest of a stored invitation that has one, as every pending fixture invitation does (I5). */
  public static TokenDigest digestOf(StoredInvitation stored) {
    return Objects.requireNonNull(stored.tokenDigest(), "the fixture invitation has no token digest");
  }

  /** The SHA-256 digest of {@code text}, as stores keep invitation tokens (I5). */
  public static TokenDigest digestOf(String text) {
    return TokenDigest.of(sha256(text));
  }

  /** A fresh link token: 43 URL-safe Base64 characters, as in a link's URL (L1). */
  public static String freshLinkToken() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("link-" + SERIAL.incrementAndGet()));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  // ---- builders

  /** A {@code PRO_PLUS} account on {@value #COMPANY_DOMAIN} with 5 seats and the default policy (A1, A2). */
  public static AccountBuilder account() {
    return new AccountBuilder();
  }

  /** A user with a fresh company address and {@link #PASSWORD_HASH} (U1). */
  public static UserBuilder user() {
    return new UserBuilder();
  }

  /** A co-worker membership that may invite, joined at {@link #NOW} (U2). */
  public static MembershipBuilder membership(AccountId accountId, UserId userId) {
    return new MembershipBuilder(accountId, userId);
  }

  /** A pending co-worker invitation to a fresh address, expiring in 7 days, with a fresh digest (I5). */
  public static InvitationBuilder invitation(AccountId accountId) {
    return new InvitationBuilder(accountId);
  }

  /** An active link without a use limit, valid for 30 days, with a fresh token (L1). */
  public static LinkBuilder link(AccountId accountId) {
    return new LinkBuilder(accountId);
  }

  /** A Pro+ assignment made at {@link #NOW} by a random admin (P4). */
  public static AssignmentBuilder assignment(AccountId accountId, UserId userId) {
    return new AssignmentBuilder(accountId, userId);
  }

  /** A remembered bulk result for {@code key} (I10). */
  public static IdempotencyRecord idempotencyRecord(AccountId accountId, UserId inviterId, String key) {
    return new IdempotencyRecord(accountId, inviterId, key, "fingerprint-" + key, "{\"key\":\"" + key + "\"}", NOW);
  }

  /** Builds an {@link Account}; every setter returns this builder. */
  public static final class AccountBuilder {
    private AccountId id = AccountId.random();
    private String name = "Acme";
    private Plan plan = Plan.PRO_PLUS;
    private List<String> companyDomains = List.of(COMPANY_DOMAIN);
    private int proPlusSeats = 5;
    private InvitePolicy policy = InvitePolicy.defaults();
    private Locale locale = Locale.ENGLISH;
    private Instant createdAt = NOW;

    private AccountBuilder() {}

    /** Sets the id. */
    public AccountBuilder id(AccountId value) {
      id = Objects.requireNonNull(value, "id");
      return this;
    }

    /** Sets the name. */
    public AccountBuilder name(String value) {
      name = Objects.requireNonNull(value, "name");
      return this;
    }

    /** Makes it a {@code PRO} account without seats (P1). */
    public AccountBuilder pro() {
      plan = Plan.PRO;
      proPlusSeats = 0;
      return this;
    }

    /** Makes it a {@code PRO_PLUS} account with this many seats (P1). */
    public AccountBuilder proPlus(int seats) {
      plan = Plan.PRO_PLUS;
      proPlusSeats = seats;
      return this;
    }

    /** Sets the company domains (lower-case IDNA ASCII). */
    public AccountBuilder companyDomains(String... domains) {
      companyDomains = List.of(domains);
      return this;
    }

    /** Sets the invite policy (A2). */
    public AccountBuilder policy(InvitePolicy value) {
      policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /** Sets the mail locale (I6). */
    public AccountBuilder locale(Locale value) {
      locale = Objects.requireNonNull(value, "locale");
      return this;
    }

    /** Sets when it was created. */
    public AccountBuilder createdAt(Instant value) {
      createdAt = Objects.requireNonNull(value, "createdAt");
      return this;
    }

    /** The account. */
    public Account build() {
      return new Account(id, name, plan, companyDomains, proPlusSeats, policy, locale, createdAt);
    }
  }

  /** Builds a {@link StoredUser}; every setter returns this builder. */
  public static final class UserBuilder {
    private UserId id = UserId.random();
    private EmailAddress email = freshEmail();
    private String firstName = "Ann";
    private String lastName = "Lee";
    private Instant ageVerifiedAt = NOW;
    private Instant createdAt = NOW;
    private PasswordHash passwordHash = PASSWORD_HASH;

    private UserBuilder() {}

    /** Sets the id. */
    public UserBuilder id(UserId value) {
      id = Objects.requireNonNull(value, "id");
      return this;
    }

    /** Sets the (normalized) email. */
    public UserBuilder email(EmailAddress value) {
      email = Objects.requireNonNull(value, "email");
      return this;
    }

    /** Sets first and last name (S3). */
    public UserBuilder name(String first, String last) {
      firstName = Objects.requireNonNull(first, "first");
      lastName = Objects.requireNonNull(last, "last");
      return this;
    }

    /** Sets when the age check passed (S2). */
    public UserBuilder ageVerifiedAt(Instant value) {
      ageVerifiedAt = Objects.requireNonNull(value, "ageVerifiedAt");
      return this;
    }

    /** Sets when the user signed up. */
    public UserBuilder createdAt(Instant value) {
      createdAt = Objects.requireNonNull(value, "createdAt");
      return this;
    }

    /** Sets the password hash (S4). */
    public UserBuilder passwordHash(PasswordHash value) {
      passwordHash = Objects.requireNonNull(value, "passwordHash");
      return this;
    }

    /** The stored user. */
    public StoredUser build() {
      return new StoredUser(new User(id, email, firstName, lastName, ageVerifiedAt, createdAt), passwordHash);
    }
  }

  /** Builds a {@link Membership}; every setter returns this builder. */
  public static final class MembershipBuilder {
    private final AccountId accountId;
    private final UserId userId;
    private Role role = Role.COWORKER;
    private boolean mayInvite = true;
    private @Nullable UserId invitedBy;
    private @Nullable LinkId joinedVia;
    private Instant joinedAt = NOW;

    private MembershipBuilder(AccountId accountId, UserId userId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
      this.userId = Objects.requireNonNull(userId, "userId");
    }

    /** Sets the role (U2). */
    public MembershipBuilder role(Role value) {
      role = Objects.requireNonNull(value, "role");
      return this;
    }

    /** Sets whether the member may invite (U6). */
    public MembershipBuilder mayInvite(boolean value) {
      mayInvite = value;
      return this;
    }

    /** Sets who invited the member; null for the founder (A3). */
    public MembershipBuilder invitedBy(@Nullable UserId value) {
      invitedBy = value;
      return this;
    }

    /** Sets the link the member joined through (L1). */
    public MembershipBuilder joinedVia(@Nullable LinkId value) {
      joinedVia = value;
      return this;
    }

    /** Sets when the membership began. */
    public MembershipBuilder joinedAt(Instant value) {
      joinedAt = Objects.requireNonNull(value, "joinedAt");
      return this;
    }

    /** The membership. */
    public Membership build() {
      return new Membership(accountId, userId, role, mayInvite, invitedBy, joinedVia, joinedAt);
    }
  }

  /** Builds a {@link StoredInvitation}; every setter returns this builder. */
  public static final class InvitationBuilder {
    private InvitationId id = InvitationId.random();
    private final AccountId accountId;
    private EmailAddress email = freshEmail();
    private @Nullable String displayName;
    private Role role = Role.COWORKER;
    private InvitationState state = InvitationState.PENDING;
    private UserId invitedBy = UserId.random();
    private @Nullable LinkId viaLink;
    private Locale locale = Locale.ENGLISH;
    private Instant createdAt = NOW;
    private Instant expiresAt = NOW.plus(Duration.ofDays(7));
    private Instant updatedAt = NOW;
    private DeliveryStatus delivery = DeliveryStatus.NOT_SENT;
    private boolean ageCheckLocked;
    private boolean reminded;
    private @Nullable UserId acceptedBy;
    private @Nullable TokenDigest tokenDigest = freshDigest();

    private InvitationBuilder(AccountId accountId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
    }

    /** Sets the id. */
    public InvitationBuilder id(InvitationId value) {
      id = Objects.requireNonNull(value, "id");
      return this;
    }

    /** Sets the invited address. */
    public InvitationBuilder email(EmailAddress value) {
      email = Objects.requireNonNull(value, "email");
      return this;
    }

    /** Sets the name typed with the address. */
    public InvitationBuilder displayName(@Nullable String value) {
      displayName = value;
      return this;
    }

    /** Sets the role it grants (U3, U4). */
    public InvitationBuilder role(Role value) {
      role = Objects.requireNonNull(value, "role");
      return this;
    }

    /**
     * Sets the state (I5). {@code AWAITING_APPROVAL} also clears the token digest, as an invitation awaiting
     * approval has none yet (L1); set one afterwards with {@link #tokenDigest} if a test needs it.
     */
    public InvitationBuilder state(InvitationState value) {
      state = Objects.requireNonNull(value, "state");
      if (value == InvitationState.AWAITING_APPROVAL) {
        tokenDigest = null;
      }
      return this;
    }

    /** Sets the inviter. */
    public InvitationBuilder invitedBy(UserId value) {
      invitedBy = Objects.requireNonNull(value, "invitedBy");
      return this;
    }

    /** Sets the link it came from (L3). */
    public InvitationBuilder viaLink(@Nullable LinkId value) {
      viaLink = value;
      return this;
    }

    /** Sets the mail locale (I6). */
    public InvitationBuilder locale(Locale value) {
      locale = Objects.requireNonNull(value, "locale");
      return this;
    }

    /** Sets when it was created, and its last update to the same instant. */
    public InvitationBuilder createdAt(Instant value) {
      createdAt = Objects.requireNonNull(value, "createdAt");
      updatedAt = value;
      return this;
    }

    /** Sets when it expires. */
    public InvitationBuilder expiresAt(Instant value) {
      expiresAt = Objects.requireNonNull(value, "expiresAt");
      return this;
    }

    /** Sets the delivery status of its latest email. */
    public InvitationBuilder delivery(DeliveryStatus value) {
      delivery = Objects.requireNonNull(value, "delivery");
      return this;
    }

    /** Sets whether a failed age check locked it (S2). */
    public InvitationBuilder ageCheckLocked(boolean value) {
      ageCheckLocked = value;
      return this;
    }

    /** Sets whether the reminder went out (I11). */
    public InvitationBuilder reminded(boolean value) {
      reminded = value;
      return this;
    }

    /** Sets who accepted it. */
    public InvitationBuilder acceptedBy(@Nullable UserId value) {
      acceptedBy = value;
      return this;
    }

    /** Sets the digest of its current token, or null for none (L1). */
    public InvitationBuilder tokenDigest(@Nullable TokenDigest value) {
      tokenDigest = value;
      return this;
    }

    /** The stored invitation. */
    public StoredInvitation build() {
      return new StoredInvitation(new Invitation(id, accountId, email, displayName, role, state, invitedBy, viaLink,
          locale, createdAt, expiresAt, updatedAt, delivery, ageCheckLocked, reminded, acceptedBy), tokenDigest);
    }
  }

  /** Builds a {@link StoredLink}; every setter returns this builder. */
  public static final class LinkBuilder {
    private LinkId id = LinkId.random();
    private final AccountId accountId;
    private String token = freshLinkToken();
    private UserId createdBy = UserId.random();
    private Instant createdAt = NOW;
    private Instant expiresAt = NOW.plus(Duration.ofDays(30));
    private @Nullable Integer useLimit;
    private int uses;
    private boolean active = true;

    private LinkBuilder(AccountId accountId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
    }

    /** Sets the id. */
    public LinkBuilder id(LinkId value) {
      id = Objects.requireNonNull(value, "id");
      return this;
    }

    /** Sets the token in its URL. */
    public LinkBuilder token(String value) {
      token = Objects.requireNonNull(value, "token");
      return this;
    }

    /** Sets who created it. */
    public LinkBuilder createdBy(UserId value) {
      createdBy = Objects.requireNonNull(value, "createdBy");
      return this;
    }

    /** Sets when it was created. */
    public LinkBuilder createdAt(Instant value) {
      createdAt = Objects.requireNonNull(value, "createdAt");
      return this;
    }

    /** Sets when it stops working. */
    public LinkBuilder expiresAt(Instant value) {
      expiresAt = Objects.requireNonNull(value, "expiresAt");
      return this;
    }

    /** Sets how many redemptions it allows, or null for no limit (L1). */
    public LinkBuilder useLimit(@Nullable Integer value) {
      useLimit = value;
      return this;
    }

    /** Sets the redemptions so far. */
    public LinkBuilder uses(int value) {
      uses = value;
      return this;
    }

    /** Sets whether it works (false once rotated or turned off). */
    public LinkBuilder active(boolean value) {
      active = value;
      return this;
    }

    /** The stored link. */
    public StoredLink build() {
      return new StoredLink(id, accountId, token, createdBy, createdAt, expiresAt, useLimit, uses, active);
    }
  }

  /** Builds a {@link LicenseAssignment}; every setter returns this builder. */
  public static final class AssignmentBuilder {
    private final AccountId accountId;
    private final UserId userId;
    private License license = License.PRO_PLUS;
    private UserId assignedBy = UserId.random();
    private Instant assignedAt = NOW;

    private AssignmentBuilder(AccountId accountId, UserId userId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
      this.userId = Objects.requireNonNull(userId, "userId");
    }

    /** Sets the license. */
    public AssignmentBuilder license(License value) {
      license = Objects.requireNonNull(value, "license");
      return this;
    }

    /** Sets the admin who assigned it (P4). */
    public AssignmentBuilder assignedBy(UserId value) {
      assignedBy = Objects.requireNonNull(value, "assignedBy");
      return this;
    }

    /** Sets when it was assigned (P4). */
    public AssignmentBuilder assignedAt(Instant value) {
      assignedAt = Objects.requireNonNull(value, "assignedAt");
      return this;
    }

    /** The assignment. */
    public LicenseAssignment build() {
      return new LicenseAssignment(accountId, userId, license, assignedBy, assignedAt);
    }
  }

  /** {@code count} fresh user ids, for tests that need many distinct members. */
  public static List<UserId> userIds(int count) {
    List<UserId> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(UserId.random());
    }
    return List.copyOf(ids);
  }
}
