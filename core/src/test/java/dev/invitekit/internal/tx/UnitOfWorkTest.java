package dev.invitekit.internal.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.invitekit.error.StoreException;
import dev.invitekit.error.StoreOutcomeUnknownException;
import dev.invitekit.id.AccountId;
import dev.invitekit.spi.store.AccountStore;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoreTransaction;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * SPEC §5: a store failure is reported as a {@link StoreException} ("nothing was recorded, safe to retry");
 * a bug in core's own code inside a unit of work is reported as what it is, never as a store outage. A
 * use case's {@link Outcome} commits or rolls back without an exception of its own.
 */
@DisplayName("§5: units of work tell store failures from core's own failures")
class UnitOfWorkTest {

  /** A store that runs the work on {@code tx} and records whether it committed or rolled back. */
  private static final class RecordingStore implements Store {
    final StoreTransaction tx;
    boolean committed;
    boolean rolledBack;
    RuntimeException failOnCommit;

    RecordingStore(StoreTransaction tx) {
      this.tx = tx;
    }

    @Override
    public <T> T inTransaction(Function<StoreTransaction, T> work) {
      T result;
      try {
        result = work.apply(tx);
      } catch (RuntimeException e) {
        rolledBack = true;
        throw e;
      }
      if (failOnCommit != null) {
        rolledBack = true;
        throw failOnCommit;
      }
      committed = true;
      return result;
    }

    @Override
    public String name() {
      return "recording";
    }
  }

  private final StoreTransaction tx = mock(StoreTransaction.class);
  private final AccountStore accounts = mock(AccountStore.class);
  private final RecordingStore store = new RecordingStore(tx);

  {
    when(tx.accounts()).thenReturn(accounts);
  }
  private final UnitOfWork work = new UnitOfWork(store);

  @Nested
  @DisplayName("core's own failures")
  class CoreFailures {
    @Test
    @DisplayName("§5: a RuntimeException thrown by core code inside a unit of work propagates as itself, not as a store failure")
    void coreBugIsNotAStoreFailure() {
      AccountId id = AccountId.random();
      when(accounts.find(any())).thenReturn(Optional.empty());
      IllegalStateException bug = new IllegalStateException("core bug: an account that must exist is missing");

      assertThatThrownBy(() -> work.tx("inviting by email", t -> {
        t.accounts().find(id);
        throw bug;
      })).isSameAs(bug).isNotInstanceOf(StoreException.class);
      assertThat(store.rolledBack).as("the work was rolled back").isTrue();
      assertThat(store.committed).isFalse();
    }

    @Test
    @DisplayName("§5: an exception from core code called with a store result (orElseThrow) is core's, not the store's")
    void orElseThrowOnAStoreAnswerIsCoresFailure() {
      when(accounts.find(any())).thenReturn(Optional.empty());

      assertThatThrownBy(() -> work.tx("reading", t -> t.accounts().find(AccountId.random()).orElseThrow()))
          .isInstanceOf(java.util.NoSuchElementException.class);
    }
  }

  @Nested
  @DisplayName("store failures")
  class StoreFailures {
    @Test
    @DisplayName("§5: a RuntimeException thrown by a store call inside a unit of work is a StoreException naming the store and the operation")
    void storeCallFailureIsAStoreFailure() {
      IllegalStateException failure = new IllegalStateException("connection reset");
      when(accounts.find(any())).thenThrow(failure);

      assertThatThrownBy(() -> work.tx("inviting by email", t -> t.accounts().find(AccountId.random())))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("recording store failed during inviting by email")
          .hasMessageContaining("safe to retry")
          .hasCause(failure);
      assertThat(store.rolledBack).isTrue();
    }

    @Test
    @DisplayName("§5: a failure of the store outside the work (at commit) is a StoreException")
    void commitFailureIsAStoreFailure() {
      store.failOnCommit = new IllegalStateException("commit failed");

      assertThatThrownBy(() -> work.tx("creating an account", t -> "done"))
          .isInstanceOf(StoreException.class).hasMessageContaining("creating an account")
          .hasCause(store.failOnCommit);
    }

