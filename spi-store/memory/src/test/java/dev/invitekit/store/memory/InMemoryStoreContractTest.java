package dev.invitekit.store.memory;

import dev.invitekit.spi.store.Store;
import dev.invitekit.store.tck.StoreContractKit;
import org.junit.jupiter.api.DisplayName;

/** The reference adapter passes its own contract kit in the same build (SPEC §4). */
@DisplayName("InMemoryStore passes the store contract (SPEC §4)")
class InMemoryStoreContractTest extends StoreContractKit {

  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }
}
