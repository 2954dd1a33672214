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
import dev.invitekit.id.AccountId;
import dev.invitekit.invite.Invitation;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.InvitationStore;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.UserStore;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
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

  private List<Invitation> invitations() {
    return fx.kit.invitations().list(fx.adaId(), fx.acmeId());
  }
}
