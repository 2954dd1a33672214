package dev.invitekit.store.memory;

import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoreTransaction;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A thread-safe {@link Store} that keeps everything in memory: the embedded default and the store for
 * testing an application's invite flows (SPEC §4). Nothing survives the JVM.
 *
 * <p>Each unit of work runs while holding one lock, so units are serializable: the atomic steps — accept
 * an invitation at most once (I5), count a link use within its limit (L3), take a seat within the seat
 * count (P2) — hold trivially, and so does any read-modify-write inside one unit. Every change a unit makes
 * is recorded in an undo log; when the work throws, the log is replayed backwards and the exception is
 * rethrown unchanged, so a failed unit leaves nothing behind (SPEC §5).
 *
 * <p>Beyond the SPI's contract this store is strict about programming errors, to catch them in tests:
 * <ul>
 *   <li>calling {@link #inTransaction} from inside a unit of work on the same thread throws
 *       {@link IllegalStateException} (units of work do not nest);
 *   <li>using a {@link StoreTransaction} after its unit of work ended, or from another thread, throws
 *       {@link IllegalStateException};
 *   <li>void updates of a record that does not exist ({@code updateAccount}, {@code updatePasswordHash},
 *       {@code updateMembership}, {@code deactivateLink}), inserting a record whose id already exists,
 *       inserting a second active link for an account, changing an invitation's account or address, and
 *       recording a join through an unknown link throw {@link IllegalStateException}
 *       (or {@link IllegalArgumentException} for a bad argument), which rolls the unit of work back.
 * </ul>
 *
 * <p>Lists come back as immutable copies, oldest (or soonest) first by the records' own timestamps, ties
 * in insertion order. Reads scan the records of every account, which suits embedding and tests rather
 * than millions of rows.
 */
public final class InMemoryStore implements Store {

  // One lock for every unit of work: simple, and serializable by construction. Fairness is not needed.
  private final ReentrantLock lock = new ReentrantLock();
  private final Tables tables = new Tables();

  /** Creates an empty store. */
  public InMemoryStore() {}

  /**
   * Runs {@code work} as one serializable unit of work: it holds the store's lock throughout, commits
   * everything when {@code work} returns, and undoes everything when it throws (any {@link Throwable}),
   * rethrowing the same exception (SPEC §4, §5). The {@link StoreTransaction} it passes works only on this
   * thread and only until {@code work} returns.
   *
   * @return what {@code work} returned
   * @throws IllegalStateException when called from inside a unit of work on the same thread (units of work
   *     do not nest)
   */
  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    Objects.requireNonNull(work, "work");
    if (lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("units of work do not nest: inTransaction was called from inside a "
          + "unit of work on the same thread; use the StoreTransaction you were given instead");
    }
    lock.lock();
    try {
      MemoryTransaction transaction = new MemoryTransaction(tables, lock);
      try {
        T result = work.apply(transaction);
        transaction.commit();
        return result;
      } catch (Throwable failure) {
        transaction.rollback();
        throw failure;
      }
    } finally {
      lock.unlock();
    }
  }

  /** {@code "memory"}. */
  @Override
  public String name() {
    return "memory";
  }

  /** Names the store; says nothing of its contents. */
  @Override
  public String toString() {
    return "InMemoryStore";
  }
}
