package dev.invitekit.onstore;

import dev.invitekit.spi.store.Store;
import dev.invitekit.store.memory.InMemoryStore;

/** I11: reminders from two nodes at once, on the in-memory store. */
class InMemoryRemindersOnTwoNodesTest extends RemindersOnTwoNodesKit {
  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }
}
