package dev.invitekit.store.memory;

import dev.invitekit.spi.store.Store;
import dev.invitekit.store.tck.LinkStoreContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;

/**
 * One group of the store contract run on its own, as an adapter author may while writing one role
 * (L1, L3): the links group, on a fresh in-memory store per test.
 */
@DisplayName("InMemoryStore passes the links group of the store contract on its own (L1, L3)")
class InMemoryLinkStoreContractTest extends LinkStoreContract {
  private Store store = new InMemoryStore();

  @BeforeEach
  void freshStore() {
    store = new InMemoryStore();
  }

  @Override
  protected Store store() {
    return store;
  }
}
