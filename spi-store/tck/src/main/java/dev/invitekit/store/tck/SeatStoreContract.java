package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.NOW;
import static dev.invitekit.store.tck.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.id.AccountId;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.SeatClaim;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store contract's Pro+ seats (P1–P4) group. Runs as a {@code @Nested} group of {@link StoreContractKit};
 * an adapter author may also extend it alone and return the store under test from {@link #store()}
 * (a fresh, empty one per test).
 */
public abstract class SeatStoreContract extends ContractGroup {

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
