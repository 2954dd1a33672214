package dev.invitekit.examples.quickstart.snippets;

import dev.invitekit.error.StoreException;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoreTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The unit of work of a JDBC store, as docs/writing-a-store-adapter.md shows it. The sketch leaves the
 * {@link StoreTransaction} operations to {@link #transaction(Connection)}; the PostgreSQL store of a later
 * release is the complete one.
 */
public abstract class MyStore implements Store {
  private static final int MAX_ATTEMPTS = 3;
  private static final Set<String> RETRYABLE = Set.of("40001", "40P01");   // serialization, deadlock

  private final DataSource dataSource;

  /** A store on this data source. */
  protected MyStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The operations of one unit of work, on its connection. */
  protected abstract StoreTransaction transaction(Connection connection);

  // tag::unit-of-work[]
  private final ThreadLocal<Connection> running = new ThreadLocal<>();

  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    if (running.get() != null) {
      throw new IllegalStateException("units of work do not nest: use the StoreTransaction you were given");
    }
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        running.set(connection);
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);   // see the atomic steps
        try {
          T result = work.apply(transaction(connection));
          connection.commit();                       // everything the work did ...
          return result;
        } catch (RuntimeException | SQLException e) {
          connection.rollback();                     // ... or nothing of it
          if (isRetryable(e) && attempt < MAX_ATTEMPTS) {
            continue;                                // work has no outside effects: it may run again
          }
          throw e;                                   // the use case's own exceptions pass unchanged
        }
      } catch (SQLException e) {
        throw new StoreException("The store could not run a unit of work: " + e.getMessage(), e);
      } finally {
        running.remove();
      }
    }
  }

  private static boolean isRetryable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && RETRYABLE.contains(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
  // end::unit-of-work[]

  @Override
  public String name() {
    return "my-jdbc";
  }
}
