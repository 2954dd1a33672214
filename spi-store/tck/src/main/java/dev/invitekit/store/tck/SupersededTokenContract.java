package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.at;
import static dev.invitekit.store.tck.StoreFixtures.digestOf;
import static dev.invitekit.store.tck.StoreFixtures.freshDigest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.account.Account;
import dev.invitekit.id.UserId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.TokenDigest;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Replaced tokens (I7): when a re-send or a reminder gives an invitation a new token, the store remembers
 * the digest of the one it replaced, so an older mail's link is told "a newer mail was sent" instead of
 * "unknown", and never becomes usable again. Run as a {@code @Nested} group of {@link StoreContractKit}.
 */
public abstract class SupersededTokenContract extends ContractGroup {

  private StoredInvitation inserted() {
    Account account = StoreFixtures.account().build();
    StoredInvitation invitation = StoreFixtures.invitation(account.id()).build();
    tx(t -> {
      t.accounts().insert(account);
      t.invitations().insert(invitation);
      return null;
    });
    return invitation;
  }

  /** Gives the invitation a fresh token and remembers the old one, as a re-send does; returns it as stored now. */
  private StoredInvitation reissued(StoredInvitation current) {
    StoredInvitation next = new StoredInvitation(current.invitation().renewed(at(3600), at(60)), freshDigest());
    assertThat(flag(t -> {
      boolean updated = t.invitations().update(next, InvitationState.PENDING);
      t.invitations().supersedeToken(current.invitation().id(), digestOf(current));
      return updated;
    })).isTrue();
    return next;
  }

  private Optional<StoredInvitation> byToken(TokenDigest digest) {
    return tx(t -> t.invitations().findByToken(digest));
  }

  private Optional<StoredInvitation> bySuperseded(TokenDigest digest) {
    return tx(t -> t.invitations().findBySupersededToken(digest));
  }

  @Test
  @DisplayName("I7: a replaced token finds its invitation as it is now, with the newest digest; the current lookup does not")
  void replacedTokenFindsItsInvitation_I7_issue9_6() {
    StoredInvitation first = inserted();
    StoredInvitation second = reissued(first);
    StoredInvitation third = reissued(second);

    assertThat(bySuperseded(digestOf(first))).contains(third);
    assertThat(bySuperseded(digestOf(second))).contains(third);
    assertThat(byToken(digestOf(first))).isEmpty();
    assertThat(byToken(digestOf(third))).contains(third);
  }

  @Test
  @DisplayName("I7: the current token and an unknown digest are not found as replaced tokens")
  void onlyReplacedTokensAreFound_I7_issue9_6() {
    StoredInvitation current = reissued(inserted());

    assertThat(bySuperseded(digestOf(current))).isEmpty();
    assertThat(bySuperseded(freshDigest())).isEmpty();
  }

  @Test
  @DisplayName("I7: a replaced token still finds its invitation after it was accepted, so it can answer with that state")
  void replacedTokenFollowsTheInvitationsState_I7_issue9_6() {
    StoredInvitation first = inserted();
    StoredInvitation second = reissued(first);
    StoredInvitation accepted = new StoredInvitation(second.invitation().withState(InvitationState.ACCEPTED, at(120)),
        digestOf(second));
    assertThat(flag(t -> t.invitations().update(accepted, InvitationState.PENDING))).isTrue();

    assertThat(bySuperseded(digestOf(first))).contains(accepted);
  }

  @Test
  @DisplayName("I7: remembering a replaced token twice changes nothing")
  void rememberingTwiceChangesNothing_I7_issue9_6() {
    StoredInvitation first = inserted();
    StoredInvitation second = reissued(first);

    tx(t -> {
      t.invitations().supersedeToken(first.invitation().id(), digestOf(first));
      return null;
    });

    assertThat(bySuperseded(digestOf(first))).contains(second);
  }

  @Test
  @DisplayName("I7: a replaced token remembered by a unit of work that then fails is not remembered")
  void rolledBackWithItsUnitOfWork_I7_issue9_6() {
    StoredInvitation first = inserted();
    RuntimeException failure = new IllegalStateException("fails after writing");

    assertThatThrownBy(() -> tx(t -> {
      t.invitations().supersedeToken(first.invitation().id(), digestOf(first));
      throw failure;
    })).isSameAs(failure);

    assertThat(bySuperseded(digestOf(first))).isEmpty();
  }

  /** A mail of {@code stored}, carrying its current token's digest, recorded in a unit of work of its own. */
  private OutboxEntry mailed(StoredInvitation stored) {
    OutboxEntry mail = OutboxEntry.pending(UUID.randomUUID() + "@app.example.com", stored.invitation().accountId(),
        stored.invitation().id(), digestOf(stored), "sealed", at(0));
    tx(t -> {
      t.outbox().insert(mail);
      return null;
    });
    return mail;
  }

  private Optional<OutboxEntry> mail(String id) {
    return tx(t -> t.outbox().find(id));
  }

  @Test
  @DisplayName("I7, §5: each mail keeps the digest it was written with, through re-sends, completion, acceptance and"
      + " a rolled-back re-send")
  void everyMailKeepsItsOwnDigest_I7() {
    StoredInvitation first = inserted();
    OutboxEntry firstMail = mailed(first);
    StoredInvitation second = reissued(first);
    OutboxEntry secondMail = mailed(second);
    assertThat(flag(t -> t.outbox().complete(firstMail.id(), OutboxEntry.Status.SENT, 1, null))).isTrue();
    // a re-send that fails after its writes: neither mail changes
    IllegalStateException failure = new IllegalStateException("crash between two writes");
    assertThatThrownBy(() -> tx(t -> {
      t.invitations().update(new StoredInvitation(second.invitation().renewed(at(7200), at(120)), freshDigest()),
          InvitationState.PENDING);
      t.invitations().supersedeToken(second.invitation().id(), digestOf(second));
      t.outbox().insert(OutboxEntry.pending(UUID.randomUUID() + "@app.example.com",
          second.invitation().accountId(), second.invitation().id(), freshDigest(), "sealed", at(120)));
      throw failure;
    })).isSameAs(failure);
    StoredInvitation accepted = new StoredInvitation(second.invitation().accepted(UserId.random(), at(300)),
        digestOf(second));
    assertThat(flag(t -> t.invitations().update(accepted, InvitationState.PENDING))).isTrue();

    assertThat(mail(firstMail.id())).map(OutboxEntry::tokenDigest).contains(digestOf(first));
    assertThat(mail(firstMail.id())).map(OutboxEntry::invitationId).contains(first.invitation().id());
    assertThat(mail(secondMail.id())).contains(secondMail);
    assertThat(byToken(digestOf(second))).contains(accepted);
  }
}
