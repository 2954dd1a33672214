package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.invite.InvitationState;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.StoredInvitation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store contract's Expiry and reminder queues (I11) group. Runs as a {@code @Nested} group of {@link StoreContractKit};
 * an adapter author may also extend it alone and return the store under test from {@link #store()}
 * (a fresh, empty one per test).
 */
public abstract class InvitationQueuesContract extends ContractGroup {

  @Test
  @DisplayName("I11: invitations.openExpiringBy lists every account's open invitations with expiresAt <= at, soonest first")
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
  @DisplayName("I11: invitations.openExpiringBy returns at most limit invitations, the soonest")
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
  @DisplayName("I11: invitations.pendingUnremindedExpiringBy lists pending invitations not yet reminded, soonest first")
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
  @DisplayName("I11: invitations.pendingUnremindedExpiringBy returns at most limit invitations, the soonest")
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
