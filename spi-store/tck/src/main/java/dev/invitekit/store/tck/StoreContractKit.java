package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.invitekit.account.Account;
import dev.invitekit.invite.Invitation;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoreTransaction;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The store contract (SPEC §4): every {@link Store} provider, ours and the users', passes this suite.
 * Extend it, return a fresh, empty store from {@link #newStore()}, and run the subclass with JUnit 5:
 *
 * <!-- snippet: MyStoreContractTest#tck -->
 * <pre>{@code
 * class MyStoreContractTest extends StoreContractKit {
 *
 *   &#64;Override
 *   protected Store newStore() {
 *     return new InMemoryStore();  // yours: new MyStore(dataSource) on a fresh, empty database
 *   }
 * }
 * }</pre>
 *
 * <p>It checks every {@link StoreTransaction} operation on its happy path and on its refusing or
 * conditional path, that a unit of work which throws leaves nothing behind, that units of work do not
 * nest, that the atomic steps hold under real threads (I5, L3, P2, I7), and, with generated operation
 * sequences, that the invitation life cycle answers as a plain model does. It writes parent records
 * first (accounts, users, memberships) and refers to real users, so stores with foreign keys pass too.
 * Timestamps have whole-second precision, so stores keeping microseconds compare equal.
 */
public abstract class StoreContractKit {

  /** How many generated sequences each life-cycle model test runs by default. */
  protected static final int DEFAULT_LIFE_CYCLE_SEQUENCES = 300;

  private static final long LIFE_CYCLE_SEED = 0x1_2025_0314L;

  private @Nullable Store store;

  /** Subclasses only. */
  protected StoreContractKit() {}

  /**
   * The provider under test: a new, empty store for each test (SPEC §4). A store backed by a database
   * should start from empty tables.
   */
  protected abstract Store newStore();

  /**
   * Releases what {@link #newStore()} acquired (a connection pool, a database) after each test; does
   * nothing by default.
   */
  protected void closeStore(Store used) {}

  /**
   * How many generated operation sequences each model-based life-cycle test runs (default
   * {@value #DEFAULT_LIFE_CYCLE_SEQUENCES}); a slow store may lower it, never to zero.
   */
  protected int lifeCycleSequences() {
    return DEFAULT_LIFE_CYCLE_SEQUENCES;
  }

  /** The store of the running test. */
  protected final Store store() {
    return Objects.requireNonNull(store, "the store exists only while a test runs");
  }

  @BeforeEach
  final void createStore() {
    store = Objects.requireNonNull(newStore(), "newStore() returned null");
  }

  @AfterEach
  final void releaseStore() {
    Store used = store;
    store = null;
    if (used != null) {
      closeStore(used);
    }
  }

  // ---- units of work

  @Nested
  @DisplayName("Units of work (SPEC §4, §5)")
  class UnitsOfWork extends UnitOfWorkContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  // ---- accounts

  @Nested
  @DisplayName("Accounts (A1, A2)")
  class Accounts extends AccountStoreContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  // ---- users

  @Nested
  @DisplayName("Users (U1, S4)")
  class Users extends UserStoreContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  // ---- memberships

  @Nested
  @DisplayName("Memberships (U2, U6)")
  class Memberships extends MembershipStoreContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  // ---- invitations

  @Nested
  @DisplayName("Invitations (I5, I7, L1)")
  class Invitations extends InvitationStoreContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  // ---- conditional updates and deliveries

  @Nested
  @DisplayName("Conditional updates and deliveries (I5, I7, L1, S1)")
  class ConditionalUpdates extends InvitationUpdatesContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  // ---- expiry and reminders

  @Nested
  @DisplayName("Expiry and reminder queues (I11)")
  class Queues extends InvitationQueuesContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  // ---- links

  @Nested
  @DisplayName("Invite links (L1, L3)")
  class Links extends LinkStoreContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  // ---- licenses

  @Nested
  @DisplayName("Pro+ seats (P1–P4)")
  class Seats extends SeatStoreContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  // ---- idempotency

  @Nested
  @DisplayName("Idempotency records (I10)")
  class Idempotency extends IdempotencyStoreContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  // ---- mail outbox and counters (their tests live in OutboxContract and CountersContract)

  @Nested
  @DisplayName("Mail outbox: recorded with its change, claimed once, completed once (SPEC §5)")
  class Outbox extends OutboxContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Counters: rate limits shared by every node (A2)")
  class Counters extends CountersContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Link limits: a policy change reaches the current link at once (L1)")
  class LinkLimits extends LinkLimitsContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Bulk reads and counter steps: one look for many addresses, as the single-item methods answer")
  class Bulk extends BulkContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Guest domain lists: read back exactly as written (A2)")
  class GuestDomainLists extends GuestDomainsContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Founder sign-ups: unproven until confirmed by mail, blocking nobody, expiring (A3, U1)")
  class FounderSignups extends FounderSignupStoreContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Outbox recipients: kept for operators when the payload is erased (SPEC §5)")
  class OutboxRecipients extends OutboxRecipientContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Replaced tokens: an older mail's link answers that a newer one was sent (I7)")
  class SupersededTokens extends SupersededTokenContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Account invariants under concurrent use cases: one admin at least, Pro+ only for members, one link "
      + "(U2, P2, L1)")
  class AccountInvariantRaces extends AccountInvariantRaceContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  @Nested
  @DisplayName("Atomic steps under heavy contention, round after round: more racers than cores (A2)")
  class Contention extends ContentionContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  // ---- concurrency

  @Nested
  @DisplayName("Atomic steps under concurrent units of work (I5, L3, P2, I7, U1, U2, I10)")
  class Concurrency extends ConcurrencyContract {
    @Override
    protected Store store() {
      return StoreContractKit.this.store();
    }
  }

  // ---- the life cycle against a model

  @Nested
  @DisplayName("Invitation and outbox life cycles against a model (I5, I7, L1, S1, §5)")
  class LifeCycle {

    @Test
    @DisplayName("I5, I7: generated sequences of invite, approve, accept, decline, revoke, expire, re-send, "
        + "delivery and look-ups answer as a plain model does after every step")
    void agreesWithModel() {
      int sequences = lifeCycleSequences();
      assertThat(sequences).as("lifeCycleSequences()").isPositive();

      qt().withFixedSeed(LIFE_CYCLE_SEED)
          .withExamples(sequences)
          .forAll(InvitationLifeCycle.sequences(30))
          .checkAssert(steps -> new InvitationLifeCycle(store()).run(steps));
    }

    @Test
    @DisplayName("§5: generated sequences of inserts, claims, reschedules, completions and listings of the outbox, "
        + "some in units of work that fail, answer as a plain model does after every step")
    void outboxAgreesWithModel() {
      int sequences = lifeCycleSequences();
      assertThat(sequences).as("lifeCycleSequences()").isPositive();

      qt().withFixedSeed(LIFE_CYCLE_SEED)
          .withExamples(sequences)
          .forAll(OutboxLifeCycle.sequences(30))
          .checkAssert(steps -> new OutboxLifeCycle(store()).run(steps));
    }
  }
}
