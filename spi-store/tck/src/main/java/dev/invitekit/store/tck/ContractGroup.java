package dev.invitekit.store.tck;

import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoreTransaction;
import java.util.function.Function;

/**
 * What a group of the store contract that lives in its own file needs: the store under test, from the
 * enclosing {@link StoreContractKit}, and units of work whose results have a declared type.
 */
abstract class ContractGroup {

  /** The store under test, from the enclosing kit. */
  abstract Store store();

  /** Runs {@code work} as one unit of work of the store under test. */
  final <T> T tx(Function<StoreTransaction, T> work) {
    return store().inTransaction(work);
  }

  // Typed, so AssertJ's overloaded assertThat is not ambiguous over a lambda's result.
  final boolean flag(Function<StoreTransaction, Boolean> work) {
    return tx(work);
  }

  final int number(Function<StoreTransaction, Integer> work) {
    return tx(work);
  }
}
