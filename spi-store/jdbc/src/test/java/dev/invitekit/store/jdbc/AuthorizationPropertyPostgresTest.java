package dev.invitekit.store.jdbc;

import dev.invitekit.security.AuthorizationPropertyKit;
import dev.invitekit.spi.store.Store;
import org.junit.jupiter.api.BeforeEach;

/**
 * The authorization property (issue 5) on the JDBC store over PostgreSQL ({@code INVITEKIT_PG_URL}): a
 * fresh schema per sequence, dropped after it. Skipped with a notice without the variables, failing
 * instead under {@code CI=true}, like the PostgreSQL contract kit.
 */
class AuthorizationPropertyPostgresTest extends AuthorizationPropertyKit {
  private final FreshStores stores = new FreshStores();

  @BeforeEach
  void requirePostgres() {
    TestDatabases.requirePg();
  }

  @Override
  protected Store newStore() {
    return stores.postgres(2);
  }

  @Override
  protected void closeStore(Store used) {
    stores.close(used);
  }

  @Override
  protected Store newStoreForThreads(int threads) {
    return stores.postgres(threads + 1);
  }

  @Override
  protected int concurrentRounds() {
    return 10;
  }

  @Override
  protected int sequences() {
    return 60;
  }
}
