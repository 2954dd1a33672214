package dev.invitekit.onstore;

import dev.invitekit.spi.store.Store;
import dev.invitekit.store.memory.InMemoryStore;

/** Issue 9 item 13 (I5) on the in-memory store. */
class InMemoryConcurrentAcceptTest extends ConcurrentAcceptKit {
  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }
}
