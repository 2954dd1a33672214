package dev.invitekit.onstore;

import dev.invitekit.spi.store.Store;
import dev.invitekit.store.memory.InMemoryStore;

/** Issue 9 item 6 (I7) on the in-memory store. */
class InMemorySupersededTokenTest extends SupersededTokenKit {
  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }
}
