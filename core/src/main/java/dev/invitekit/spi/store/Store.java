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
   * {@link dev.invitekit.error.StoreException}). Work must have no effect outside the transaction, since a
   * provider may run it again after a serialization conflict. Units of work do not nest: calling this
   * method from inside a unit of work on the same thread throws {@link IllegalStateException}.
   *
   * <p>Isolation: core reads, decides and writes in one unit of work (for example, it finds no open
   * invitation for an address, then inserts one). {@code READ COMMITTED} is enough, provided that every
   * step the role interfaces call atomic holds by itself and that
   * {@link AccountStore#lock} serializes the units of work that change one account's roles,
   * memberships, licenses or link (U2, P2, L1): core calls it before deciding on several reads. A
   * provider may run at a stronger level if it runs the work again after the serialization failures
   * that level reports. A unit of work never fails because another one did the same thing at the same
   * moment; a conflict the provider cannot resolve comes back as a {@link dev.invitekit.error.StoreException}:
   * the caller is told the work was not done and may retry.
   *
   * @return what {@code work} returned
   */
  <T> T inTransaction(Function<StoreTransaction, T> work);

  /** A short name for logs and error messages, such as {@code "memory"} or {@code "jdbc:postgresql"}. */
  default String name() {
    return getClass().getSimpleName();
  }
}
