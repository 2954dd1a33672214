package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.account.Account;
import dev.invitekit.invite.Invitation;
import dev.invitekit.spi.store.InvitationStore.InsertOutcome;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.store.tck.StoreFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A bulk invitation insert after "no open invitation for this address" meets one another unit of work
 * committed in between: the bulk step answers {@code OPEN_ONE_EXISTS} for that invitation, inserts the
 * others, and the unit of work runs once (I7), on H2 and on PostgreSQL. (This replaces the test of the
 * queued insert that used to run the unit of work again: the JDBC store no longer queues writes.)
 */
@DisplayName("I7: a bulk invitation insert that meets a concurrent one answers OPEN_ONE_EXISTS for it")
class BulkInvitationConflictTest {

  private static void raceOnce(HikariDataSource pool) {
    JdbcStore store = JdbcStore.builder(pool).build();
    store.migrate();
    Account account = StoreFixtures.account().build();
    store.inTransaction(tx -> {
      tx.accounts().insert(account);
      return null;
    });
    StoredInvitation theirs = StoreFixtures.invitation(account.id()).build();
    StoredInvitation ours = StoreFixtures.invitation(account.id()).email(theirs.invitation().email()).build();
    StoredInvitation other = StoreFixtures.invitation(account.id()).build();
    List<String> runs = new ArrayList<>();

    List<InsertOutcome> outcomes = store.inTransaction(tx -> {
      runs.add("looked");
      assertThat(tx.invitations().findOpen(account.id(), theirs.invitation().email())).isEmpty();
      // Another node commits an open invitation for the same address before this unit inserts.
      Thread node = new Thread(() -> store.inTransaction(t -> t.invitations().insert(theirs)));
      node.start();
      try {
        node.join();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return tx.invitations().insertAll(List.of(ours, other));
    });

    assertThat(runs).containsExactly("looked");
    assertThat(outcomes).containsExactly(InsertOutcome.OPEN_ONE_EXISTS, InsertOutcome.INSERTED);
    List<Invitation> stored = store.inTransaction(tx -> StoreFixtures.plain(tx.invitations().ofAccount(account.id())));
    assertThat(stored).containsExactlyInAnyOrder(theirs.invitation(), other.invitation());
  }

  @Test
  @DisplayName("on H2")
  void h2() {
    HikariDataSource pool = TestDatabases.freshH2(4);
    try {
      raceOnce(pool);
    } finally {
      TestDatabases.shutDownH2(pool);
    }
  }

  @Test
  @DisplayName("on PostgreSQL")
  void postgres() {
    TestDatabases.requirePg();
    String schema = TestDatabases.createPgSchema();
    try (HikariDataSource pool = TestDatabases.pg(schema, 4)) {
      raceOnce(pool);
    } finally {
      TestDatabases.dropPgSchema(schema);
    }
  }
}
