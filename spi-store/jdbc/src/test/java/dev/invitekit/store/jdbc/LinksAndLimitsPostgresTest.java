package dev.invitekit.store.jdbc;

import dev.invitekit.spi.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;

/**
 * The links-and-limits fixes (issue 8, issue 9) on PostgreSQL ({@code INVITEKIT_PG_URL}), two nodes on one
 * schema. Skipped with a notice without the variables, failing instead under {@code CI=true}.
 */
@DisplayName("Links and limits on PostgreSQL (issue 8.2, 8.3, 8.6, 8.10, 8.14, 9.2, 9.7)")
class LinksAndLimitsPostgresTest extends LinksAndLimitsKit {
  private final FreshStores stores = new FreshStores();

  @BeforeEach
  void requirePostgres() {
    TestDatabases.requirePg();
  }

  @Override
  Store newStore() {
    return stores.postgres(4);
  }

  @Override
  void close(Store store) {
    stores.close(store);
  }
}
