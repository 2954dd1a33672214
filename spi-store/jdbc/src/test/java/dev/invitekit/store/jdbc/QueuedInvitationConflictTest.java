package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.account.Account;
import dev.invitekit.invite.Invitation;
import dev.invitekit.id.InvitationId;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.store.tck.StoreFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An invitation insert queued after "no open invitation for this address" meets one another unit of work
 * committed in between: the unit of work runs again and then sees it (I7), on H2 and on PostgreSQL.
 */
@DisplayName("I7: a queued invitation insert that meets a concurrent one runs its unit of work again")
class QueuedInvitationConflictTest {

  private static void raceOnce(HikariDataSource pool) {
    JdbcStore store = JdbcStore.builder(pool).build();
    store.migrate();
    Account account = StoreFixtures.account().build();
    store.inTransaction(tx -> {
      tx.insertAccount(account);
      return null;
    });
    StoredInvitation theirs = StoreFixtures.invitation(account.id()).build();
    StoredInvitation ours = StoreFixtures.invitation(account.id()).email(theirs.invitation().email()).build();
    List<String> runs = new ArrayList<>();

    Optional<InvitationId> result = store.inTransaction(tx -> {
      Optional<StoredInvitation> open = tx.findOpenInvitation(account.id(), theirs.invitation().email());
      if (open.isPresent()) {
        runs.add("found theirs");
        return Optional.of(open.get().invitation().id());
      }
      runs.add("queued ours");
      boolean inserted = tx.insertInvitation(ours);
      if (runs.size() == 1) {
        // Another node commits an open invitation for the same address before this unit commits.
        Thread other = new Thread(() -> store.inTransaction(t -> t.insertInvitation(theirs)));
        other.start();
        try {
          other.join();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      return inserted ? Optional.of(ours.invitation().id()) : Optional.empty();
    });

    assertThat(runs).containsExactly("queued ours", "found theirs");
    assertThat(result).contains(theirs.invitation().id());
    List<Invitation> stored = store.inTransaction(tx -> tx.invitations(account.id()));
    assertThat(stored).containsExactly(theirs.invitation());
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
