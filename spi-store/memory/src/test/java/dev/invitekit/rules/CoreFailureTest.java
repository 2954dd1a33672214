package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import dev.invitekit.Invitekit;
import dev.invitekit.error.StoreException;
import dev.invitekit.error.StoreOutcomeUnknownException;
import dev.invitekit.id.AccountId;
import dev.invitekit.invite.Invitation;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.InvitationStore;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.UserStore;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SPEC §5 through the facade: only what the store throws is reported as a {@link StoreException} ("the
 * store failed, nothing was recorded, safe to retry"); a failure of core's own code inside a unit of work
 * reaches the app as what it is, and is never disguised as a database outage. Either way nothing is kept.
 */
@DisplayName("§5: a failure of core is not reported as a store failure, a store failure still is")
class CoreFailureTest {
  private final RulesFixture fx = new RulesFixture();

  @BeforeEach
  void acme() {
    fx.createAcme();
  }

  /** A store whose units of work see {@code seam(tx)} instead of the real transaction. */
  private static Store seamed(Store real, UnaryOperator<StoreTransaction> seam) {
    return new Store() {
      @Override
      public <T> T inTransaction(Function<StoreTransaction, T> work) {
        return real.inTransaction(tx -> work.apply(seam.apply(tx)));
      }
    };
  }

  @Test
  @DisplayName("§5: when core's own code throws inside a unit of work (an inviter it requires is missing), the app "
      + "gets that exception, not a StoreException, and nothing is recorded")
  void coreFailurePropagatesAsItself() {
    UserId ada = fx.adaId();
    AccountId acme = fx.acmeId();
    Invitekit node = fx.builder().store(seamed(fx.store, tx -> {
      // The store answers normally; only core's assumption (every member has a user) fails, in core's code.
      StoreTransaction seam = mock(StoreTransaction.class, delegatesTo(tx));
      UserStore users = mock(UserStore.class, delegatesTo(tx.users()));
      doReturn(Optional.empty()).when(users).find(ada);
      doReturn(users).when(seam).users();
      return seam;
    })).build();

    assertThatThrownBy(() -> node.invitations().inviteByEmail(ada, acme, "carl@acme.com"))
        .isInstanceOf(NoSuchElementException.class)
        .isNotInstanceOf(StoreException.class);
    assertThat(invitations()).as("nothing recorded").isEmpty();
  }

  @Test
  @DisplayName("§5: when the store throws inside a unit of work, the app gets a StoreException naming the store's "
      + "failure as its cause, and nothing is recorded")
  void storeFailureIsAStoreException() {
    UserId ada = fx.adaId();
    AccountId acme = fx.acmeId();
    IllegalStateException failure = new IllegalStateException("simulated store failure");
    Invitekit node = fx.builder().store(seamed(fx.store, tx -> {
      StoreTransaction seam = mock(StoreTransaction.class, delegatesTo(tx));
      InvitationStore invitations = mock(InvitationStore.class, delegatesTo(tx.invitations()));
      doThrow(failure).when(invitations).insertAll(any());
      doReturn(invitations).when(seam).invitations();
      return seam;
    })).build();

    assertThatThrownBy(() -> node.invitations().inviteByEmail(ada, acme, "carl@acme.com"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("safe to retry")
        .hasRootCauseMessage("simulated store failure");
    assertThat(invitations()).as("nothing recorded").isEmpty();
  }

  @Test
  @DisplayName("§5: when the store fails after committing (a lost COMMIT acknowledgement), the app is told the "
      + "outcome is unknown, never 'nothing was recorded'; what was committed is kept and its mail still goes out")
  void failureAfterCommitIsAnUnknownOutcome() {
    UserId ada = fx.adaId();
    AccountId acme = fx.acmeId();
    IllegalStateException lostAck = new IllegalStateException("connection reset as COMMIT was answered");
    AtomicBoolean failNextCommit = new AtomicBoolean(true);
    Store real = fx.store;
    Invitekit node = fx.builder().store(new Store() {
      @Override
      public <T> T inTransaction(Function<StoreTransaction, T> work) {
        T committed = real.inTransaction(work);
        if (failNextCommit.getAndSet(false)) {
          throw lostAck;
        }
        return committed;
      }
    }).build();
    fx.mailbox.clear();

    assertThatThrownBy(() -> node.invitations().inviteByEmail(ada, acme, "carl@acme.com"))
        .isInstanceOf(StoreOutcomeUnknownException.class)
        .hasMessageContaining("whether it was recorded is unknown")
        .hasMessageNotContaining("nothing of it was recorded")
        .hasCause(lostAck);
    assertThat(invitations()).as("what was committed is kept").hasSize(1);
    fx.advance(Duration.ofMinutes(6));   // past the five-minute claim the failed call held on the mail
    node.mail().dispatchDue();
    assertThat(fx.mailbox.to("carl@acme.com")).as("and its mail delivered by the outbox").hasSize(1);
  }

  private List<Invitation> invitations() {
    return fx.kit.invitations().list(fx.adaId(), fx.acmeId());
  }
}
