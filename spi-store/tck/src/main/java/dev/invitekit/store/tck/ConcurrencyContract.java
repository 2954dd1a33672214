package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.NOW;
import static dev.invitekit.store.tck.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.member.Membership;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.IdempotencyRecord;
import dev.invitekit.spi.store.SeatClaim;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredUser;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store contract's Atomic steps under concurrent units of work (I5, L3, P2, I7, U1, U2, I10) group. Runs as a {@code @Nested} group of {@link StoreContractKit};
 * an adapter author may also extend it alone and return the store under test from {@link #store()}
 * (a fresh, empty one per test).
 */
public abstract class ConcurrencyContract extends ContractGroup {

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
