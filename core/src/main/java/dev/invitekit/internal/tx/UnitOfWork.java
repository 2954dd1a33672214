package dev.invitekit.internal.tx;

import dev.invitekit.error.InvitekitException;
import dev.invitekit.error.StoreException;
import dev.invitekit.error.StoreOutcomeUnknownException;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoreTransaction;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs the use cases' units of work on the store, and tells the two kinds of failure apart: what the
 * store throws (from {@link Store#inTransaction} or from any call on its {@link StoreTransaction}) is a
 * {@link StoreException}, "nothing was recorded, safe to retry"; what core's own code throws inside the
 * work is a bug and propagates as itself, never disguised as a store outage. The work sees the store's
 * transaction through a {@link GuardedTransaction}, which names the failing call. Immutable; thread-safe.
 */
public final class UnitOfWork {
  private final Store store;

  /** Units of work on {@code store}. */
  public UnitOfWork(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Runs {@code work} in one unit of work that commits when it returns; see {@link #decide}. */
  public <T> T tx(String operation, Function<StoreTransaction, T> work) {
    return decide(operation, tx -> Outcome.commit(work.apply(tx)));
  }

  /**
   * Runs {@code work} in one unit of work that commits or rolls back as its {@link Outcome} says, and
   * returns the outcome's value either way.
   *
   * @throws StoreException when the store failed during {@code operation}: nothing of it was recorded
   * @throws StoreOutcomeUnknownException when the store failed after the work was done, as it committed:
   *     whether it was recorded is unknown
   * @throws RuntimeException what core's own code threw inside the work, unchanged (the work was rolled back)
   */
  public <T> T decide(String operation, Function<StoreTransaction, Outcome<T>> work) {
    // Set when the work (its last attempt, if the store runs it again) returned something to commit: what the
    // store throws after that may have come after its commit, so it cannot be called "nothing recorded".
    AtomicBoolean committing = new AtomicBoolean();
    try {
      return store.inTransaction(raw -> {
        committing.set(false);
        Outcome<T> outcome;
        try {
          outcome = work.apply(new GuardedTransaction(raw, operation, store));
        } catch (InvitekitException e) {
          // A store failure already named by the guarded transaction, or by the store itself.
          throw e;
        } catch (RuntimeException e) {
          throw new CoreFailure(e);
        }
        if (!outcome.commits()) {
          // The store's one way to undo a unit of work is an exception out of it; it stays in this class.
          throw new RolledBack(outcome.value());
        }
        committing.set(true);
        return outcome.value();
      });
    } catch (RolledBack rolledBack) {
      @SuppressWarnings("unchecked")
      T value = (T) rolledBack.value;
      return value;
    } catch (CoreFailure e) {
      throw e.bug;
    } catch (StoreOutcomeUnknownException e) {
      throw e;
    } catch (RuntimeException e) {
      if (committing.get()) {
        throw outcomeUnknown(store, operation, e);
      }
      if (e instanceof InvitekitException named) {
        throw named;
      }
      throw storeFailed(store, operation, e);
    }
  }

  /**
   * The failure reported for what {@code store} threw after the work of {@code operation} was done and handed
   * to it to commit (SPEC §5: the caller must know that it cannot know).
   */
  static StoreOutcomeUnknownException outcomeUnknown(Store store, String operation, RuntimeException cause) {
    return new StoreOutcomeUnknownException("The " + store.name() + " store failed while committing " + operation
        + ": whether it was recorded is unknown. Do not simply repeat it: repeat it with the same idempotency key "
        + "where it takes one, or look up its result first.", cause);
  }

  /** The failure reported for what {@code store} threw during {@code operation}. */
  static StoreException storeFailed(Store store, String operation, RuntimeException cause) {
    return new StoreException("The " + store.name() + " store failed during " + operation
        + "; nothing of it was recorded, and it is safe to retry.", cause);
  }

  /** Carries the work's answer out of a unit of work that must not commit. Control flow of this class only. */
  private static final class RolledBack extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Object value;

    RolledBack(Object value) {
      super(null, null, false, false);
      this.value = value;
    }
  }

  /** Carries a bug of core's own code past the store, which may wrap what the work throws. */
  private static final class CoreFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient RuntimeException bug;

    CoreFailure(RuntimeException bug) {
      super(null, null, false, false);
      this.bug = bug;
    }
  }
}
