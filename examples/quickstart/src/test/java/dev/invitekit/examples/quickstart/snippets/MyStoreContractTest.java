package dev.invitekit.examples.quickstart.snippets;

import dev.invitekit.spi.store.Store;
import dev.invitekit.store.memory.InMemoryStore;
import dev.invitekit.store.tck.StoreContractKit;
import org.junit.jupiter.api.DisplayName;

/**
 * The TCK subclass docs/writing-a-store-adapter.md shows, compiled and run: here on the in-memory store,
 * so the page's code is proven to be all a provider needs to run the whole contract.
 */
@DisplayName("The store-adapter page's TCK subclass runs the whole contract (SPEC §4)")
// tag::tck[]
class MyStoreContractTest extends StoreContractKit {

  @Override
  protected Store newStore() {
    return new InMemoryStore();  // yours: new MyStore(dataSource) on a fresh, empty database
  }
}
// end::tck[]
