package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.NOW;
import static dev.invitekit.store.tck.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.spi.store.OutboxEntry.Status;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.StoreTransaction;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The mail outbox part of the store contract (SPEC §5): entries recorded with the change they report,
 * claimed by one dispatcher at a time, rescheduled or completed, their payload erased once final. Run as a
 * {@code @Nested} group of {@link StoreContractKit}.
 */
public abstract class OutboxContract extends ContractGroup {

  private List<OutboxEntry> entries(Function<StoreTransaction, List<OutboxEntry>> work) {
    return tx(work);
  }

  private static OutboxEntry entry() {
    return OutboxEntry.pending(UUID.randomUUID() + "@app.example.com", null, null, null, "{\"secret\":\"link\"}", NOW);
  }

  private OutboxEntry inserted(OutboxEntry e) {
    tx(t -> {
      t.outbox().insert(e);
      return null;
    });
    return e;
  }

  private Optional<OutboxEntry> find(String id) {
    return tx(t -> t.outbox().find(id));
  }

  @Test
  @DisplayName("§5: an inserted entry is found as it was; an unknown id is not")
  void insertAndFind() {
    OutboxEntry e = inserted(entry());
    assertThat(find(e.id())).contains(e);
    assertThat(find("nobody@app.example.com")).isEmpty();
  }

  @Test
  @DisplayName("§5: insertAll records every entry as insert does; an empty list records nothing")
  void insertAllRecordsEveryEntry() {
    List<OutboxEntry> entries = List.of(entry(), entry(), entry());

    tx(t -> {
      t.outbox().insertAll(entries);
      t.outbox().insertAll(List.of());
      return null;
    });

    for (OutboxEntry e : entries) {
      assertThat(find(e.id())).contains(e);
    }
    assertThat(entries(t -> t.outbox().inStatus(Status.PENDING, 10))).containsExactlyInAnyOrderElementsOf(entries);
  }

