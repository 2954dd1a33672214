package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.at;
import static dev.invitekit.store.tck.StoreFixtures.freshDigest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.Invitation;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.member.Role;
import dev.invitekit.spi.store.InvitationStore.InsertOutcome;
import dev.invitekit.spi.store.StoredInvitation;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store contract's Invitations (I5, I7, L1) group. Runs as a {@code @Nested} group of {@link StoreContractKit};
 * an adapter author may also extend it alone and return the store under test from {@link #store()}
 * (a fresh, empty one per test).
 */
public abstract class InvitationStoreContract extends ContractGroup {

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

  @Test
  @DisplayName("I7: insertAll answers per invitation, in order: INSERTED, or OPEN_ONE_EXISTS for an address already "
      + "open, also when the list names it twice")
  void insertAllAnswersPerInvitation() {
    Org org = newOrg();
    StoredInvitation open = inserted(invitationIn(org));
    StoredInvitation again = invitationIn(org).email(open.invitation().email()).build();
    StoredInvitation fresh = invitationIn(org).build();
    StoredInvitation twice = invitationIn(org).email(fresh.invitation().email()).build();
    StoredInvitation other = invitationIn(org).build();

    List<InsertOutcome> outcomes = tx(tx -> tx.invitations().insertAll(List.of(again, fresh, twice, other)));

    assertThat(outcomes).containsExactly(InsertOutcome.OPEN_ONE_EXISTS, InsertOutcome.INSERTED,
        InsertOutcome.OPEN_ONE_EXISTS, InsertOutcome.INSERTED);
    assertThat(list(tx -> StoreFixtures.plain(tx.invitations().ofAccount(org.id()))))
        .containsExactlyInAnyOrder(open.invitation(), fresh.invitation(), other.invitation());
    assertThat(find(tx -> tx.invitations().findByToken(Objects.requireNonNull(fresh.tokenDigest())))).contains(fresh);
    List<InsertOutcome> none = tx(tx -> tx.invitations().insertAll(List.of()));
    assertThat(none).isEmpty();
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
