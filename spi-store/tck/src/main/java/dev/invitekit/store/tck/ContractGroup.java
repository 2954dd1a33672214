package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.NOW;
import static dev.invitekit.store.tck.StoreFixtures.at;
import static dev.invitekit.store.tck.StoreFixtures.freshDigest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.invite.Invitation;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.SeatClaim;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;


/**
 * What a group of the store contract that lives in its own file needs: the store under test, from the
 * enclosing {@link StoreContractKit}, and units of work whose results have a declared type.
 */
public abstract class ContractGroup {

  /** Subclasses only. */
  protected ContractGroup() {}

  /**
   * The store under test: from the enclosing {@link StoreContractKit} when the group runs nested in it;
   * a fresh, empty store per test when an adapter runs the group alone.
   */
  protected abstract Store store();

  /** Runs {@code work} as one unit of work of the store under test. */
  final <T> T tx(Function<StoreTransaction, T> work) {
    return store().inTransaction(work);
  }

  // Typed, so AssertJ's overloaded assertThat is not ambiguous over a lambda's result.
  final boolean flag(Function<StoreTransaction, Boolean> work) {
    return tx(work);
  }

  final int number(Function<StoreTransaction, Integer> work) {
    return tx(work);
  }

  // ---- helpers

  <T> T read(Function<StoreTransaction, T> work) {
    return store().inTransaction(work);
  }

  // Typed reads, so an assertion on the answer picks the right AssertJ overload.

  <T> Optional<T> find(Function<StoreTransaction, Optional<T>> query) {
    return store().inTransaction(query);
  }

  <T> List<T> list(Function<StoreTransaction, List<T>> query) {
    return store().inTransaction(query);
  }

  boolean ask(Predicate<StoreTransaction> step) {
    return store().inTransaction(step::test);
  }

  SeatClaim claim(Function<StoreTransaction, SeatClaim> step) {
    return store().inTransaction(step);
  }

  void write(Consumer<StoreTransaction> work) {
    store().inTransaction(tx -> {
      work.accept(tx);
      return Boolean.TRUE;
    });
  }

  /**
   * Runs work the contract leaves a provider free to refuse (by throwing, which rolls it back) or to
   * ignore; either way the caller then checks that nothing was written.
   */
  void attempt(Consumer<StoreTransaction> work) {
    try {
      write(work);
    } catch (RuntimeException refused) {
      // Refusing is allowed; writing is not, and the caller checks that.
    }
  }

  /** An account with its founding admin, both stored: the parent records stores with foreign keys need. */
  record Org(Account account, StoredUser admin) {
    AccountId id() {
      return account.id();
    }

    UserId adminId() {
      return admin.user().id();
    }
  }

  Org newOrg() {
    return newOrg(StoreFixtures.account());
  }

  Org newOrg(StoreFixtures.AccountBuilder builder) {
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

  UserId newUser() {
    StoredUser user = StoreFixtures.user().build();
    write(tx -> tx.users().insert(user));
    return user.user().id();
  }

  List<UserId> newUsers(int count) {
    List<StoredUser> users = IntStream.range(0, count).mapToObj(i -> StoreFixtures.user().build()).toList();
    write(tx -> users.forEach(tx.users()::insert));
    return users.stream().map(u -> u.user().id()).toList();
  }

  UserId newMember(Org org) {
    return newMember(org, NOW);
  }

  UserId newMember(Org org, Instant joinedAt) {
    return newMembers(org, 1, joinedAt).get(0);
  }

  List<UserId> newMembers(Org org, int count, Instant joinedAt) {
    List<UserId> ids = newUsers(count);
    write(tx -> ids.forEach(id -> tx.memberships().insert(
        StoreFixtures.membership(org.id(), id).invitedBy(org.adminId()).joinedAt(joinedAt).build())));
    return ids;
  }

  static StoreFixtures.InvitationBuilder invitationIn(Org org) {
    return StoreFixtures.invitation(org.id()).invitedBy(org.adminId());
  }

  static StoreFixtures.LinkBuilder linkIn(Org org) {
    return StoreFixtures.link(org.id()).createdBy(org.adminId());
  }

  static LicenseAssignment seatFor(Org org, UserId member) {
    return StoreFixtures.assignment(org.id(), member).assignedBy(org.adminId()).build();
  }

  StoredInvitation inserted(StoreFixtures.InvitationBuilder builder) {
    StoredInvitation invitation = builder.build();
    assertThat(ask(tx -> tx.invitations().insert(invitation))).as("inserting the fixture invitation").isTrue();
    return invitation;
  }

  StoredLink inserted(StoreFixtures.LinkBuilder builder) {
    StoredLink link = builder.build();
    write(tx -> tx.links().insert(link));
    return link;
  }

  static StoredInvitation withState(StoredInvitation invitation, InvitationState state, Instant at) {
    return new StoredInvitation(invitation.invitation().withState(state, at), invitation.tokenDigest());
  }

  static StoredInvitation acceptedBy(StoredInvitation invitation, UserId user, Instant at) {
    return new StoredInvitation(invitation.invitation().accepted(user, at), invitation.tokenDigest());
  }

  static StoredInvitation resent(StoredInvitation invitation, Instant at) {
    return new StoredInvitation(invitation.invitation().renewed(at.plus(Duration.ofDays(7)), at), freshDigest());
  }

  static List<InvitationId> ids(List<Invitation> invitations) {
    return invitations.stream().map(Invitation::id).toList();
  }

  static <T> long count(List<T> outcomes, T outcome) {
    return outcomes.stream().filter(outcome::equals).count();
  }

}
