package dev.invitekit.store.jdbc;

import dev.invitekit.security.AuthorizationPropertyKit;
import dev.invitekit.spi.store.Store;

/**
 * The authorization property (issue 5) on the JDBC store over H2: a fresh in-memory database per
 * sequence. Fewer sequences than on the in-memory store, since each makes and migrates a database.
 */
class AuthorizationPropertyH2Test extends AuthorizationPropertyKit {
  private final FreshStores stores = new FreshStores();

  @Override
  protected Store newStore() {
    return stores.h2(2);
  }

  @Override
  protected void closeStore(Store used) {
    stores.close(used);
  }

  @Override
  protected Store newStoreForThreads(int threads) {
    return stores.h2(threads + 1);
  }

  @Override
  protected int concurrentRounds() {
    return 20;
  }

  @Override
  protected int sequences() {
    return 200;
  }
}
