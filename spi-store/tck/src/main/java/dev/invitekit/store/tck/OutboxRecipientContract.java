package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.NOW;
import static dev.invitekit.store.tck.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.spi.store.OutboxEntry.Status;
import dev.invitekit.spi.store.OutboxEntry;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The outbox keeps each entry's recipient (issue 9 item 11): operators must see who did not get their mail,
 * also once the entry is final and its payload (which may hold a link with a token) is erased. Run as a
 * {@code @Nested} group of {@link StoreContractKit}.
 */
public abstract class OutboxRecipientContract extends ContractGroup {

  private OutboxEntry inserted(EmailAddress to) {
    OutboxEntry e = OutboxEntry.pending(UUID.randomUUID() + "@app.example.com", null, null, null,
        "{\"secret\":\"link\"}", NOW).withRecipient(to);
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
  @DisplayName("§5: an entry's recipient is kept as recorded, through a claim and a reschedule")
  void recipientKeptWhilePending_issue9_11() {
    EmailAddress to = StoreFixtures.freshEmail();
    OutboxEntry e = inserted(to);

    assertThat(find(e.id())).contains(e);
    List<OutboxEntry> claimed = tx(t -> t.outbox().claim(NOW, at(60), 100));
    assertThat(claimed).filteredOn(c -> c.id().equals(e.id())).singleElement()
        .satisfies(c -> assertThat(c.recipient()).isEqualTo(to));
    assertThat(flag(t -> t.outbox().reschedule(e.id(), 1, at(120), "421 busy"))).isTrue();
    assertThat(find(e.id())).hasValueSatisfying(found -> assertThat(found.recipient()).isEqualTo(to));
  }

  @Test
  @DisplayName("§5: a given-up entry has its payload erased and keeps its recipient, also in the list by status")
  void givenUpEntryKeepsItsRecipient_issue9_11() {
    EmailAddress to = StoreFixtures.freshEmail();
    OutboxEntry e = inserted(to);

    assertThat(flag(t -> t.outbox().complete(e.id(), Status.GAVE_UP, 3, "550 no such user"))).isTrue();

    assertThat(find(e.id())).hasValueSatisfying(found -> {
      assertThat(found.payload()).isEmpty();
      assertThat(found.recipient()).isEqualTo(to);
    });
    List<OutboxEntry> givenUp = tx(t -> t.outbox().inStatus(Status.GAVE_UP, 1000));
    assertThat(givenUp).filteredOn(g -> g.id().equals(e.id())).singleElement()
        .satisfies(g -> assertThat(g.recipient()).isEqualTo(to));
  }

  @Test
  @DisplayName("§5: an entry recorded without a recipient is found without one")
  void entryWithoutRecipient_issue9_11() {
    OutboxEntry e = OutboxEntry.pending(UUID.randomUUID() + "@app.example.com", null, null, null, "p", NOW);
    tx(t -> {
      t.outbox().insert(e);
      return null;
    });

    assertThat(find(e.id())).contains(e);
  }
}