    @Test
    @DisplayName("§5: a failure after the work was done, as the store commits, says the outcome is unknown, not that "
        + "nothing was recorded (a lost COMMIT acknowledgement)")
    void failureWhileCommittingIsAnUnknownOutcome() {
      store.failOnCommit = new IllegalStateException("connection reset");

      assertThatThrownBy(() -> work.tx("inviting by email", t -> "done"))
          .isInstanceOf(StoreOutcomeUnknownException.class)
          .hasMessageContaining("inviting by email").hasMessageContaining("whether it was recorded is unknown")
          .hasMessageNotContaining("nothing of it was recorded").hasCause(store.failOnCommit);
    }

    @Test
    @DisplayName("§5: a StoreException the store throws while committing (JDBC's 'commit failed') is an unknown "
        + "outcome too, with the store's exception as its cause")
    void storeExceptionWhileCommittingIsAnUnknownOutcome() {
      StoreException commitFailed = new StoreException("JDBC store: commit failed: SQLState 08006");
      store.failOnCommit = commitFailed;

      assertThatThrownBy(() -> work.tx("signing up", t -> "done"))
          .isInstanceOf(StoreOutcomeUnknownException.class).hasCause(commitFailed);
    }

    @Test
    @DisplayName("§5: a failure inside the work stays 'nothing recorded', also when an earlier attempt of the same "
        + "unit of work got as far as committing")
    void failureInsideTheWorkIsNotAnUnknownOutcome() {
      IllegalStateException failure = new IllegalStateException("connection reset");
      when(accounts.find(any())).thenThrow(failure);

      assertThatThrownBy(() -> work.tx("reading", t -> t.accounts().find(AccountId.random())))
          .isInstanceOf(StoreException.class).isNotInstanceOf(StoreOutcomeUnknownException.class)
          .hasMessageContaining("nothing of it was recorded");

      Store retrying = new Store() {
        @Override
        public <T> T inTransaction(Function<StoreTransaction, T> unit) {
          unit.apply(tx);   // a first attempt that completes, then (as on a serialization failure) runs again
          return unit.apply(tx);
        }

        @Override
        public String name() {
          return "retrying";
        }
      };
      AtomicInteger calls = new AtomicInteger();
      assertThatThrownBy(() -> new UnitOfWork(retrying).tx("reading", t -> {
        if (calls.incrementAndGet() == 2) {
          throw new StoreException("conflict");
        }
        return "done";
      })).isInstanceOf(StoreException.class).isNotInstanceOf(StoreOutcomeUnknownException.class)
          .hasMessage("conflict");
    }

    @Test
    @DisplayName("§5: a StoreException the store throws reaches the caller unchanged, so a store's retry sees its cause")
    void storeExceptionPassesUnchanged() {
      StoreException conflict = new StoreException("conflict", new java.sql.SQLException("serialize", "40001"));
      when(accounts.find(any())).thenThrow(conflict);

      assertThatThrownBy(() -> work.tx("reading", t -> t.accounts().find(AccountId.random()))).isSameAs(conflict);
    }
  }

  @Nested
  @DisplayName("typed outcomes")
  class Outcomes {
    @Test
    @DisplayName("a Commit outcome commits and answers its value")
    void commit() {
      String answer = work.<String>decide("deciding", t -> Outcome.commit("kept"));
      assertThat(answer).isEqualTo("kept");
      assertThat(store.committed).isTrue();
      assertThat(store.rolledBack).isFalse();
    }

    @Test
    @DisplayName("a Rollback outcome rolls the unit of work back and still answers its value, with no exception to the caller")
    void rollback() {
      String answer = work.<String>decide("deciding", t -> Outcome.rollback("undone"));
      assertThat(answer).isEqualTo("undone");
      assertThat(store.rolledBack).isTrue();
      assertThat(store.committed).isFalse();
    }
  }
}
