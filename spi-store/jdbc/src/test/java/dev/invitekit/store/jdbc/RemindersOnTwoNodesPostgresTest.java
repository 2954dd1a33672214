package dev.invitekit.store.jdbc;

import dev.invitekit.onstore.RemindersOnTwoNodesKit;
import dev.invitekit.spi.store.Store;

/** I11: reminders from two nodes at once, on the JDBC store over Postgres, a connection per racer. */
class RemindersOnTwoNodesPostgresTest extends RemindersOnTwoNodesKit {
  private final FreshStores stores = new FreshStores();

  @Override
  protected Store newStore() {
    return stores.postgres(THREADS);
  }

  @Override
  protected void closeStore(Store used) {
    stores.close(used);
  }
}
