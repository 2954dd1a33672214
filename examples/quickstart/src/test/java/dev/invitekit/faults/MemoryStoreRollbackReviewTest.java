package dev.invitekit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.store.OutboxCompletion;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.TokenDigest;
import dev.invitekit.store.memory.InMemoryStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Change 4 of round 3: the in-memory store writes in place; a failed unit of work must leave nothing. */
class MemoryStoreRollbackReviewTest {

  static final class Boom extends RuntimeException {
    Boom() {
      super("boom");
    }
  }

  private static ReviewKit pendingKit(InMemoryStore store) {
    RecordingMailbox box = new RecordingMailbox();
    ReviewKit k = new ReviewKit("Acme", "Ada", b -> b, store, box, true);
    box.failAlways(DeliveryResult.Failed.transientFailure("down"));
    k.invite("bob@acme.com, carl@acme.com");
    return k;
  }

  private static List<OutboxEntry> pending(InMemoryStore store) {
    return store.inTransaction(tx -> tx.outbox().inStatus(OutboxEntry.Status.PENDING, 100));
  }

  @Test
  void completeInPlaceIsUndoneWhenTheUnitOfWorkFails() {
    InMemoryStore store = new InMemoryStore();
    try (ReviewKit k = pendingKit(store)) {
      List<OutboxEntry> before = pending(store);
      assertThat(before).hasSizeGreaterThanOrEqualTo(2);
      OutboxEntry e = before.get(0);
      assertThatThrownBy(() -> store.inTransaction(tx -> {
        assertThat(tx.outbox().complete(e.id(), OutboxEntry.Status.SENT, 5, null)).isTrue();
        throw new Boom();
      })).isInstanceOf(Boom.class);
      OutboxEntry after = store.inTransaction(tx -> tx.outbox().find(e.id())).orElseThrow();
      assertThat(after.status()).isEqualTo(OutboxEntry.Status.PENDING);
      assertThat(after.payload()).isEqualTo(e.payload());
      assertThat(after.attempts()).isEqualTo(e.attempts());
    }
  }

  @Test
  void completeAllInPlaceIsUndoneWhenTheUnitOfWorkFails() {
    InMemoryStore store = new InMemoryStore();
    try (ReviewKit k = pendingKit(store)) {
      List<OutboxEntry> before = pending(store);
      assertThatThrownBy(() -> store.inTransaction(tx -> {
        tx.outbox().completeAll(before.stream()
            .map(e -> new OutboxCompletion(e.id(), OutboxEntry.Status.GAVE_UP, 9, "x")).toList());
        throw new Boom();
      })).isInstanceOf(Boom.class);
      assertThat(pending(store)).containsExactlyInAnyOrderElementsOf(before);
      assertThat(store.<List<OutboxEntry>>inTransaction(tx -> tx.outbox().inStatus(OutboxEntry.Status.GAVE_UP, 100))).isEmpty();
    }
  }

  @Test
  void rescheduleIsUndoneWhenTheUnitOfWorkFails() {
    InMemoryStore store = new InMemoryStore();
    try (ReviewKit k = pendingKit(store)) {
      List<OutboxEntry> before = pending(store);
      OutboxEntry e = before.get(0);
      assertThatThrownBy(() -> store.inTransaction(tx -> {
        tx.outbox().reschedule(e.id(), 7, Instant.parse("2030-01-01T00:00:00Z"), "later");
        throw new Boom();
      })).isInstanceOf(Boom.class);
      assertThat(store.inTransaction(tx -> tx.outbox().find(e.id())).orElseThrow()).isEqualTo(e);
    }
  }

  @Test
  void recordDeliveryInPlaceIsUndoneWhenTheUnitOfWorkFails() {
    InMemoryStore store = new InMemoryStore();
    try (ReviewKit k = pendingKit(store)) {
      List<StoredInvitation> before = store.inTransaction(tx -> tx.invitations().ofAccount(k.acc));
      StoredInvitation s = before.stream().filter(i -> i.invitation().email().toString().startsWith("bob")).findFirst()
          .orElseThrow();
      assertThatThrownBy(() -> store.inTransaction(tx -> {
        assertThat(tx.invitations().recordDelivery(s.invitation().id(), s.tokenDigest(), DeliveryStatus.SENT,
            ReviewKit.NOW.plusSeconds(5))).isTrue();
        throw new Boom();
      })).isInstanceOf(Boom.class);
      StoredInvitation after = store.inTransaction(tx -> tx.invitations().find(s.invitation().id())).orElseThrow();
      assertThat(after).isEqualTo(s);
      assertThat(store.<List<StoredInvitation>>inTransaction(tx -> tx.invitations().ofAccount(k.acc))).containsExactlyInAnyOrderElementsOf(before);
    }
  }

