package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.invitekit.id.LinkId;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.DirectoryEntry;
import dev.invitekit.spi.store.StoredMember;
import dev.invitekit.spi.store.StoredUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.invitekit.id.AccountId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store contract's Memberships (U2, U6) group. Runs as a {@code @Nested} group of {@link StoreContractKit};
 * an adapter author may also extend it alone and return the store under test from {@link #store()}
 * (a fresh, empty one per test).
 */
public abstract class MembershipStoreContract extends ContractGroup {

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
  @DisplayName("U6, I7: findAll answers the memberships in the account of the users asked who are members, by user, "
      + "without non-members, other accounts' memberships or users not asked; none for none asked")
  void findAllAnswersTheMembersAskedFor() {
    Org org = newOrg();
    Org other = newOrg();
    UserId member = newMember(org, at(100));
    UserId notAsked = newMember(org, at(200));
    UserId elsewhere = newMember(other, at(150));
    UserId nobody = newUser();
    Membership membership = read(tx -> tx.memberships().find(org.id(), member)).orElseThrow();
    Membership admin = read(tx -> tx.memberships().find(org.id(), org.adminId())).orElseThrow();

    assertThat(this.<Map<UserId, Membership>>read(tx -> tx.memberships().findAll(org.id(), List.of(member, elsewhere, nobody, org.adminId()))))
        .containsOnly(entry(member, membership), entry(org.adminId(), admin)).doesNotContainKey(notAsked);
    assertThat(this.<Map<UserId, Membership>>read(tx -> tx.memberships().findAll(org.id(), List.of()))).isEmpty();
    assertThat(this.<Map<UserId, Membership>>read(tx -> tx.memberships().findAll(other.id(), List.of(member, member, elsewhere))))
        .containsOnlyKeys(elsewhere);
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
  @DisplayName("U2, C1: membersWithUsers answers ofAccount's memberships, in any order, each with the user find answers")
  void membersWithUsersJoinsEachMembershipWithItsUser() {
    Org org = newOrg();
    Org other = newOrg();
    UserId late = newMember(org, at(300));
    UserId early = newMember(org, at(100));
    newMember(other, at(150));
    UserId guest = newUser();
    write(tx -> tx.memberships().insert(StoreFixtures.membership(org.id(), guest).role(Role.GUEST).mayInvite(false)
        .invitedBy(early).joinedAt(at(200)).build()));

    List<StoredMember> members = list(tx -> tx.membersWithUsers(org.id()));

    assertThat(members).extracting(StoredMember::membership)
        .containsExactlyInAnyOrderElementsOf(list(tx -> tx.memberships().ofAccount(org.id())));
    assertThat(members).extracting(m -> m.membership().userId())
        .containsExactlyInAnyOrder(org.adminId(), early, guest, late);
    for (StoredMember member : members) {
      assertThat(member.user()).isEqualTo(read(tx -> tx.users().find(member.membership().userId())).orElseThrow().user());
    }
    assertThat(list(tx -> tx.membersWithUsers(new AccountId(UUID.randomUUID())))).isEmpty();
  }

  @Test
  @DisplayName("C1, C2: directoryOf answers each member of the account once, in any order, with the name, address, "
      + "role and inviter their user and membership hold")
  void directoryOfListsEachMemberWithWhatTheDirectoryShows() {
    Org org = newOrg();
    Org other = newOrg();
    UserId coworker = newMember(org, at(100));
    StoredUser guest = StoreFixtures.user().name("Gil", "de la Guest").build();
    StoredUser namesake = StoreFixtures.user().name("Gil", "de la Guest").build();
    StoredUser selfInvited = StoreFixtures.user().name("Sam", "Self").build();
    newMember(other, at(150));
    write(tx -> {
      tx.users().insert(guest);
      tx.users().insert(namesake);
      tx.users().insert(selfInvited);
      tx.memberships().insert(StoreFixtures.membership(org.id(), guest.user().id()).role(Role.GUEST).mayInvite(false)
          .invitedBy(coworker).joinedAt(at(200)).build());
      tx.memberships().insert(StoreFixtures.membership(org.id(), namesake.user().id()).role(Role.COWORKER)
          .invitedBy(guest.user().id()).joinedAt(at(300)).build());
      tx.memberships().insert(StoreFixtures.membership(org.id(), selfInvited.user().id()).role(Role.GUEST)
          .invitedBy(selfInvited.user().id()).joinedAt(at(400)).build());
      // the founder's membership has no inviter
      tx.memberships().insert(StoreFixtures.membership(org.id(), other.adminId()).role(Role.ADMIN).joinedAt(at(500))
          .build());
    });
    User coworkerUser = read(tx -> tx.users().find(coworker)).orElseThrow().user();

    List<DirectoryEntry> directory = list(tx -> tx.directoryOf(org.id()));

    assertThat(directory).containsExactlyInAnyOrder(
        new DirectoryEntry(org.adminId(), "Ada Admin", org.admin().user().email(), Role.ADMIN, null),
        new DirectoryEntry(coworker, coworkerUser.displayName(), coworkerUser.email(), Role.COWORKER, org.adminId()),
        new DirectoryEntry(guest.user().id(), "Gil de la Guest", guest.user().email(), Role.GUEST, coworker),
        new DirectoryEntry(namesake.user().id(), "Gil de la Guest", namesake.user().email(), Role.COWORKER,
            guest.user().id()),
        new DirectoryEntry(selfInvited.user().id(), "Sam Self", selfInvited.user().email(), Role.GUEST,
            selfInvited.user().id()),
        new DirectoryEntry(other.adminId(), "Ada Admin", other.admin().user().email(), Role.ADMIN, null));
    assertThat(directory).containsExactlyInAnyOrderElementsOf(
        list(tx -> tx.membersWithUsers(org.id())).stream().map(DirectoryEntry::of).toList());
    assertThat(list(tx -> tx.directoryOf(new AccountId(UUID.randomUUID())))).isEmpty();
  }

  @Test
  @DisplayName("C3: directoryOf sees a role change, a membership deleted and one added in the same unit of work")
  void directoryOfReadsItsOwnUnitOfWork() {
    Org org = newOrg();
    UserId stays = newMember(org, at(100));
    UserId leaves = newMember(org, at(200));
    UserId joins = newUser();

    List<DirectoryEntry> directory = list(tx -> {
      Membership staying = tx.memberships().find(org.id(), stays).orElseThrow();
      tx.memberships().update(staying.withRole(Role.GUEST));
      tx.memberships().delete(org.id(), leaves);
      tx.memberships().insert(StoreFixtures.membership(org.id(), joins).invitedBy(stays).joinedAt(at(300)).build());
      return tx.directoryOf(org.id());
    });

    assertThat(directory).extracting(DirectoryEntry::userId, DirectoryEntry::role, DirectoryEntry::invitedBy)
        .containsExactlyInAnyOrder(tuple(org.adminId(), Role.ADMIN, null), tuple(stays, Role.GUEST, org.adminId()),
            tuple(joins, Role.COWORKER, stays));
  }

  @Test
  @DisplayName("U2: a user may belong to several accounts, and memberships.ofUser lists them oldest first")
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
  @DisplayName("U6: memberships.update replaces the role and the invite permission of that membership only")
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
  @DisplayName("U2: memberships.delete removes the membership and says whether one existed")
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
