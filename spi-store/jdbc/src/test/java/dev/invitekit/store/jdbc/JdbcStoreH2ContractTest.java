package dev.invitekit.store.jdbc;

import dev.invitekit.spi.store.Store;
import dev.invitekit.store.tck.StoreContractKit;

/** The whole store contract on H2: a fresh in-memory database per test, behind a small pool (SPEC §4). */
class JdbcStoreH2ContractTest extends StoreContractKit {
  private final FreshStores stores = new FreshStores();

  @Override
  protected Store newStore() {
    return stores.h2(8);
  }

  @Override
  protected void closeStore(Store used) {
    stores.close(used);
  }
}
