package dev.invitekit.store.jdbc;

import dev.invitekit.onstore.ConcurrentAcceptKit;
import dev.invitekit.spi.store.Store;

/** Issue 9 item 13 (I5) on the JDBC store over H2, a connection per racer. */
class ConcurrentAcceptH2Test extends ConcurrentAcceptKit {
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
