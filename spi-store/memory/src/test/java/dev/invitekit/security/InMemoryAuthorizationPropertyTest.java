package dev.invitekit.security;

import dev.invitekit.spi.store.Store;
import dev.invitekit.store.memory.InMemoryStore;

/** The authorization property on the in-memory store. */
class InMemoryAuthorizationPropertyTest extends AuthorizationPropertyKit {
  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }
}
