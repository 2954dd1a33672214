package dev.invitekit.examples.quickstart.snippets;

import dev.invitekit.error.StoreException;
import dev.invitekit.id.LinkId;
import dev.invitekit.spi.store.LinkStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One role interface of a JDBC store, as docs/writing-a-store-adapter.md shows it: the links of one unit
 * of work (L1, L3), with its atomic step; the plain reads and writes are left to a complete store.
 */
public abstract class MyLinkStore implements LinkStore {
  private final Connection connection;

  /** The links of the unit of work running on {@code connection}. */
  protected MyLinkStore(Connection connection) {
    this.connection = connection;
  }

  // tag::try-use[]
  @Override
  public boolean tryUse(LinkId id, Instant now) {
    // One conditional UPDATE checks and counts in one step: of N concurrent redemptions of a link
    // with K uses left, exactly K update a row (L3). Reading, comparing and writing back would race.
    String sql = "UPDATE invite_link SET uses = uses + 1"
        + " WHERE id = ? AND active AND expires_at > ? AND (use_limit IS NULL OR uses < use_limit)";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, id.value());
      statement.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("Counting a use of invite link " + id + " failed", e);
    }
  }
  // end::try-use[]
}
