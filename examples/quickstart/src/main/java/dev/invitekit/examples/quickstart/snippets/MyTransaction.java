package dev.invitekit.examples.quickstart.snippets;

import dev.invitekit.spi.store.LinkStore;
import dev.invitekit.spi.store.StoreTransaction;
import java.sql.Connection;

/**
 * The unit of work of a JDBC store, as docs/writing-a-store-adapter.md shows it: one connection, and one
 * role object per aggregate over it; the other roles are left to a complete store.
 */
public abstract class MyTransaction implements StoreTransaction {
  private final LinkStore links;

  /** The role objects of the unit of work running on {@code connection}. */
  protected MyTransaction(Connection connection) {
    this.links = newLinks(connection);
  }

  /** The links of this unit of work (a complete store returns its own {@link MyLinkStore}). */
  protected abstract LinkStore newLinks(Connection connection);

  // tag::roles[]
  @Override
  public LinkStore links() {
    return links;   // the same object for the whole unit of work: it shares the connection
  }
  // end::roles[]
}