  @Test
  @DisplayName("§5: an entry inserted by a unit of work that then fails is not there (recorded with its change or not at all)")
  void rolledBackWithItsUnitOfWork() {
    OutboxEntry e = entry();
    assertThatThrownBy(() -> tx(t -> {
      t.outbox().insert(e);
      throw new IllegalStateException("crash between two writes");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(find(e.id())).isEmpty();
  }

  @Test
  @DisplayName("§5: claiming takes due pending entries, earliest first, up to the limit, and sets the lease")
  void claimTakesDueEntries() {
    OutboxEntry later = inserted(new OutboxEntry("later@x", null, null, null, "p", Status.PENDING, 0, NOW, at(10), null, null));
    OutboxEntry first = inserted(new OutboxEntry("first@x", null, null, null, "p", Status.PENDING, 0, NOW, at(-20), null, null));
    OutboxEntry second = inserted(new OutboxEntry("second@x", null, null, null, "p", Status.PENDING, 0, NOW, at(-10), null, null));

    List<OutboxEntry> claimed = entries(t -> t.outbox().claim(NOW, at(60), 10));

    assertThat(claimed).extracting(OutboxEntry::id).containsExactly(first.id(), second.id());
    assertThat(claimed).allSatisfy(c -> assertThat(c.claimedUntil()).isEqualTo(at(60)));
    assertThat(find(first.id()).orElseThrow().claimedUntil()).isEqualTo(at(60));
    assertThat(find(later.id()).orElseThrow().claimedUntil()).isNull();
    assertThat(entries(t -> t.outbox().claim(NOW, at(60), 1))).isEmpty();
  }

  @Test
  @DisplayName("§5: a claimed entry is not claimed again while its lease holds, and is once it has run out")
  void leaseHolds() {
    OutboxEntry e = inserted(entry());
    assertThat(entries(t -> t.outbox().claim(NOW, at(30), 10))).hasSize(1);
    assertThat(entries(t -> t.outbox().claim(at(29), at(90), 10))).isEmpty();
    assertThat(entries(t -> t.outbox().claim(at(30), at(90), 10))).extracting(OutboxEntry::id).containsExactly(e.id());
  }

  @Test
  @DisplayName("§5: of 16 dispatchers claiming at once, each due entry goes to exactly one")
  void concurrentClaimsNeverShare() {
    for (int i = 0; i < 40; i++) {
      inserted(entry());
    }
    List<List<OutboxEntry>> claims = Race.run(16, racer -> tx(t -> t.outbox().claim(NOW, at(60), 5)));
    Set<String> ids = new HashSet<>();
    int total = 0;
    for (List<OutboxEntry> claim : claims) {
      total += claim.size();
      claim.forEach(c -> ids.add(c.id()));
    }
    assertThat(total).isEqualTo(40);
    assertThat(ids).hasSize(40);
  }

  @Test
  @DisplayName("§5: rescheduling records the attempt and error and releases the claim; only pending entries")
  void reschedule() {
    OutboxEntry e = inserted(entry());
    tx(t -> t.outbox().claim(NOW, at(60), 10));

    assertThat(flag(t -> t.outbox().reschedule(e.id(), 1, at(120), "421 try later"))).isTrue();

    OutboxEntry after = find(e.id()).orElseThrow();
    assertThat(after.attempts()).isEqualTo(1);
    assertThat(after.nextAttemptAt()).isEqualTo(at(120));
    assertThat(after.lastError()).isEqualTo("421 try later");
    assertThat(after.claimedUntil()).isNull();
    assertThat(after.payload()).isEqualTo(e.payload());
    assertThat(entries(t -> t.outbox().claim(at(119), at(200), 10))).isEmpty();
    assertThat(entries(t -> t.outbox().claim(at(120), at(200), 10))).hasSize(1);
    assertThat(flag(t -> t.outbox().reschedule("nobody@x", 1, at(1), "x"))).isFalse();
  }

  @Test
  @DisplayName("§5: completing ends the entry, erases its payload, and happens once; PENDING is not an ending")
  void complete() {
    OutboxEntry sent = inserted(entry());
    OutboxEntry given = inserted(entry());

    assertThat(flag(t -> t.outbox().complete(sent.id(), Status.SENT, 1, null))).isTrue();
    assertThat(flag(t -> t.outbox().complete(given.id(), Status.GAVE_UP, 7, "550 no such user"))).isTrue();

    assertThat(find(sent.id()).orElseThrow()).satisfies(s -> {
      assertThat(s.status()).isEqualTo(Status.SENT);
      assertThat(s.payload()).isEmpty();
      assertThat(s.attempts()).isEqualTo(1);
    });
    assertThat(find(given.id()).orElseThrow()).satisfies(g -> {
      assertThat(g.status()).isEqualTo(Status.GAVE_UP);
      assertThat(g.lastError()).isEqualTo("550 no such user");
      assertThat(g.payload()).isEmpty();
    });
    assertThat(flag(t -> t.outbox().complete(sent.id(), Status.GAVE_UP, 2, "late"))).isFalse();
    assertThat(flag(t -> t.outbox().reschedule(sent.id(), 2, at(5), "late"))).isFalse();
    assertThat(entries(t -> t.outbox().claim(at(3600), at(4000), 10))).isEmpty();
    assertThatThrownBy(() -> tx(t -> t.outbox().complete(entry().id(), Status.PENDING, 0, null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("§5: operators list entries by status, oldest first, for one account or all")
  void listByStatus() {
    OutboxEntry a = inserted(entry());
    OutboxEntry b = inserted(new OutboxEntry("b@x", null, null, null, "p", Status.PENDING, 0, at(5), at(5), null, null));
    tx(t -> t.outbox().complete(a.id(), Status.GAVE_UP, 3, "down"));

    assertThat(entries(t -> t.outbox().inStatus(Status.PENDING, 10))).extracting(OutboxEntry::id).containsExactly(b.id());
    assertThat(entries(t -> t.outbox().inStatus(Status.GAVE_UP, 10))).extracting(OutboxEntry::id).containsExactly(a.id());
    assertThat(entries(t -> t.outbox().inStatus(Status.SENT, 10))).isEmpty();
  }
}
