package dev.invitekit.onstore;

import dev.invitekit.spi.store.Store;
import dev.invitekit.store.memory.InMemoryStore;

/** Issue 9 item 11 (SPEC §5) on the in-memory store. */
class InMemoryGivenUpRecipientTest extends GivenUpRecipientKit {
  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }
}
