package dev.invitekit.store.jdbc;

import dev.invitekit.onstore.GivenUpRecipientKit;
import dev.invitekit.spi.store.Store;

/** Issue 9 item 11 (SPEC §5) on the JDBC store over H2. */
class GivenUpRecipientH2Test extends GivenUpRecipientKit {
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
