package dev.invitekit.store.jdbc;

import dev.invitekit.onstore.RemindersOnTwoNodesKit;
import dev.invitekit.spi.store.Store;

/** I11: reminders from two nodes at once, on the JDBC store over H2, a connection per racer. */
class RemindersOnTwoNodesH2Test extends RemindersOnTwoNodesKit {
  private final FreshStores stores = new FreshStores();

  @Override
  protected Store newStore() {
    return stores.h2(THREADS);
  }

  @Override
  protected void closeStore(Store used) {
    stores.close(used);
  }
}