  @Test
  void updateAndSupersedeAreUndoneWhenTheUnitOfWorkFails() {
    InMemoryStore store = new InMemoryStore();
    try (ReviewKit k = pendingKit(store)) {
      List<StoredInvitation> before = store.inTransaction(tx -> tx.invitations().ofAccount(k.acc));
      StoredInvitation s = before.get(0);
      TokenDigest fresh = new TokenDigest("ab".repeat(32));
      assertThatThrownBy(() -> store.inTransaction(tx -> {
        Invitation revoked = s.invitation().withState(InvitationState.REVOKED, ReviewKit.NOW.plusSeconds(1));
        assertThat(tx.invitations().update(new StoredInvitation(revoked, s.tokenDigest()), InvitationState.PENDING)).isTrue();
        tx.invitations().supersedeToken(s.invitation().id(), fresh);
        throw new Boom();
      })).isInstanceOf(Boom.class);
      assertThat(store.<java.util.Optional<StoredInvitation>>inTransaction(tx -> tx.invitations().find(s.invitation().id()))).contains(s);
      assertThat(store.<java.util.Optional<StoredInvitation>>inTransaction(tx -> tx.invitations().findByToken(s.tokenDigest()))).contains(s);
      assertThat(store.<java.util.Optional<StoredInvitation>>inTransaction(tx -> tx.invitations().findByToken(fresh))).isEmpty();
      assertThat(store.<java.util.Optional<StoredInvitation>>inTransaction(tx -> tx.invitations().findBySupersededToken(s.tokenDigest()))).isEmpty();
      assertThat(store.<java.util.Optional<StoredInvitation>>inTransaction(tx -> tx.invitations().findOpen(k.acc, s.invitation().email()))).contains(s);
    }
  }

  @Test
  void completedInPlaceThenReadInTheSameUnitOfWork() {
    InMemoryStore store = new InMemoryStore();
    try (ReviewKit k = pendingKit(store)) {
      OutboxEntry e = pending(store).get(0);
      store.inTransaction(tx -> {
        assertThat(tx.outbox().complete(e.id(), OutboxEntry.Status.SENT, 2, null)).isTrue();
        OutboxEntry seen = tx.outbox().find(e.id()).orElseThrow();
        assertThat(seen.status()).isEqualTo(OutboxEntry.Status.SENT);
        assertThat(seen.payload()).isEmpty();
        assertThat(tx.outbox().inStatus(OutboxEntry.Status.PENDING, 100)).extracting(OutboxEntry::id).doesNotContain(e.id());
        assertThat(tx.outbox().complete(e.id(), OutboxEntry.Status.GAVE_UP, 3, "x")).isFalse();
        return null;
      });
      OutboxEntry after = store.inTransaction(tx -> tx.outbox().find(e.id())).orElseThrow();
      assertThat(after.status()).isEqualTo(OutboxEntry.Status.SENT);
      assertThat(after.attempts()).isEqualTo(2);
      assertThat(after.payload()).isEmpty();
      assertThat(after.recipient()).isEqualTo(e.recipient());
      assertThat(after.tokenDigest()).isEqualTo(e.tokenDigest());
      assertThat(store.<List<OutboxEntry>>inTransaction(tx -> tx.outbox().ofAccount(k.acc, OutboxEntry.Status.SENT, 100)))
          .extracting(OutboxEntry::id).contains(e.id());
    }
  }

  @Test
  void duplicateOutboxIdIsRefusedAndChangesNothing() {
    InMemoryStore store = new InMemoryStore();
    try (ReviewKit k = pendingKit(store)) {
      OutboxEntry e = pending(store).get(0);
      OutboxEntry dup = new OutboxEntry(e.id(), e.accountId(), e.invitationId(), e.tokenDigest(), "v1.AAAA",
          OutboxEntry.Status.PENDING, 0, e.createdAt(), e.nextAttemptAt(), null, null, e.recipient());
      try {
        store.inTransaction(tx -> {
          tx.outbox().insert(dup);
          return null;
        });
      } catch (RuntimeException expected) {
        // refused: fine
      }
      assertThat(store.inTransaction(tx -> tx.outbox().find(e.id())).orElseThrow()).isEqualTo(e);
      assertThat(pending(store).stream().filter(x -> x.id().equals(e.id())).count()).isEqualTo(1);
    }
  }
}
