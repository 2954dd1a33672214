package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.at;
import static dev.invitekit.store.tck.StoreFixtures.freshDigest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.id.LinkId;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.StoredInvitation;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store contract's Conditional updates and deliveries (I5, I7, L1, S1) group. Runs as a {@code @Nested} group of {@link StoreContractKit};
 * an adapter author may also extend it alone and return the store under test from {@link #store()}
 * (a fresh, empty one per test).
 */
public abstract class InvitationUpdatesContract extends ContractGroup {

  @Test
  @DisplayName("I5: invitations.update replaces the whole invitation when its state is the expected one")
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
  @DisplayName("I5: invitations.update expecting another state than the current one returns false and changes nothing")
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
  @DisplayName("I5: invitations.update of an invitation never inserted returns false and inserts nothing")
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
  @DisplayName("I7: invitations.recordDelivery with the current token's digest records the status and its time")
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
  @DisplayName("I7: invitations.recordDelivery with a superseded digest returns false and changes nothing: the re-send won")
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
  @DisplayName("I7: invitations.recordDelivery for an unknown invitation returns false")
  void recordDeliveryForUnknown() {
    Org org = newOrg();
    StoredInvitation pending = inserted(invitationIn(org));

    assertThat(ask(tx -> tx.invitations().recordDelivery(InvitationId.random(), Objects.requireNonNull(pending.tokenDigest()),
        DeliveryStatus.SENT, at(90)))).isFalse();

    assertThat(find(tx -> tx.invitations().find(pending.invitation().id()))).contains(pending);
  }

  @Test
  @DisplayName("L1: invitations.recordDelivery for an invitation still awaiting approval, which has no token, returns false")
  void recordDeliveryWithoutToken() {
    Org org = newOrg();
    StoredInvitation awaiting = inserted(invitationIn(org).state(InvitationState.AWAITING_APPROVAL));

    assertThat(ask(tx -> tx.invitations().recordDelivery(awaiting.invitation().id(), freshDigest(), DeliveryStatus.SENT,
        at(90)))).isFalse();

    assertThat(find(tx -> tx.invitations().find(awaiting.invitation().id()))).contains(awaiting);
  }
}
