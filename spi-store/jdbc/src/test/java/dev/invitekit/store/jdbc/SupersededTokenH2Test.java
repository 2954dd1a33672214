package dev.invitekit.store.jdbc;

import dev.invitekit.onstore.SupersededTokenKit;
import dev.invitekit.spi.store.Store;

/** Issue 9 item 6 (I7) on the JDBC store over H2. */
class SupersededTokenH2Test extends SupersededTokenKit {
  private final FreshStores stores = new FreshStores();

  @Override
  protected Store newStore() {
    return stores.h2(2);
  }

  @Override
  protected void closeStore(Store used) {
    stores.close(used);
  }
}
