package dev.invitekit.internal.tx;

/**
 * What a use case decided inside a unit of work ({@link UnitOfWork#decide}): keep what it wrote and answer
 * {@link #value()}, or undo it and answer {@link #value()} all the same. A refused accept, a key another
 * request took meanwhile: answers, not failures, so they travel as values rather than exceptions.
 *
 * @param <T> the use case's answer
 */
public sealed interface Outcome<T> {

  /** The use case's answer, whether its writes are kept or undone. */
  T value();

  /** Whether the unit of work commits. */
  boolean commits();

  /** Keep everything the unit of work wrote, and answer {@code value}. */
  static <T> Outcome<T> commit(T value) {
    return new Commit<>(value);
  }

  /** Undo everything the unit of work wrote, and answer {@code value}. */
  static <T> Outcome<T> rollback(T value) {
    return new Rollback<>(value);
  }

  /** The writes are kept. */
  record Commit<T>(T value) implements Outcome<T> {
    @Override
    public boolean commits() {
      return true;
    }
  }

  /** The writes are undone; the answer still reaches the caller. */
  record Rollback<T>(T value) implements Outcome<T> {
    @Override
    public boolean commits() {
      return false;
    }
  }
}
