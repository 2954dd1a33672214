package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.spi.store.OutboxEntry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Round trips to the database, counted by a DataSource wrapper: every execute and every executeBatch. */
class RoundTripTest {
  private HikariDataSource pool;
  private StatementCountingDataSource counting;
  private KitOnJdbc node;

  @BeforeEach
  void start() {
    pool = TestDatabases.freshH2(4);
    counting = new StatementCountingDataSource(pool);
    node = new KitOnJdbc(counting, new RecordingMailbox());
    node.store.migrate();
  }

  @AfterEach
  void stop() {
    TestDatabases.shutDownH2(pool);
  }

  @Test
  @DisplayName("I2: a bulk invite of 20 addresses costs a bounded number of round trips, mail delivery included")
  void twentyAddressInvite() {
    AccountCreation.Created acme = node.createAcme(2);
    String twenty = IntStream.range(0, 20).mapToObj(i -> "person" + i + "@acme.com").collect(Collectors.joining(", "));
    counting.reset(0);

    InviteResult result = node.kit.invitations().inviteByEmail(acme.founder().id(), acme.account().id(), twenty);

    int roundTrips = counting.executions();
    System.out.println("Round trips of a 20-address bulk invite (JDBC store, mail delivery records included): "
        + roundTrips);
    assertThat(((InviteResult.InviteReport) result).outcomes()).hasSize(20)
        .allMatch(AddressOutcome.Invited.class::isInstance);
    // Core asks per address (is there a user? an open invitation?), each answer deciding the next, and
    // records each email's delivery in a unit of work of its own after the commit: 3 per address. The 20
    // inserts go as one batch; sent one by one they would add 19.
    assertThat(roundTrips).isLessThanOrEqualTo(3 * 20 + 5);
  }

  @Test
  @DisplayName("§5: writes nobody reads an answer from go as one batch: 20 outbox entries cost one round trip")
  void deferredWritesAreBatched() {
    counting.reset(0);

    node.store.inTransaction(tx -> {
      for (int i = 0; i < 20; i++) {
        tx.insertOutbox(OutboxEntry.pending(UUID.randomUUID() + "@app.example.com", null, null, null, "{}",
            Instant.parse("2025-03-10T09:00:00Z")));
      }
      return null;
    });

    assertThat(counting.executions()).isEqualTo(1);
    List<OutboxEntry> stored = node.store.inTransaction(tx -> tx.outbox(null, OutboxEntry.Status.PENDING, 100));
    assertThat(stored).hasSize(20);
  }
}
