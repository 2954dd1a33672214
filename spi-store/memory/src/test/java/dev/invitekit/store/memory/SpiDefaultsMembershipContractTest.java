package dev.invitekit.store.memory;

import dev.invitekit.spi.store.AccountStore;
import dev.invitekit.spi.store.Counters;
import dev.invitekit.spi.store.FounderSignupStore;
import dev.invitekit.spi.store.IdempotencyStore;
import dev.invitekit.spi.store.InvitationStore;
import dev.invitekit.spi.store.LinkStore;
import dev.invitekit.spi.store.MembershipStore;
import dev.invitekit.spi.store.Outbox;
import dev.invitekit.spi.store.SeatStore;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.UserStore;
import dev.invitekit.store.tck.MembershipStoreContract;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;

/**
 * The memberships group of the store contract on a store that implements only the role interfaces, as a
 * provider written before {@code membersWithUsers} and {@code directoryOf} existed does: those two are the
 * SPI's defaults here (U2, C1–C3), which no adapter of ours runs otherwise, since each answers them itself.
 */
@DisplayName("The SPI's default membersWithUsers and directoryOf pass the memberships group of the store contract")
class SpiDefaultsMembershipContractTest extends MembershipStoreContract {
  private Store store = new RolesOnly(new InMemoryStore());

  @BeforeEach
  void freshStore() {
    store = new RolesOnly(new InMemoryStore());
  }

  @Override
  protected Store store() {
    return store;
  }

  /** A store whose units of work hand out the role interfaces of another's and nothing else. */
  private record RolesOnly(Store inner) implements Store {
    @Override
    public <T> T inTransaction(Function<StoreTransaction, T> work) {
      return inner.inTransaction(tx -> work.apply(new RolesOf(tx)));
    }
  }

  private record RolesOf(StoreTransaction tx) implements StoreTransaction {
    @Override
    public AccountStore accounts() {
      return tx.accounts();
    }

    @Override
    public UserStore users() {
      return tx.users();
    }

    @Override
    public MembershipStore memberships() {
      return tx.memberships();
    }

    @Override
    public InvitationStore invitations() {
      return tx.invitations();
    }

    @Override
    public LinkStore links() {
      return tx.links();
    }

    @Override
    public SeatStore seats() {
      return tx.seats();
    }

    @Override
    public IdempotencyStore idempotency() {
      return tx.idempotency();
    }

    @Override
    public FounderSignupStore founderSignups() {
      return tx.founderSignups();
    }

    @Override
    public Outbox outbox() {
      return tx.outbox();
    }

    @Override
    public Counters counters() {
      return tx.counters();
    }
  }
}
