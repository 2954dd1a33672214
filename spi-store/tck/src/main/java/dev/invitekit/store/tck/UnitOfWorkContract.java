package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.NOW;
import static dev.invitekit.store.tck.StoreFixtures.at;
import static dev.invitekit.store.tck.StoreFixtures.idempotencyRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.account.Account;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.license.License;
import dev.invitekit.link.LinkJoin;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.IdempotencyRecord;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.SeatClaim;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store contract's Units of work (SPEC §4, §5) group. Runs as a {@code @Nested} group of {@link StoreContractKit};
 * an adapter author may also extend it alone and return the store under test from {@link #store()}
 * (a fresh, empty one per test).
 */
public abstract class UnitOfWorkContract extends ContractGroup {

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
  @DisplayName("§5, I6: deliveries recorded in a unit of work that then fails are undone, the first and the later "
      + "ones of the same invitation, while one committed before stays")
  void failedWorkUndoesRecordedDeliveries() {
    Org org = newOrg();
    StoredInvitation invitation = invitationIn(org).build();
    InvitationId id = invitation.invitation().id();
    TokenDigest digest = Objects.requireNonNull(invitation.tokenDigest());
    write(tx -> tx.invitations().insert(invitation));
    write(tx -> tx.invitations().recordDelivery(id, digest, DeliveryStatus.SENT, at(5)));
    Optional<StoredInvitation> before = find(tx -> tx.invitations().find(id));
    RuntimeException failure = new IllegalStateException("fails after recording");

    assertThatThrownBy(() -> write(tx -> {
      tx.invitations().recordDelivery(id, digest, DeliveryStatus.FAILED_PERMANENT, at(6));
      tx.invitations().recordDelivery(id, digest, DeliveryStatus.SENT, at(7));
      throw failure;
    })).isSameAs(failure);

    assertThat(find(tx -> tx.invitations().find(id))).isEqualTo(before);
    assertThat(before.orElseThrow().invitation().delivery()).isEqualTo(DeliveryStatus.SENT);
    assertThat(before.orElseThrow().invitation().updatedAt()).isEqualTo(at(5));
    assertThat(find(tx -> tx.invitations().findByToken(digest))).isEqualTo(before);
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
