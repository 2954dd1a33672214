package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.NOW;
import static dev.invitekit.store.tck.StoreFixtures.at;
import static dev.invitekit.store.tck.StoreFixtures.freshDigest;
import static dev.invitekit.store.tck.StoreFixtures.idempotencyRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import dev.invitekit.account.Account;
import dev.invitekit.account.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.link.LinkId;
import dev.invitekit.link.LinkJoin;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.UserId;
import dev.invitekit.spi.store.IdempotencyRecord;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.SeatClaim;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store contract (SPEC §4): every {@link Store} provider, ours and the users', passes this suite.
 * Extend it, return a fresh, empty store from {@link #newStore()}, and run the subclass with JUnit 5:
 *
 * <!-- snippet: MyStoreContractTest#tck -->
 * <pre>{@code
 * class MyStoreContractTest extends StoreContractKit {
 *
 *   &#64;Override
 *   protected Store newStore() {
 *     return new InMemoryStore();  // yours: new MyStore(dataSource) on a fresh, empty database
 *   }
 * }
 * }</pre>
 *
 * <p>It checks every {@link StoreTransaction} operation on its happy path and on its refusing or
 * conditional path, that a unit of work which throws leaves nothing behind, that units of work do not
 * nest, that the atomic steps hold under real threads (I5, L3, P2, I7), and, with generated operation
 * sequences, that the invitation life cycle answers as a plain model does. It writes parent records
 * first (accounts, users, memberships) and refers to real users, so stores with foreign keys pass too.
 * Timestamps have whole-second precision, so stores keeping microseconds compare equal.
 */
public abstract class StoreContractKit {

  /** How many generated sequences the life-cycle model test runs by default. */
  protected static final int DEFAULT_LIFE_CYCLE_SEQUENCES = 300;

  private static final long LIFE_CYCLE_SEED = 0x1_2025_0314L;

  private @Nullable Store store;

  /** Subclasses only. */
  protected StoreContractKit() {}

  /**
   * The provider under test: a new, empty store for each test (SPEC §4). A store backed by a database
   * should start from empty tables.
   */
  protected abstract Store newStore();

  /**
   * Releases what {@link #newStore()} acquired (a connection pool, a database) after each test; does
   * nothing by default.
   */
  protected void closeStore(Store used) {}

  /**
   * How many generated operation sequences the model-based life-cycle test runs (default
   * {@value #DEFAULT_LIFE_CYCLE_SEQUENCES}); a slow store may lower it, never to zero.
   */
  protected int lifeCycleSequences() {
    return DEFAULT_LIFE_CYCLE_SEQUENCES;
  }

  /** The store of the running test. */
  protected final Store store() {
    return Objects.requireNonNull(store, "the store exists only while a test runs");
  }

  @BeforeEach
  final void createStore() {
    store = Objects.requireNonNull(newStore(), "newStore() returned null");
  }

  @AfterEach
  final void releaseStore() {
    Store used = store;
    store = null;
    if (used != null) {
      closeStore(used);
    }
  }

  // ---- helpers

  private <T> T read(Function<StoreTransaction, T> work) {
    return store().inTransaction(work);
  }

  // Typed reads, so an assertion on the answer picks the right AssertJ overload.

  private <T> Optional<T> find(Function<StoreTransaction, Optional<T>> query) {
    return store().inTransaction(query);
  }

  private <T> List<T> list(Function<StoreTransaction, List<T>> query) {
    return store().inTransaction(query);
  }

  private boolean ask(Predicate<StoreTransaction> step) {
    return store().inTransaction(step::test);
  }

  private SeatClaim claim(Function<StoreTransaction, SeatClaim> step) {
    return store().inTransaction(step);
  }

  private void write(Consumer<StoreTransaction> work) {
    store().inTransaction(tx -> {
      work.accept(tx);
      return Boolean.TRUE;
    });
  }

  /**
   * Runs work the contract leaves a provider free to refuse (by throwing, which rolls it back) or to
   * ignore; either way the caller then checks that nothing was written.
   */
  private void attempt(Consumer<StoreTransaction> work) {
    try {
      write(work);
    } catch (RuntimeException refused) {
      // Refusing is allowed; writing is not, and the caller checks that.
    }
  }

  /** An account with its founding admin, both stored: the parent records stores with foreign keys need. */
  private record Org(Account account, StoredUser admin) {
    AccountId id() {
      return account.id();
    }

    UserId adminId() {
      return admin.user().id();
    }
  }

  private Org newOrg() {
    return newOrg(StoreFixtures.account());
  }

  private Org newOrg(StoreFixtures.AccountBuilder builder) {
    Account account = builder.build();
    StoredUser admin = StoreFixtures.user().name("Ada", "Admin").build();
    write(tx -> {
      tx.accounts().insert(account);
      tx.users().insert(admin);
      tx.memberships().insert(StoreFixtures.membership(account.id(), admin.user().id())
          .role(Role.ADMIN).joinedAt(account.createdAt()).build());
    });
    return new Org(account, admin);
  }

  private UserId newUser() {
    StoredUser user = StoreFixtures.user().build();
    write(tx -> tx.users().insert(user));
    return user.user().id();
  }

  private List<UserId> newUsers(int count) {
    List<StoredUser> users = IntStream.range(0, count).mapToObj(i -> StoreFixtures.user().build()).toList();
    write(tx -> users.forEach(tx.users()::insert));
    return users.stream().map(u -> u.user().id()).toList();
  }

  private UserId newMember(Org org) {
    return newMember(org, NOW);
  }

  private UserId newMember(Org org, Instant joinedAt) {
    return newMembers(org, 1, joinedAt).get(0);
  }

  private List<UserId> newMembers(Org org, int count, Instant joinedAt) {
    List<UserId> ids = newUsers(count);
    write(tx -> ids.forEach(id -> tx.memberships().insert(
        StoreFixtures.membership(org.id(), id).invitedBy(org.adminId()).joinedAt(joinedAt).build())));
    return ids;
  }

  private static StoreFixtures.InvitationBuilder invitationIn(Org org) {
    return StoreFixtures.invitation(org.id()).invitedBy(org.adminId());
  }

  private static StoreFixtures.LinkBuilder linkIn(Org org) {
    return StoreFixtures.link(org.id()).createdBy(org.adminId());
  }

  private static LicenseAssignment seatFor(Org org, UserId member) {
    return StoreFixtures.assignment(org.id(), member).assignedBy(org.adminId()).build();
  }

  private StoredInvitation inserted(StoreFixtures.InvitationBuilder builder) {
    StoredInvitation invitation = builder.build();
    assertThat(ask(tx -> tx.invitations().insert(invitation))).as("inserting the fixture invitation").isTrue();
    return invitation;
  }

  private StoredLink inserted(StoreFixtures.LinkBuilder builder) {
    StoredLink link = builder.build();
    write(tx -> tx.links().insert(link));
    return link;
  }

  private static StoredInvitation withState(StoredInvitation invitation, InvitationState state, Instant at) {
    return new StoredInvitation(invitation.invitation().withState(state, at), invitation.tokenDigest());
  }

  private static StoredInvitation acceptedBy(StoredInvitation invitation, UserId user, Instant at) {
    return new StoredInvitation(invitation.invitation().accepted(user, at), invitation.tokenDigest());
  }

  private static StoredInvitation resent(StoredInvitation invitation, Instant at) {
    return new StoredInvitation(invitation.invitation().renewed(at.plus(Duration.ofDays(7)), at), freshDigest());
  }

  private static List<InvitationId> ids(List<Invitation> invitations) {
    return invitations.stream().map(Invitation::id).toList();
  }

  private static <T> long count(List<T> outcomes, T outcome) {
    return outcomes.stream().filter(outcome::equals).count();
  }

  // ---- units of work

  @Nested
  @DisplayName("Units of work (SPEC §4, §5)")
  class UnitsOfWork {

    @Test
    @DisplayName("§4: a unit of work returns what its work returned, and what it wrote is visible to the next one")
    void committedWorkIsVisible() {
      Account account = StoreFixtures.account().build();

      String returned = read(tx -> {
        tx.accounts().insert(account);
        return "done";
      });

      assertThat(returned).isEqualTo("done");
      assertThat(find(tx -> tx.accounts().find(account.id()))).contains(account);
    }

    @Test
    @DisplayName("§4: a unit of work reads its own writes before it commits")
    void readsOwnWrites() {
      Org org = newOrg();
      StoredInvitation invitation = invitationIn(org).build();

      Optional<StoredInvitation> seen = read(tx -> {
        tx.invitations().insert(invitation);
        return tx.invitations().findOpen(org.id(), invitation.invitation().email());
      });

      assertThat(seen).contains(invitation);
    }

    @Test
    @DisplayName("§5: work that throws comes back as the very same exception")
    void rethrowsTheSameException() {
      RuntimeException failure = new IllegalArgumentException("the work's own failure");

      assertThatThrownBy(() -> store().inTransaction(tx -> {
        throw failure;
      })).isSameAs(failure);
    }

    @Test
    @DisplayName("§5: work that throws after writing every kind of record leaves none of them behind")
    void failedWorkLeavesNoInserts() {
      Org org = newOrg();
      Account otherAccount = StoreFixtures.account().build();
      StoredUser user = StoreFixtures.user().build();
      UserId userId = user.user().id();
      StoredInvitation invitation = invitationIn(org).build();
      StoredLink link = linkIn(org).build();
      IdempotencyRecord record = idempotencyRecord(org.id(), org.adminId(), "bulk-1");
      RuntimeException failure = new IllegalStateException("fails after writing");

      assertThatThrownBy(() -> write(tx -> {
        tx.accounts().insert(otherAccount);
        tx.users().insert(user);
        tx.memberships().insert(StoreFixtures.membership(org.id(), userId).build());
        tx.invitations().insert(invitation);
        tx.links().insert(link);
        tx.links().tryUse(link.id(), NOW);
        tx.links().recordJoin(new LinkJoin(link.id(), userId, NOW));
        tx.seats().tryAssign(seatFor(org, userId), 5);
        tx.idempotency().insert(record);
        throw failure;
      })).isSameAs(failure);

      List<Object> left = read(tx -> List.of(
          tx.accounts().find(otherAccount.id()),
          tx.users().find(userId),
          tx.users().findByEmail(user.user().email()),
          tx.memberships().find(org.id(), userId),
          tx.memberships().ofUser(userId),
          tx.invitations().find(invitation.invitation().id()),
          tx.invitations().findByToken(Objects.requireNonNull(invitation.tokenDigest())),
          tx.invitations().findOpen(org.id(), invitation.invitation().email()),
          StoreFixtures.plain(tx.invitations().ofAccount(org.id())),
          StoreFixtures.plain(tx.invitations().openExpiringBy(at(1_000_000), 10)),
          tx.links().find(link.id()),
          tx.links().findByToken(TokenDigest.ofToken(link.token())),
          tx.links().findActive(org.id()),
          tx.links().joins(org.id()),
          tx.seats().ofAccount(org.id()),
          tx.idempotency().find(org.id(), org.adminId(), "bulk-1")));
      assertThat(left).allSatisfy(found -> assertThat(found).isIn(Optional.empty(), List.of()));
      assertThat(list(tx -> tx.memberships().ofAccount(org.id()))).extracting(Membership::userId).containsExactly(org.adminId());
    }

    @Test
    @DisplayName("§5: work that throws after updating records leaves every record as it was")
    void failedWorkLeavesNoUpdates() {
      Org org = newOrg();
      UserId holder = newMember(org);
      UserId claimant = newMember(org);
      UserId leaver = newMember(org);
      StoredInvitation pending = inserted(invitationIn(org));
      StoredLink link = inserted(linkIn(org).useLimit(3));
      assertThat(claim(tx -> tx.seats().tryAssign(seatFor(org, holder), 5))).isEqualTo(SeatClaim.ASSIGNED);
      InvitationId id = pending.invitation().id();
      TokenDigest digest = Objects.requireNonNull(pending.tokenDigest());
      Supplier<List<Object>> everything = () -> read(tx -> List.of(
          tx.accounts().find(org.id()),
          tx.users().find(holder),
          tx.memberships().ofAccount(org.id()),
          tx.invitations().find(id),
          tx.invitations().findByToken(digest),
          tx.invitations().findOpen(org.id(), pending.invitation().email()),
          StoreFixtures.plain(tx.invitations().ofAccount(org.id())),
          tx.links().find(link.id()),
          tx.links().findByToken(TokenDigest.ofToken(link.token())),
          tx.links().findActive(org.id()),
          tx.seats().ofAccount(org.id())));
      List<Object> before = everything.get();
      StoredInvitation renewed = resent(pending, at(60));
      RuntimeException failure = new IllegalStateException("fails after updating");

      assertThatThrownBy(() -> write(tx -> {
        tx.accounts().update(org.account().withPolicy(InvitePolicy.defaults().withLinksEnabled(false)));
        tx.users().updatePasswordHash(holder, new PasswordHash("$argon2id$v=19$m=65536,t=3,p=1$bmV3c2FsdA$bmV3aGFzaA"));
        tx.memberships().update(tx.memberships().find(org.id(), holder).orElseThrow().withRole(Role.ADMIN));
        tx.memberships().delete(org.id(), leaver);
        tx.invitations().update(renewed, InvitationState.PENDING);
        tx.invitations().recordDelivery(id, Objects.requireNonNull(renewed.tokenDigest()), DeliveryStatus.SENT, at(61));
        tx.links().tryUse(link.id(), NOW);
        tx.links().deactivate(link.id());
        tx.seats().tryAssign(seatFor(org, claimant), 5);
        tx.seats().remove(org.id(), holder, License.PRO_PLUS);
        throw failure;
      })).isSameAs(failure);

      assertThat(everything.get()).isEqualTo(before);
      assertThat(find(tx -> tx.invitations().findByToken(Objects.requireNonNull(renewed.tokenDigest())))).isEmpty();
    }

    @Test
    @DisplayName("§5: after a failed unit of work the store keeps working, and the same records can be inserted")
    void failedWorkLeavesNoConstraintsBehind() {
      Org org = newOrg();
      StoredUser user = StoreFixtures.user().build();
      StoredInvitation invitation = invitationIn(org).build();
      StoredLink link = linkIn(org).build();
      IdempotencyRecord record = idempotencyRecord(org.id(), org.adminId(), "bulk-2");
      RuntimeException failure = new IllegalStateException("fails after inserting");
      assertThatThrownBy(() -> write(tx -> {
        tx.users().insert(user);
        tx.invitations().insert(invitation);
        tx.links().insert(link);
        tx.idempotency().insert(record);
        throw failure;
      })).isSameAs(failure);

      List<Boolean> inserted = read(tx -> {
        List<Boolean> answers = new ArrayList<>();
        answers.add(tx.users().insert(user));
        answers.add(tx.invitations().insert(invitation));
        tx.links().insert(link);
        answers.add(tx.links().findActive(org.id()).isPresent());
        answers.add(tx.idempotency().insert(record));
        return answers;
      });

      assertThat(inserted).containsExactly(true, true, true, true);
    }

    @Test
    @DisplayName("§4: units of work do not nest: inTransaction inside one throws IllegalStateException and runs nothing")
    void unitsOfWorkDoNotNest() {
      Account inner = StoreFixtures.account().build();
      AtomicBoolean innerRan = new AtomicBoolean();

      write(tx -> assertThatThrownBy(() -> store().inTransaction(nested -> {
        innerRan.set(true);
        nested.accounts().insert(inner);
        return true;
      })).isInstanceOf(IllegalStateException.class));

      assertThat(innerRan).isFalse();
      assertThat(find(tx -> tx.accounts().find(inner.id()))).isEmpty();
    }

    @Test
    @DisplayName("§4: changing a list a unit of work returned never changes the store")
    void returnedListsDoNotWriteThrough() {
      Org org = newOrg();
      UserId member = newMember(org);
      inserted(invitationIn(org).expiresAt(at(60)));
      StoredLink link = inserted(linkIn(org));
      write(tx -> {
        tx.links().recordJoin(new LinkJoin(link.id(), member, NOW));
        tx.seats().tryAssign(seatFor(org, member), 5);
      });
      List<Function<StoreTransaction, List<?>>> reads = List.of(
          tx -> tx.memberships().ofAccount(org.id()),
          tx -> tx.memberships().ofUser(member),
          tx -> StoreFixtures.plain(tx.invitations().ofAccount(org.id())),
          tx -> StoreFixtures.plain(tx.invitations().openExpiringBy(at(60), 10)),
          tx -> StoreFixtures.plain(tx.invitations().pendingUnremindedExpiringBy(at(60), 10)),
          tx -> tx.links().joins(org.id()),
          tx -> tx.seats().ofAccount(org.id()));

      for (Function<StoreTransaction, List<?>> list : reads) {
        List<?> returned = read(list);
        List<?> copy = List.copyOf(returned);
        assertThat(copy).as("the fixture fills every list").isNotEmpty();
        try {
          returned.clear();
        } catch (UnsupportedOperationException immutable) {
          // An immutable list is one good answer; a detached copy is the other.
        }
        assertThat(read(list)).isEqualTo(copy);
      }
    }
  }

  // ---- accounts

  @Nested
  @DisplayName("Accounts (A1, A2)")
  class Accounts {

    @Test
    @DisplayName("A1: an inserted account is found by its id with every component intact")
    void insertAndFind() {
      Account account = StoreFixtures.account()
          .name("Zürich Works AG")
          .companyDomains("zurich-works.example", "xn--zrich-kva.example")
          .proPlus(7)
          .policy(InvitePolicy.defaults().withLinksEnabled(false).withLinkLimits(Duration.ofDays(3), 10))
          .locale(Locale.GERMAN)
          .build();

      write(tx -> tx.accounts().insert(account));

      assertThat(find(tx -> tx.accounts().find(account.id()))).contains(account);
    }

    @Test
    @DisplayName("A1: an unknown account id finds nothing")
    void unknownAccount() {
      newOrg();

      assertThat(find(tx -> tx.accounts().find(AccountId.random()))).isEmpty();
    }

    @Test
    @DisplayName("A2: updateAccount replaces the account, policy included")
    void updateReplaces() {
      Org org = newOrg();
      Account changed = org.account().withPolicy(InvitePolicy.defaults()
          .withGuestInviters(InvitePolicy.GuestInviters.NO_ONE)
          .withInvitationLifetime(Duration.ofDays(30)));

      write(tx -> tx.accounts().update(changed));

      assertThat(find(tx -> tx.accounts().find(org.id()))).contains(changed);
    }

    @Test
    @DisplayName("A2: updating an account that was never inserted creates none")
    void updateOfUnknownCreatesNothing() {
      Account never = StoreFixtures.account().build();

      attempt(tx -> tx.accounts().update(never));

      assertThat(find(tx -> tx.accounts().find(never.id()))).isEmpty();
    }
  }

  // ---- users

  @Nested
  @DisplayName("Users (U1, S4)")
  class Users {

    @Test
    @DisplayName("U1: an inserted user is found by id and by email, with the password hash")
    void insertAndFind() {
      StoredUser user = StoreFixtures.user().name("José", "Nuñez").ageVerifiedAt(at(-60)).build();

      assertThat(ask(tx -> tx.users().insert(user))).isTrue();

      assertThat(find(tx -> tx.users().find(user.user().id()))).contains(user);
      assertThat(find(tx -> tx.users().findByEmail(user.user().email()))).contains(user);
    }

    @Test
    @DisplayName("U1: a second user with the same email is not inserted, and the first stays")
    void emailIsUnique() {
      StoredUser first = StoreFixtures.user().build();
      StoredUser second = StoreFixtures.user().email(first.user().email()).name("Other", "Person").build();
      write(tx -> tx.users().insert(first));

      assertThat(ask(tx -> tx.users().insert(second))).isFalse();

      assertThat(find(tx -> tx.users().findByEmail(first.user().email()))).contains(first);
      assertThat(find(tx -> tx.users().find(second.user().id()))).isEmpty();
    }

    @Test
    @DisplayName("U1: unknown ids and addresses find nothing")
    void unknownUser() {
      newUser();

      assertThat(find(tx -> tx.users().find(UserId.random()))).isEmpty();
      assertThat(find(tx -> tx.users().findByEmail(StoreFixtures.freshEmail()))).isEmpty();
    }

    @Test
    @DisplayName("S4: updatePasswordHash replaces that user's hash and nothing else")
    void updatePasswordHash() {
      StoredUser user = StoreFixtures.user().build();
      StoredUser bystander = StoreFixtures.user().build();
      write(tx -> {
        tx.users().insert(user);
        tx.users().insert(bystander);
      });
      PasswordHash rehashed = new PasswordHash("$argon2id$v=19$m=65536,t=3,p=1$bmV3c2FsdA$bmV3aGFzaA");

      write(tx -> tx.users().updatePasswordHash(user.user().id(), rehashed));

      assertThat(find(tx -> tx.users().find(user.user().id()))).contains(new StoredUser(user.user(), rehashed));
      assertThat(find(tx -> tx.users().findByEmail(user.user().email()))).contains(new StoredUser(user.user(), rehashed));
      assertThat(find(tx -> tx.users().find(bystander.user().id()))).contains(bystander);
    }

    @Test
    @DisplayName("S4: updating the hash of an unknown user creates no user")
    void updatePasswordHashOfUnknown() {
      UserId unknown = UserId.random();

      attempt(tx -> tx.users().updatePasswordHash(unknown, StoreFixtures.PASSWORD_HASH));

      assertThat(find(tx -> tx.users().find(unknown))).isEmpty();
    }
  }

  // ---- memberships

  @Nested
  @DisplayName("Memberships (U2, U6)")
  class Memberships {

    @Test
    @DisplayName("U2: an inserted membership is found by account and user")
    void insertAndFind() {
      Org org = newOrg();
      UserId user = newUser();
      LinkId link = inserted(linkIn(org)).id();
      Membership membership = StoreFixtures.membership(org.id(), user)
          .role(Role.GUEST).mayInvite(false).invitedBy(org.adminId()).joinedVia(link).joinedAt(at(30)).build();

      assertThat(ask(tx -> tx.memberships().insert(membership))).isTrue();

      assertThat(find(tx -> tx.memberships().find(org.id(), user))).contains(membership);
    }

    @Test
    @DisplayName("U2: a user is a member of an account at most once, and the first membership stays")
    void oneMembershipPerAccount() {
      Org org = newOrg();
      UserId user = newMember(org);
      Membership first = read(tx -> tx.memberships().find(org.id(), user)).orElseThrow();

      assertThat(ask(tx -> tx.memberships().insert(first.withRole(Role.ADMIN)))).isFalse();

      assertThat(find(tx -> tx.memberships().find(org.id(), user))).contains(first);
    }

    @Test
    @DisplayName("U2: an account's memberships come oldest first, without other accounts' members")
    void membershipsOldestFirst() {
      Org org = newOrg();
      Org other = newOrg();
      UserId late = newMember(org, at(300));
      UserId early = newMember(org, at(100));
      newMember(other, at(150));
      UserId middle = newMember(org, at(200));

      assertThat(list(tx -> tx.memberships().ofAccount(org.id()))).extracting(Membership::userId)
          .containsExactly(org.adminId(), early, middle, late);
    }

    @Test
    @DisplayName("U2: a user may belong to several accounts, and membershipsOf lists them oldest first")
    void membershipsOfOldestFirst() {
      Org guestHere = newOrg();
      Org coworkerThere = newOrg();
      Org unrelated = newOrg();
      UserId user = newUser();
      write(tx -> {
        tx.memberships().insert(StoreFixtures.membership(coworkerThere.id(), user).joinedAt(at(200)).build());
        tx.memberships().insert(StoreFixtures.membership(guestHere.id(), user).role(Role.GUEST).joinedAt(at(100)).build());
      });

      assertThat(list(tx -> tx.memberships().ofUser(user))).extracting(Membership::accountId)
          .containsExactly(guestHere.id(), coworkerThere.id());
      assertThat(find(tx -> tx.memberships().find(unrelated.id(), user))).isEmpty();
    }

    @Test
    @DisplayName("U6: updateMembership replaces the role and the invite permission of that membership only")
    void updateMembership() {
      Org org = newOrg();
      UserId member = newMember(org);
      UserId bystander = newMember(org);
      Membership before = read(tx -> tx.memberships().find(org.id(), member)).orElseThrow();
      Membership bystanderBefore = read(tx -> tx.memberships().find(org.id(), bystander)).orElseThrow();
      Membership after = before.withRole(Role.ADMIN).withMayInvite(false);

      write(tx -> tx.memberships().update(after));

      assertThat(find(tx -> tx.memberships().find(org.id(), member))).contains(after);
      assertThat(find(tx -> tx.memberships().find(org.id(), bystander))).contains(bystanderBefore);
    }

    @Test
    @DisplayName("U6: updating a membership that does not exist creates none")
    void updateOfUnknownCreatesNothing() {
      Org org = newOrg();
      UserId outsider = newUser();

      attempt(tx -> tx.memberships().update(StoreFixtures.membership(org.id(), outsider).role(Role.ADMIN).build()));

      assertThat(find(tx -> tx.memberships().find(org.id(), outsider))).isEmpty();
    }

    @Test
    @DisplayName("U2: deleteMembership removes the membership and says whether one existed")
    void deleteMembership() {
      Org org = newOrg();
      UserId member = newMember(org);

      assertThat(ask(tx -> tx.memberships().delete(org.id(), member))).isTrue();
      assertThat(ask(tx -> tx.memberships().delete(org.id(), member))).isFalse();

      assertThat(find(tx -> tx.memberships().find(org.id(), member))).isEmpty();
      assertThat(list(tx -> tx.memberships().ofUser(member))).isEmpty();
      assertThat(find(tx -> tx.memberships().find(org.id(), org.adminId()))).isPresent();
    }
  }

  // ---- invitations

  @Nested
  @DisplayName("Invitations (I5, I7, L1)")
  class Invitations {

    @Test
    @DisplayName("I5: an inserted invitation is found by id, by its token digest and as its address's open invitation")
    void insertAndFind() {
      Org org = newOrg();
      StoredInvitation invitation = invitationIn(org)
          .email(StoreFixtures.email("ann@elsewhere.example")).displayName("Ann Lee").role(Role.GUEST)
          .locale(Locale.FRENCH).build();

      assertThat(ask(tx -> tx.invitations().insert(invitation))).isTrue();

      assertThat(find(tx -> tx.invitations().find(invitation.invitation().id()))).contains(invitation);
      assertThat(find(tx -> tx.invitations().findByToken(Objects.requireNonNull(invitation.tokenDigest()))))
          .contains(invitation);
      assertThat(find(tx -> tx.invitations().findOpen(org.id(), invitation.invitation().email()))).contains(invitation);
      assertThat(list(tx -> StoreFixtures.plain(tx.invitations().ofAccount(org.id())))).containsExactly(invitation.invitation());
    }

    @Test
    @DisplayName("I5: unknown ids, digests and addresses find nothing")
    void unknownInvitation() {
      Org org = newOrg();
      StoredInvitation invitation = inserted(invitationIn(org));
      Org other = newOrg();

      assertThat(find(tx -> tx.invitations().find(InvitationId.random()))).isEmpty();
      assertThat(find(tx -> tx.invitations().findByToken(freshDigest()))).isEmpty();
      assertThat(find(tx -> tx.invitations().findOpen(org.id(), StoreFixtures.freshEmail()))).isEmpty();
      assertThat(find(tx -> tx.invitations().findOpen(other.id(), invitation.invitation().email()))).isEmpty();
      assertThat(list(tx -> StoreFixtures.plain(tx.invitations().ofAccount(other.id())))).isEmpty();
    }

    @ParameterizedTest(name = "while one is {0}")
    @EnumSource(value = InvitationState.class, names = {"PENDING", "AWAITING_APPROVAL"})
    @DisplayName("I7: a second open invitation for the same account and address is not inserted")
    void oneOpenInvitationPerAddress(InvitationState openState) {
      Org org = newOrg();
      StoredInvitation first = inserted(invitationIn(org).state(openState));
      EmailAddress email = first.invitation().email();
      StoredInvitation pending = invitationIn(org).email(email).build();
      StoredInvitation awaiting = invitationIn(org).email(email).state(InvitationState.AWAITING_APPROVAL).build();

      assertThat(ask(tx -> tx.invitations().insert(pending))).isFalse();
      assertThat(ask(tx -> tx.invitations().insert(awaiting))).isFalse();

      assertThat(find(tx -> tx.invitations().findOpen(org.id(), email))).contains(first);
      assertThat(list(tx -> StoreFixtures.plain(tx.invitations().ofAccount(org.id())))).containsExactly(first.invitation());
      assertThat(find(tx -> tx.invitations().find(pending.invitation().id()))).isEmpty();
      assertThat(find(tx -> tx.invitations().findByToken(Objects.requireNonNull(pending.tokenDigest())))).isEmpty();
    }

    @ParameterizedTest(name = "once it is {0}")
    @EnumSource(value = InvitationState.class, names = {"ACCEPTED", "DECLINED", "REVOKED", "EXPIRED"})
    @DisplayName("I7: once the open invitation is closed, a new one for the address is inserted")
    void closedInvitationFreesTheAddress(InvitationState finalState) {
      Org org = newOrg();
      StoredInvitation first = inserted(invitationIn(org));
      EmailAddress email = first.invitation().email();
      assertThat(ask(tx -> tx.invitations().update(withState(first, finalState, at(60)), InvitationState.PENDING)))
          .isTrue();
      assertThat(find(tx -> tx.invitations().findOpen(org.id(), email))).isEmpty();
      StoredInvitation second = invitationIn(org).email(email).createdAt(at(120)).build();

      assertThat(ask(tx -> tx.invitations().insert(second))).isTrue();

      assertThat(find(tx -> tx.invitations().findOpen(org.id(), email))).contains(second);
      assertThat(list(tx -> StoreFixtures.plain(tx.invitations().ofAccount(org.id())))).extracting(Invitation::id)
          .containsExactly(first.invitation().id(), second.invitation().id());
    }

    @Test
    @DisplayName("I5: one address may hold an open invitation in each of two accounts")
    void openInvitationsAreScopedPerAccount() {
      Org one = newOrg();
      Org two = newOrg();
      EmailAddress email = StoreFixtures.freshEmail();
      StoredInvitation first = inserted(invitationIn(one).email(email));
      StoredInvitation second = invitationIn(two).email(email).build();

      assertThat(ask(tx -> tx.invitations().insert(second))).isTrue();

      assertThat(find(tx -> tx.invitations().findOpen(one.id(), email))).contains(first);
      assertThat(find(tx -> tx.invitations().findOpen(two.id(), email))).contains(second);
    }

    @Test
    @DisplayName("I5: an account's invitations come oldest first, as public records, without other accounts' ones")
    void invitationsOldestFirst() {
      Org org = newOrg();
      Org other = newOrg();
      StoredInvitation late = inserted(invitationIn(org).createdAt(at(300)));
      StoredInvitation early = inserted(invitationIn(org).createdAt(at(100)).state(InvitationState.REVOKED));
      inserted(invitationIn(other).createdAt(at(150)));
      StoredInvitation middle = inserted(invitationIn(org).createdAt(at(200)).state(InvitationState.AWAITING_APPROVAL));

      assertThat(list(tx -> StoreFixtures.plain(tx.invitations().ofAccount(org.id()))))
          .containsExactly(early.invitation(), middle.invitation(), late.invitation());
    }
  }

  // ---- conditional updates and deliveries

  @Nested
  @DisplayName("Conditional updates and deliveries (I5, I7, L1, S1)")
  class ConditionalUpdates {

    @Test
    @DisplayName("I5: updateInvitation replaces the whole invitation when its state is the expected one")
    void updateWhenStateMatches() {
      Org org = newOrg();
      UserId acceptor = newUser();
      StoredInvitation pending = inserted(invitationIn(org));
      Invitation accepted = pending.invitation().accepted(acceptor, at(60))
          .withDelivery(DeliveryStatus.SENT, at(60)).lockedByAgeCheck(at(60)).withReminded(at(60));
      StoredInvitation next = new StoredInvitation(accepted, pending.tokenDigest());

      assertThat(ask(tx -> tx.invitations().update(next, InvitationState.PENDING))).isTrue();

      assertThat(find(tx -> tx.invitations().find(pending.invitation().id()))).contains(next);
      assertThat(list(tx -> StoreFixtures.plain(tx.invitations().ofAccount(org.id())))).containsExactly(accepted);
    }

    @ParameterizedTest(name = "expecting {0}")
    @EnumSource(value = InvitationState.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("I5: updateInvitation expecting another state than the current one returns false and changes nothing")
    void updateWhenStateDiffers(InvitationState expected) {
      Org org = newOrg();
      StoredInvitation pending = inserted(invitationIn(org));

      assertThat(ask(tx -> tx.invitations().update(withState(pending, InvitationState.REVOKED, at(60)), expected)))
          .isFalse();

      assertThat(find(tx -> tx.invitations().find(pending.invitation().id()))).contains(pending);
      assertThat(find(tx -> tx.invitations().findOpen(org.id(), pending.invitation().email()))).contains(pending);
    }

    @Test
    @DisplayName("I5: an invitation is accepted at most once: a second accept expecting PENDING returns false")
    void acceptedAtMostOnce() {
      Org org = newOrg();
      UserId first = newUser();
      UserId second = newUser();
      StoredInvitation pending = inserted(invitationIn(org));

      assertThat(ask(tx -> tx.invitations().update(acceptedBy(pending, first, at(60)), InvitationState.PENDING)))
          .isTrue();
      assertThat(ask(tx -> tx.invitations().update(acceptedBy(pending, second, at(120)), InvitationState.PENDING)))
          .isFalse();

      assertThat(find(tx -> tx.invitations().find(pending.invitation().id()))).get()
          .extracting(i -> i.invitation().acceptedBy()).isEqualTo(first);
    }

    @Test
    @DisplayName("I5: updateInvitation of an invitation never inserted returns false and inserts nothing")
    void updateOfUnknown() {
      Org org = newOrg();
      StoredInvitation never = invitationIn(org).build();

      assertThat(ask(tx -> tx.invitations().update(never, InvitationState.PENDING))).isFalse();

      assertThat(find(tx -> tx.invitations().find(never.invitation().id()))).isEmpty();
      assertThat(list(tx -> StoreFixtures.plain(tx.invitations().ofAccount(org.id())))).isEmpty();
    }

    @Test
    @DisplayName("S1: a closed invitation is still found by its token, so a used token is told from an unknown one")
    void closedInvitationFoundByToken() {
      Org org = newOrg();
      UserId acceptor = newUser();
      StoredInvitation pending = inserted(invitationIn(org));
      StoredInvitation accepted = acceptedBy(pending, acceptor, at(60));
      write(tx -> tx.invitations().update(accepted, InvitationState.PENDING));

      assertThat(find(tx -> tx.invitations().findByToken(Objects.requireNonNull(pending.tokenDigest()))))
          .contains(accepted);
      assertThat(find(tx -> tx.invitations().findOpen(org.id(), pending.invitation().email()))).isEmpty();
    }

    @Test
    @DisplayName("I7: re-sending swaps the token: the new digest finds the invitation, the old one finds nothing")
    void resendSwapsToken() {
      Org org = newOrg();
      StoredInvitation pending = inserted(invitationIn(org));
      StoredInvitation renewed = resent(pending, at(60));

      assertThat(ask(tx -> tx.invitations().update(renewed, InvitationState.PENDING))).isTrue();

      assertThat(find(tx -> tx.invitations().findByToken(Objects.requireNonNull(renewed.tokenDigest()))))
          .contains(renewed);
      assertThat(find(tx -> tx.invitations().findByToken(Objects.requireNonNull(pending.tokenDigest())))).isEmpty();
      assertThat(find(tx -> tx.invitations().findOpen(org.id(), pending.invitation().email()))).contains(renewed);
    }

    @Test
    @DisplayName("L1: approving an invitation that awaited approval gives it its first token")
    void approvalGivesFirstToken() {
      Org org = newOrg();
      LinkId link = inserted(linkIn(org)).id();
      StoredInvitation awaiting = inserted(invitationIn(org).viaLink(link).state(InvitationState.AWAITING_APPROVAL));
      StoredInvitation approved = resent(awaiting, at(60));

      assertThat(ask(tx -> tx.invitations().update(approved, InvitationState.AWAITING_APPROVAL))).isTrue();

      assertThat(find(tx -> tx.invitations().findByToken(Objects.requireNonNull(approved.tokenDigest()))))
          .contains(approved);
      assertThat(find(tx -> tx.invitations().findOpen(org.id(), awaiting.invitation().email()))).contains(approved);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DeliveryStatus.class)
    @DisplayName("I7: recordDelivery with the current token's digest records the status and its time")
    void recordDeliveryForCurrentToken(DeliveryStatus status) {
      Org org = newOrg();
      StoredInvitation pending = inserted(invitationIn(org).delivery(DeliveryStatus.FAILED_RETRYABLE));
      InvitationId id = pending.invitation().id();

      assertThat(ask(tx -> tx.invitations().recordDelivery(id, Objects.requireNonNull(pending.tokenDigest()), status, at(90))))
          .isTrue();

      assertThat(find(tx -> tx.invitations().find(id))).contains(
          new StoredInvitation(pending.invitation().withDelivery(status, at(90)), pending.tokenDigest()));
    }

    @Test
    @DisplayName("I7: recordDelivery with a superseded digest returns false and changes nothing: the re-send won")
    void recordDeliveryForStaleToken() {
      Org org = newOrg();
      StoredInvitation pending = inserted(invitationIn(org));
      StoredInvitation renewed = resent(pending, at(60));
      write(tx -> tx.invitations().update(renewed, InvitationState.PENDING));

      assertThat(ask(tx -> tx.invitations().recordDelivery(renewed.invitation().id(),
          Objects.requireNonNull(pending.tokenDigest()), DeliveryStatus.FAILED_PERMANENT, at(90)))).isFalse();

      assertThat(find(tx -> tx.invitations().find(pending.invitation().id()))).contains(renewed);
    }

    @Test
    @DisplayName("I7: recordDelivery for an unknown invitation returns false")
    void recordDeliveryForUnknown() {
      Org org = newOrg();
      StoredInvitation pending = inserted(invitationIn(org));

      assertThat(ask(tx -> tx.invitations().recordDelivery(InvitationId.random(), Objects.requireNonNull(pending.tokenDigest()),
          DeliveryStatus.SENT, at(90)))).isFalse();

      assertThat(find(tx -> tx.invitations().find(pending.invitation().id()))).contains(pending);
    }

    @Test
    @DisplayName("L1: recordDelivery for an invitation still awaiting approval, which has no token, returns false")
    void recordDeliveryWithoutToken() {
      Org org = newOrg();
      StoredInvitation awaiting = inserted(invitationIn(org).state(InvitationState.AWAITING_APPROVAL));

      assertThat(ask(tx -> tx.invitations().recordDelivery(awaiting.invitation().id(), freshDigest(), DeliveryStatus.SENT,
          at(90)))).isFalse();

      assertThat(find(tx -> tx.invitations().find(awaiting.invitation().id()))).contains(awaiting);
    }
  }

  // ---- expiry and reminders

  @Nested
  @DisplayName("Expiry and reminder queues (I11)")
  class Queues {

    @Test
    @DisplayName("I11: openInvitationsExpiringBy lists every account's open invitations with expiresAt <= at, soonest first")
    void openExpiring() {
      Org one = newOrg();
      Org two = newOrg();
      UserId acceptor = newUser();
      StoredInvitation third = inserted(invitationIn(one).expiresAt(at(300)));
      StoredInvitation first = inserted(invitationIn(two).expiresAt(at(100)).state(InvitationState.AWAITING_APPROVAL));
      StoredInvitation atTheLimit = inserted(invitationIn(one).expiresAt(at(400)).reminded(true));
      StoredInvitation second = inserted(invitationIn(two).expiresAt(at(200)));
      inserted(invitationIn(one).expiresAt(at(401)));
      StoredInvitation accepted = inserted(invitationIn(one).expiresAt(at(50)));
      write(tx -> tx.invitations().update(acceptedBy(accepted, acceptor, at(10)), InvitationState.PENDING));
      inserted(invitationIn(two).expiresAt(at(60)).state(InvitationState.REVOKED));

      assertThat(ids(read(tx -> StoreFixtures.plain(tx.invitations().openExpiringBy(at(400), 10))))).containsExactly(
          first.invitation().id(), second.invitation().id(), third.invitation().id(), atTheLimit.invitation().id());
    }

    @Test
    @DisplayName("I11: openInvitationsExpiringBy returns at most limit invitations, the soonest")
    void openExpiringLimit() {
      Org org = newOrg();
      StoredInvitation later = inserted(invitationIn(org).expiresAt(at(300)));
      StoredInvitation soonest = inserted(invitationIn(org).expiresAt(at(100)));
      StoredInvitation sooner = inserted(invitationIn(org).expiresAt(at(200)));

      assertThat(ids(read(tx -> StoreFixtures.plain(tx.invitations().openExpiringBy(at(300), 2)))))
          .containsExactly(soonest.invitation().id(), sooner.invitation().id());
      assertThat(list(tx -> StoreFixtures.plain(tx.invitations().openExpiringBy(at(300), 0)))).isEmpty();
      assertThat(ids(read(tx -> StoreFixtures.plain(tx.invitations().openExpiringBy(at(300), 3))))).endsWith(later.invitation().id());
    }

    @Test
    @DisplayName("I11: pendingUnremindedExpiringBy lists pending invitations not yet reminded, soonest first")
    void pendingUnreminded() {
      Org one = newOrg();
      Org two = newOrg();
      StoredInvitation second = inserted(invitationIn(one).expiresAt(at(200)));
      inserted(invitationIn(one).expiresAt(at(100)).reminded(true));
      inserted(invitationIn(two).expiresAt(at(100)).state(InvitationState.AWAITING_APPROVAL));
      StoredInvitation first = inserted(invitationIn(two).expiresAt(at(150)));
      inserted(invitationIn(two).expiresAt(at(201)));
      inserted(invitationIn(one).expiresAt(at(50)).state(InvitationState.EXPIRED));

      assertThat(ids(read(tx -> StoreFixtures.plain(tx.invitations().pendingUnremindedExpiringBy(at(200), 10)))))
          .containsExactly(first.invitation().id(), second.invitation().id());
    }

    @Test
    @DisplayName("I11: pendingUnremindedExpiringBy returns at most limit invitations, the soonest")
    void pendingUnremindedLimit() {
      Org org = newOrg();
      inserted(invitationIn(org).expiresAt(at(300)));
      StoredInvitation soonest = inserted(invitationIn(org).expiresAt(at(100)));

      assertThat(ids(read(tx -> StoreFixtures.plain(tx.invitations().pendingUnremindedExpiringBy(at(300), 1)))))
          .containsExactly(soonest.invitation().id());
      assertThat(list(tx -> StoreFixtures.plain(tx.invitations().pendingUnremindedExpiringBy(at(300), 0)))).isEmpty();
    }

    @Test
    @DisplayName("I11: once reminded, an invitation leaves the reminder queue but stays in the expiry queue")
    void remindedLeavesReminderQueue() {
      Org org = newOrg();
      StoredInvitation pending = inserted(invitationIn(org).expiresAt(at(100)));
      StoredInvitation reminded =
          new StoredInvitation(pending.invitation().withReminded(at(10)), pending.tokenDigest());

      assertThat(ask(tx -> tx.invitations().update(reminded, InvitationState.PENDING))).isTrue();

      assertThat(list(tx -> StoreFixtures.plain(tx.invitations().pendingUnremindedExpiringBy(at(100), 10)))).isEmpty();
      assertThat(list(tx -> StoreFixtures.plain(tx.invitations().openExpiringBy(at(100), 10)))).containsExactly(reminded.invitation());
    }
  }

  // ---- links

  @Nested
  @DisplayName("Invite links (L1, L3)")
  class Links {

    @Test
    @DisplayName("L1: an inserted link is found by id, by token and as its account's active link")
    void insertAndFind() {
      Org org = newOrg();
      StoredLink link = linkIn(org).useLimit(25).uses(3).expiresAt(at(3600)).build();

      write(tx -> tx.links().insert(link));

      assertThat(find(tx -> tx.links().find(link.id()))).contains(link);
      assertThat(find(tx -> tx.links().findByToken(TokenDigest.ofToken(link.token())))).contains(link);
      assertThat(find(tx -> tx.links().findActive(org.id()))).contains(link);
    }

    @Test
    @DisplayName("L1: unknown ids and tokens find nothing, and an account without a link has no active link")
    void unknownLink() {
      Org org = newOrg();
      Org other = newOrg();
      inserted(linkIn(org));

      assertThat(find(tx -> tx.links().find(LinkId.random()))).isEmpty();
      assertThat(find(tx -> tx.links().findByToken(TokenDigest.ofToken(StoreFixtures.freshLinkToken())))).isEmpty();
      assertThat(find(tx -> tx.links().findActive(other.id()))).isEmpty();
    }

    @Test
    @DisplayName("L1: rotating a link stops the old one at once and makes the new one the active link")
    void rotate() {
      Org org = newOrg();
      StoredLink old = inserted(linkIn(org));
      StoredLink next = linkIn(org).createdAt(at(60)).build();

      write(tx -> {
        tx.links().deactivate(old.id());
        tx.links().insert(next);
      });

      assertThat(find(tx -> tx.links().findActive(org.id()))).contains(next);
      assertThat(find(tx -> tx.links().findByToken(TokenDigest.ofToken(old.token())))).get().extracting(StoredLink::active).isEqualTo(false);
      assertThat(ask(tx -> tx.links().tryUse(old.id(), NOW))).isFalse();
      assertThat(ask(tx -> tx.links().tryUse(next.id(), at(60)))).isTrue();
    }

    @Test
    @DisplayName("L1: turning links off leaves the account without an active link, and again changes nothing")
    void deactivate() {
      Org org = newOrg();
      StoredLink link = inserted(linkIn(org).uses(2));
      StoredLink inactive = new StoredLink(link.id(), link.accountId(), link.token(), link.createdBy(),
          link.createdAt(), link.expiresAt(), link.useLimit(), link.uses(), false);

      write(tx -> tx.links().deactivate(link.id()));
      assertThat(find(tx -> tx.links().findActive(org.id()))).isEmpty();
      assertThat(find(tx -> tx.links().find(link.id()))).contains(inactive);

      write(tx -> tx.links().deactivate(link.id()));
      assertThat(find(tx -> tx.links().find(link.id()))).contains(inactive);
    }

    @Test
    @DisplayName("L3: tryUseLink counts one use per success, and the count is stored")
    void useCounts() {
      Org org = newOrg();
      StoredLink link = inserted(linkIn(org).useLimit(10).uses(4));

      assertThat(ask(tx -> tx.links().tryUse(link.id(), NOW))).isTrue();
      assertThat(ask(tx -> tx.links().tryUse(link.id(), NOW))).isTrue();

      assertThat(find(tx -> tx.links().find(link.id()))).get().extracting(StoredLink::uses).isEqualTo(6);
      assertThat(find(tx -> tx.links().findActive(org.id()))).get().extracting(StoredLink::uses).isEqualTo(6);
    }

    @Test
    @DisplayName("L3: a link with a use limit of 3 allows exactly 3 uses, then refuses and keeps the count")
    void useLimit() {
      Org org = newOrg();
      StoredLink link = inserted(linkIn(org).useLimit(3));

      List<Boolean> answers = read(tx -> IntStream.range(0, 5).mapToObj(i -> tx.links().tryUse(link.id(), NOW)).toList());

      assertThat(answers).containsExactly(true, true, true, false, false);
      assertThat(find(tx -> tx.links().find(link.id()))).get().extracting(StoredLink::uses).isEqualTo(3);
    }

    @Test
    @DisplayName("L3: a link inserted with its limit used up refuses")
    void limitUsedUp() {
      Org org = newOrg();
      StoredLink link = inserted(linkIn(org).useLimit(2).uses(2));

      assertThat(ask(tx -> tx.links().tryUse(link.id(), NOW))).isFalse();

      assertThat(find(tx -> tx.links().find(link.id()))).contains(link);
    }

    @Test
    @DisplayName("L3: a link without a use limit keeps counting")
    void noLimit() {
      Org org = newOrg();
      StoredLink link = inserted(linkIn(org).useLimit(null).uses(1_000));

      List<Boolean> answers = read(tx -> IntStream.range(0, 50).mapToObj(i -> tx.links().tryUse(link.id(), NOW)).toList());

      assertThat(answers).containsOnly(true).hasSize(50);
      assertThat(find(tx -> tx.links().find(link.id()))).get().extracting(StoredLink::uses).isEqualTo(1_050);
    }

    @Test
    @DisplayName("L1: an inactive link refuses uses and keeps its count")
    void inactiveRefuses() {
      Org org = newOrg();
      StoredLink link = inserted(linkIn(org).active(false).uses(1));

      assertThat(ask(tx -> tx.links().tryUse(link.id(), NOW))).isFalse();

      assertThat(find(tx -> tx.links().find(link.id()))).contains(link);
      assertThat(find(tx -> tx.links().findActive(org.id()))).isEmpty();
    }

    @Test
    @DisplayName("L3: a link expires at its expiresAt: a millisecond before it counts a use, at and after it refuses")
    void expiry() {
      Org org = newOrg();
      StoredLink link = inserted(linkIn(org).expiresAt(at(3600)));

      assertThat(ask(tx -> tx.links().tryUse(link.id(), at(3600)))).isFalse();
      assertThat(ask(tx -> tx.links().tryUse(link.id(), at(7200)))).isFalse();
      assertThat(ask(tx -> tx.links().tryUse(link.id(), at(3600).minusMillis(1)))).isTrue();

      assertThat(find(tx -> tx.links().find(link.id()))).get().extracting(StoredLink::uses).isEqualTo(1);
    }

    @Test
    @DisplayName("L3: tryUseLink of an unknown link returns false")
    void unknownLinkRefuses() {
      Org org = newOrg();
      StoredLink link = inserted(linkIn(org));

      assertThat(ask(tx -> tx.links().tryUse(LinkId.random(), NOW))).isFalse();

      assertThat(find(tx -> tx.links().find(link.id()))).contains(link);
    }

    @Test
    @DisplayName("L1: an account's link joins come oldest first, across its rotated links, without other accounts' joins")
    void linkJoinsOldestFirst() {
      Org org = newOrg();
      Org other = newOrg();
      StoredLink old = inserted(linkIn(org).active(false));
      StoredLink current = inserted(linkIn(org));
      StoredLink elsewhere = inserted(linkIn(other));
      List<UserId> people = newUsers(4);
      LinkJoin third = new LinkJoin(current.id(), people.get(0), at(300));
      LinkJoin first = new LinkJoin(old.id(), people.get(1), at(100));
      LinkJoin foreign = new LinkJoin(elsewhere.id(), people.get(2), at(150));
      LinkJoin second = new LinkJoin(current.id(), people.get(3), at(200));

      write(tx -> List.of(third, first, foreign, second).forEach(tx.links()::recordJoin));

      assertThat(list(tx -> tx.links().joins(org.id()))).containsExactly(first, second, third);
      assertThat(list(tx -> tx.links().joins(other.id()))).containsExactly(foreign);
      assertThat(list(tx -> tx.links().joins(AccountId.random()))).isEmpty();
    }
  }

  // ---- licenses

  @Nested
  @DisplayName("Pro+ seats (P1–P4)")
  class Seats {

    @Test
    @DisplayName("P2: a free seat is assigned, and the assignment is stored with who and when (P4)")
    void assignFreeSeat() {
      Org org = newOrg();
      UserId member = newMember(org);
      LicenseAssignment assignment = StoreFixtures.assignment(org.id(), member)
          .assignedBy(org.adminId()).assignedAt(at(42)).build();

      assertThat(claim(tx -> tx.seats().tryAssign(assignment, 5))).isEqualTo(SeatClaim.ASSIGNED);

      assertThat(list(tx -> tx.seats().ofAccount(org.id()))).containsExactly(assignment);
    }

    @Test
    @DisplayName("P4: assigning twice is harmless: ALREADY_ASSIGNED, and the first assignment stays")
    void assignTwice() {
      Org org = newOrg();
      UserId member = newMember(org);
      UserId otherAdmin = newMember(org);
      LicenseAssignment first = seatFor(org, member);
      write(tx -> tx.seats().tryAssign(first, 5));
      LicenseAssignment again = StoreFixtures.assignment(org.id(), member)
          .assignedBy(otherAdmin).assignedAt(at(60)).build();

      assertThat(claim(tx -> tx.seats().tryAssign(again, 5))).isEqualTo(SeatClaim.ALREADY_ASSIGNED);

      assertThat(list(tx -> tx.seats().ofAccount(org.id()))).containsExactly(first);
    }

    @Test
    @DisplayName("P2: with every seat taken, another member gets NO_SEAT_LEFT and nothing is stored")
    void noSeatLeft() {
      Org org = newOrg(StoreFixtures.account().proPlus(2));
      List<UserId> members = newMembers(org, 3, NOW);
      write(tx -> {
        tx.seats().tryAssign(seatFor(org, members.get(0)), 2);
        tx.seats().tryAssign(seatFor(org, members.get(1)), 2);
      });

      assertThat(claim(tx -> tx.seats().tryAssign(seatFor(org, members.get(2)), 2))).isEqualTo(SeatClaim.NO_SEAT_LEFT);

      assertThat(list(tx -> tx.seats().ofAccount(org.id()))).extracting(LicenseAssignment::userId)
          .containsExactlyInAnyOrder(members.get(0), members.get(1));
    }

    @Test
    @DisplayName("P4: a holder assigned again while every seat is taken gets ALREADY_ASSIGNED, not NO_SEAT_LEFT")
    void holderWhenFull() {
      Org org = newOrg(StoreFixtures.account().proPlus(1));
      UserId holder = newMember(org);
      write(tx -> tx.seats().tryAssign(seatFor(org, holder), 1));

      assertThat(claim(tx -> tx.seats().tryAssign(seatFor(org, holder), 1))).isEqualTo(SeatClaim.ALREADY_ASSIGNED);
    }

    @Test
    @DisplayName("P1: with zero seats nothing is assigned")
    void zeroSeats() {
      Org org = newOrg(StoreFixtures.account().pro());
      UserId member = newMember(org);

      assertThat(claim(tx -> tx.seats().tryAssign(seatFor(org, member), 0))).isEqualTo(SeatClaim.NO_SEAT_LEFT);

      assertThat(list(tx -> tx.seats().ofAccount(org.id()))).isEmpty();
    }

    @Test
    @DisplayName("P2: seats are counted per account: another account's assignments take none of them")
    void seatsPerAccount() {
      Org one = newOrg(StoreFixtures.account().proPlus(1));
      Org two = newOrg(StoreFixtures.account().proPlus(1));
      UserId inOne = newMember(one);
      UserId inTwo = newMember(two);
      write(tx -> tx.seats().tryAssign(seatFor(one, inOne), 1));

      assertThat(claim(tx -> tx.seats().tryAssign(seatFor(two, inTwo), 1))).isEqualTo(SeatClaim.ASSIGNED);

      assertThat(list(tx -> tx.seats().ofAccount(one.id()))).extracting(LicenseAssignment::userId).containsExactly(inOne);
      assertThat(list(tx -> tx.seats().ofAccount(two.id()))).extracting(LicenseAssignment::userId).containsExactly(inTwo);
    }

    @Test
    @DisplayName("P4: unassigning returns the assignment and frees its seat for someone else")
    void unassignFreesSeat() {
      Org org = newOrg(StoreFixtures.account().proPlus(1));
      UserId holder = newMember(org);
      UserId next = newMember(org);
      LicenseAssignment held = seatFor(org, holder);
      write(tx -> tx.seats().tryAssign(held, 1));

      assertThat(find(tx -> tx.seats().remove(org.id(), holder, License.PRO_PLUS))).contains(held);

      assertThat(list(tx -> tx.seats().ofAccount(org.id()))).isEmpty();
      assertThat(claim(tx -> tx.seats().tryAssign(seatFor(org, next), 1))).isEqualTo(SeatClaim.ASSIGNED);
    }

    @Test
    @DisplayName("P4: unassigning someone who holds no license returns empty and changes nothing")
    void unassignWithoutLicense() {
      Org org = newOrg();
      UserId holder = newMember(org);
      UserId without = newMember(org);
      LicenseAssignment held = seatFor(org, holder);
      write(tx -> tx.seats().tryAssign(held, 5));

      assertThat(find(tx -> tx.seats().remove(org.id(), without, License.PRO_PLUS))).isEmpty();
      assertThat(find(tx -> tx.seats().remove(AccountId.random(), holder, License.PRO_PLUS))).isEmpty();

      assertThat(list(tx -> tx.seats().ofAccount(org.id()))).containsExactly(held);
    }

    @Test
    @DisplayName("P4: an account's assignments come oldest first")
    void assignmentsOldestFirst() {
      Org org = newOrg();
      List<UserId> members = newMembers(org, 3, NOW);
      LicenseAssignment late = StoreFixtures.assignment(org.id(), members.get(0))
          .assignedBy(org.adminId()).assignedAt(at(300)).build();
      LicenseAssignment early = StoreFixtures.assignment(org.id(), members.get(1))
          .assignedBy(org.adminId()).assignedAt(at(100)).build();
      LicenseAssignment middle = StoreFixtures.assignment(org.id(), members.get(2))
          .assignedBy(org.adminId()).assignedAt(at(200)).build();

      write(tx -> List.of(late, early, middle).forEach(a -> tx.seats().tryAssign(a, 5)));

      assertThat(list(tx -> tx.seats().ofAccount(org.id()))).containsExactly(early, middle, late);
    }
  }

  // ---- idempotency

  @Nested
  @DisplayName("Idempotency records (I10)")
  class Idempotency {

    @Test
    @DisplayName("I10: a remembered result is found by account, inviter and key")
    void insertAndFind() {
      Org org = newOrg();
      IdempotencyRecord record = new IdempotencyRecord(org.id(), org.adminId(), "key-1", "sha256:abc",
          "{\"outcomes\":[{\"type\":\"invited\",\"address\":\"ann@acme.example\"}]}", at(5));

      assertThat(ask(tx -> tx.idempotency().insert(record))).isTrue();

      assertThat(find(tx -> tx.idempotency().find(org.id(), org.adminId(), "key-1"))).contains(record);
    }

    @Test
    @DisplayName("I10: a second result for the same key is not inserted, and the first stays")
    void firstResultStays() {
      Org org = newOrg();
      IdempotencyRecord first = idempotencyRecord(org.id(), org.adminId(), "key-1");
      IdempotencyRecord second = new IdempotencyRecord(org.id(), org.adminId(), "key-1", "other", "{}", at(60));
      write(tx -> tx.idempotency().insert(first));

      assertThat(ask(tx -> tx.idempotency().insert(second))).isFalse();

      assertThat(find(tx -> tx.idempotency().find(org.id(), org.adminId(), "key-1"))).contains(first);
    }

    @Test
    @DisplayName("I10: keys are scoped per inviter and per account")
    void keysAreScoped() {
      Org org = newOrg();
      Org other = newOrg();
      UserId coworker = newMember(org);
      IdempotencyRecord admins = idempotencyRecord(org.id(), org.adminId(), "same-key");
      IdempotencyRecord coworkers = idempotencyRecord(org.id(), coworker, "same-key");
      IdempotencyRecord elsewhere = idempotencyRecord(other.id(), other.adminId(), "same-key");

      List<Boolean> inserted = read(tx -> List.of(tx.idempotency().insert(admins),
          tx.idempotency().insert(coworkers), tx.idempotency().insert(elsewhere)));

      assertThat(inserted).containsExactly(true, true, true);
      assertThat(find(tx -> tx.idempotency().find(org.id(), coworker, "same-key"))).contains(coworkers);
      assertThat(find(tx -> tx.idempotency().find(other.id(), other.adminId(), "same-key"))).contains(elsewhere);
      assertThat(find(tx -> tx.idempotency().find(other.id(), org.adminId(), "same-key"))).isEmpty();
    }

    @Test
    @DisplayName("I10: an unknown key finds nothing")
    void unknownKey() {
      Org org = newOrg();
      write(tx -> tx.idempotency().insert(idempotencyRecord(org.id(), org.adminId(), "key-1")));

      assertThat(find(tx -> tx.idempotency().find(org.id(), org.adminId(), "key-2"))).isEmpty();
    }
  }

  // ---- mail outbox and counters (their tests live in OutboxContract and CounterContract)

  @Nested
  @DisplayName("Mail outbox: recorded with its change, claimed once, completed once (SPEC §5)")
  class Outbox extends OutboxContract {
    @Override
    Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Counters: rate limits shared by every node (A2)")
  class Counters extends CounterContract {
    @Override
    Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Link limits: a policy change reaches the current link at once (L1)")
  class LinkLimits extends LinkLimitsContract {
    @Override
    Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Bulk reads and counter steps: one look for many addresses, as the single-item methods answer")
  class Bulk extends BulkContract {
    @Override
    Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Guest domain lists: read back exactly as written (A2)")
  class GuestDomainLists extends GuestDomainsContract {
    @Override
    Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Founder sign-ups: unproven until confirmed by mail, blocking nobody, expiring (A3, U1)")
  class FounderSignups extends FounderSignupContract {
    @Override
    Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Outbox recipients: kept for operators when the payload is erased (SPEC §5)")
  class OutboxRecipients extends OutboxRecipientContract {
    @Override
    Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Replaced tokens: an older mail's link answers that a newer one was sent (I7)")
  class SupersededTokens extends SupersededTokenContract {
    @Override
    Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Account invariants under concurrent use cases: one admin at least, Pro+ only for members, one link "
      + "(U2, P2, L1)")
  class AccountInvariantRaces extends AccountInvariantRaceContract {
    @Override
    Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Atomic steps under heavy contention, round after round: more racers than cores (A2)")
  class Contention extends ContentionContract {
    @Override
    Store store() {
      return StoreContractKit.this.store();
    }
  }

  // ---- concurrency

  @Nested
  @DisplayName("Atomic steps under concurrent units of work (I5, L3, P2, I7, U1, U2, I10)")
  class Concurrency {

    @Test
    @DisplayName("I5: of 32 threads accepting one invitation exactly one wins")
    void acceptOnce() {
      Org org = newOrg();
      List<UserId> acceptors = newUsers(32);
      StoredInvitation pending = inserted(invitationIn(org));

      List<Boolean> wins = Race.run(32, racer -> store().inTransaction(tx ->
          tx.invitations().update(acceptedBy(pending, acceptors.get(racer), at(60)), InvitationState.PENDING)));

      assertThat(count(wins, true)).isEqualTo(1);
      assertThat(find(tx -> tx.invitations().find(pending.invitation().id()))).get()
          .extracting(i -> i.invitation().acceptedBy()).isEqualTo(acceptors.get(wins.indexOf(true)));
    }

    @Test
    @DisplayName("L3: of 100 threads redeeming a link with a use limit of 7 exactly 7 succeed")
    void linkUseLimit() {
      Org org = newOrg();
      StoredLink link = inserted(linkIn(org).useLimit(7));

      List<Boolean> uses = Race.run(100, racer -> store().inTransaction(tx -> tx.links().tryUse(link.id(), NOW)));

      assertThat(count(uses, true)).isEqualTo(7);
      assertThat(find(tx -> tx.links().find(link.id()))).get().extracting(StoredLink::uses).isEqualTo(7);
    }

    @Test
    @DisplayName("P2: of 40 members claiming 5 seats at once exactly 5 get one")
    void seatsNeverExceeded() {
      Org org = newOrg();
      List<UserId> members = newMembers(org, 40, NOW);

      List<SeatClaim> claims = Race.run(40, racer -> store().inTransaction(tx ->
          tx.seats().tryAssign(seatFor(org, members.get(racer)), 5)));

      assertThat(count(claims, SeatClaim.ASSIGNED)).isEqualTo(5);
      assertThat(count(claims, SeatClaim.NO_SEAT_LEFT)).isEqualTo(35);
      List<UserId> winners = IntStream.range(0, 40).filter(i -> claims.get(i) == SeatClaim.ASSIGNED)
          .mapToObj(members::get).toList();
      assertThat(list(tx -> tx.seats().ofAccount(org.id()))).hasSize(5)
          .extracting(LicenseAssignment::userId).containsExactlyInAnyOrderElementsOf(winners);
    }

    @Test
    @DisplayName("P4: of 16 threads assigning the same member exactly one assigns and the rest see ALREADY_ASSIGNED")
    void sameMemberAssignedOnce() {
      Org org = newOrg();
      UserId member = newMember(org);

      List<SeatClaim> claims = Race.run(16, racer -> store().inTransaction(tx ->
          tx.seats().tryAssign(seatFor(org, member), 5)));

      assertThat(count(claims, SeatClaim.ASSIGNED)).isEqualTo(1);
      assertThat(count(claims, SeatClaim.ALREADY_ASSIGNED)).isEqualTo(15);
      assertThat(list(tx -> tx.seats().ofAccount(org.id()))).hasSize(1);
    }

    @Test
    @DisplayName("I7: of 16 threads inviting the same address exactly one invitation is inserted")
    void oneOpenInvitationUnderRace() {
      Org org = newOrg();
      EmailAddress email = StoreFixtures.freshEmail();
      List<StoredInvitation> candidates = IntStream.range(0, 16)
          .mapToObj(i -> invitationIn(org).email(email).build()).toList();

      List<Boolean> inserted = Race.run(16, racer -> store().inTransaction(tx ->
          tx.invitations().insert(candidates.get(racer))));

      assertThat(count(inserted, true)).isEqualTo(1);
      StoredInvitation winner = candidates.get(inserted.indexOf(true));
      assertThat(list(tx -> StoreFixtures.plain(tx.invitations().ofAccount(org.id())))).containsExactly(winner.invitation());
      assertThat(find(tx -> tx.invitations().findOpen(org.id(), email))).contains(winner);
    }

    @Test
    @DisplayName("U1: of 16 threads signing up with the same email exactly one user is inserted")
    void oneUserPerEmailUnderRace() {
      EmailAddress email = StoreFixtures.freshEmail();
      List<StoredUser> candidates = IntStream.range(0, 16)
          .mapToObj(i -> StoreFixtures.user().email(email).build()).toList();

      List<Boolean> inserted = Race.run(16, racer -> store().inTransaction(tx -> tx.users().insert(candidates.get(racer))));

      assertThat(count(inserted, true)).isEqualTo(1);
      assertThat(find(tx -> tx.users().findByEmail(email))).contains(candidates.get(inserted.indexOf(true)));
    }

    @Test
    @DisplayName("U2: of 16 threads adding the same member exactly one membership is inserted")
    void oneMembershipUnderRace() {
      Org org = newOrg();
      UserId user = newUser();
      List<Membership> candidates = IntStream.range(0, 16)
          .mapToObj(i -> StoreFixtures.membership(org.id(), user).joinedAt(at(i)).build()).toList();

      List<Boolean> inserted = Race.run(16, racer -> store().inTransaction(tx ->
          tx.memberships().insert(candidates.get(racer))));

      assertThat(count(inserted, true)).isEqualTo(1);
      assertThat(list(tx -> tx.memberships().ofUser(user))).containsExactly(candidates.get(inserted.indexOf(true)));
    }

    @Test
    @DisplayName("I10: of 16 threads remembering a result under the same key exactly one is inserted")
    void oneIdempotencyRecordUnderRace() {
      Org org = newOrg();
      List<IdempotencyRecord> candidates = IntStream.range(0, 16).mapToObj(i -> new IdempotencyRecord(
          org.id(), org.adminId(), "same-key", "fingerprint-" + i, "{\"racer\":" + i + "}", NOW)).toList();

      List<Boolean> inserted = Race.run(16, racer -> store().inTransaction(tx ->
          tx.idempotency().insert(candidates.get(racer))));

      assertThat(count(inserted, true)).isEqualTo(1);
      assertThat(find(tx -> tx.idempotency().find(org.id(), org.adminId(), "same-key")))
          .contains(candidates.get(inserted.indexOf(true)));
    }

    @Test
    @DisplayName("I7: of 20 deliveries recorded while their invitations are re-sent, none overwrites a re-send")
    void deliveriesRaceResends() {
      Org org = newOrg();
      List<StoredInvitation> pending = IntStream.range(0, 20).mapToObj(i -> inserted(invitationIn(org))).toList();
      List<StoredInvitation> renewed = pending.stream().map(i -> resent(i, at(60))).toList();

      // Even racers re-send invitation racer/2; odd racers record a delivery against its old token.
      List<Boolean> answers = Race.run(40, racer -> store().inTransaction(tx -> {
        StoredInvitation old = pending.get(racer / 2);
        return racer % 2 == 0
            ? tx.invitations().update(renewed.get(racer / 2), InvitationState.PENDING)
            : tx.invitations().recordDelivery(old.invitation().id(), Objects.requireNonNull(old.tokenDigest()),
                DeliveryStatus.SENT, at(30));
      }));

      assertThat(IntStream.range(0, 20).mapToObj(i -> answers.get(2 * i))).as("every re-send applies")
          .containsOnly(true);
      // Whichever ran first, the re-send's token and its NOT_SENT status are what is left.
      List<StoredInvitation> stored =
          list(tx -> pending.stream().map(i -> tx.invitations().find(i.invitation().id()).orElseThrow()).toList());
      assertThat(stored).isEqualTo(renewed);
    }
  }

  // ---- the life cycle against a model

  @Nested
  @DisplayName("Invitation life cycle against a model (I5, I7, L1, S1)")
  class LifeCycle {

    @Test
    @DisplayName("I5, I7: generated sequences of invite, approve, accept, decline, revoke, expire, re-send, "
        + "delivery and look-ups answer as a plain model does after every step")
    void agreesWithModel() {
      int sequences = lifeCycleSequences();
      assertThat(sequences).as("lifeCycleSequences()").isPositive();

      qt().withFixedSeed(LIFE_CYCLE_SEED)
          .withExamples(sequences)
          .forAll(InvitationLifeCycle.sequences(30))
          .checkAssert(steps -> new InvitationLifeCycle(store()).run(steps));
    }
  }
}
