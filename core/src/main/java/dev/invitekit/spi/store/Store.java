package dev.invitekit.spi.store;

import java.util.function.Function;

/**
 * Everything the use cases persist: the store SPI (SPEC §4). A provider is thread-safe and runs each unit
 * of work as one transaction. Its contract is the TCK in {@code invitekit-store-tck}: every provider
 * passes the same suite, concurrent runs included.
 */
public interface Store {

  /**
   * Runs {@code work} as one unit of work: everything it did is committed when it returns, and nothing
   * of it when it throws (the exception is rethrown; infrastructure failures as
   * {@link dev.invitekit.StoreException}). Work must have no effect outside the transaction, since a
   * provider may run it again after a serialization conflict. Units of work do not nest.
   *
   * @return what {@code work} returned
   */
  <T> T inTransaction(Function<StoreTransaction, T> work);

  /** A short name for logs and error messages, such as {@code "memory"} or {@code "jdbc:postgresql"}. */
  default String name() {
    return getClass().getSimpleName();
  }
}
