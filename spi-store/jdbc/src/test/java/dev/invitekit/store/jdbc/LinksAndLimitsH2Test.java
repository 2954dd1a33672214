package dev.invitekit.store.jdbc;

import dev.invitekit.spi.store.Store;
import org.junit.jupiter.api.DisplayName;

/** The links-and-limits fixes (issue 8, issue 9) on H2, two nodes on one database. */
@DisplayName("Links and limits on H2 (issue 8.2, 8.3, 8.6, 8.10, 8.14, 9.2, 9.7)")
class LinksAndLimitsH2Test extends LinksAndLimitsKit {
  private final FreshStores stores = new FreshStores();

  @Override
  Store newStore() {
    return stores.h2(4);
  }

  @Override
  void close(Store store) {
    stores.close(store);
  }
}
