package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.error.StoreException;
import dev.invitekit.store.tck.StoreFixtures;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.member.Membership;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.store.StoredUser;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A connection that fails at the N-th statement, for every N over a whole unit of work: the caller gets a
 * {@link StoreException} and nothing of the unit is left, or, when the fault hit after the commit, the
 * caller is told of a success that is wholly recorded (SPEC §5).
 */
abstract class FaultInjectionKit {
  private static final String ADDRESSES = "cy@acme.com, di@acme.com, \"Lee, Ann\" <ann@example.org>";

  /** A pool on a fresh, empty database. */
  abstract HikariDataSource freshDatabase();

  /** Drops the database behind the pool and closes it. */
  abstract void drop(HikariDataSource pool);

  private HikariDataSource pool;

  private record Node(KitOnJdbc node, StatementCountingDataSource faults, RecordingMailbox mailbox, AccountId acme,
      dev.invitekit.id.UserId ada) {}

  private Node freshNode() {
    if (pool != null) {
      drop(pool);
    }
    pool = freshDatabase();
    StatementCountingDataSource faults = new StatementCountingDataSource(pool);
    RecordingMailbox mailbox = new RecordingMailbox();
    KitOnJdbc node = new KitOnJdbc(faults, mailbox);
    node.store.migrate();
    FounderConfirmation.Confirmed acme = node.createAcme(2);
    mailbox.clear();   // Ada's confirmation (A3) is set-up: the tests look only at the invite's mail
    return new Node(node, faults, mailbox, acme.account().id(), acme.founder().id());
  }

  @AfterEach
  void dropDatabase() {
    if (pool != null) {
      drop(pool);
      pool = null;
    }
  }

  @Test
  @DisplayName("§5, I4: a bulk invite failing at any statement is either not recorded at all (StoreException) or fully")
  void inviteFailsCleanlyAtEveryStatement() {
    int faultsInjected = 0;
    for (int n = 1; ; n++) {
      Node fx = freshNode();
      fx.faults().reset(n);
      InviteResult result;
      try {
        result = fx.node().kit.invitations().inviteByEmail(fx.ada(), fx.acme(), ADDRESSES);
      } catch (StoreException expected) {
        faultsInjected++;
        fx.faults().reset(0);
        List<Invitation> left = fx.node().store.inTransaction(tx -> StoreFixtures.plain(tx.invitations().ofAccount(fx.acme())));
        assertThat(left).as("invitations left after a fault at statement %d", n).isEmpty();
        assertThat(fx.mailbox().all()).as("mail sent after a fault at statement %d", n).isEmpty();
        continue;
      }
      boolean hit = fx.faults().executions() >= n;
      fx.faults().reset(0);
      List<Invitation> stored = fx.node().store.inTransaction(tx -> StoreFixtures.plain(tx.invitations().ofAccount(fx.acme())));
      assertThat(((InviteResult.InviteReport) result).outcomes()).allMatch(AddressOutcome.Invited.class::isInstance);
      assertThat(stored).as("a reported success is recorded (fault at %d hit: %s)", n, hit).hasSize(3);
      if (!hit) {
        break;
      }
    }
    assertThat(faultsInjected).as("faults that reached the caller").isGreaterThan(3);
  }

  @Test
  @DisplayName("§5, S6: a sign-up failing at any statement creates no user, no membership and leaves the invitation pending")
  void signupFailsCleanlyAtEveryStatement() {
    int faultsInjected = 0;
    for (int n = 1; ; n++) {
      Node fx = freshNode();
      fx.node().kit.invitations().inviteByEmail(fx.ada(), fx.acme(), "bo@acme.com");
      String token = RecordingMailbox.tokenOf(fx.mailbox().lastLink("bo@acme.com").orElseThrow());
      fx.faults().reset(n);
      SignupResult result;
      try {
        result = fx.node().kit.signup().createAccount(KitOnJdbc.signup(token, "Bo", "Stone"));
      } catch (StoreException expected) {
        faultsInjected++;
        fx.faults().reset(0);
        Optional<StoredUser> user = fx.node().store.inTransaction(tx -> tx.users().findByEmail(EmailAddress.parse("bo@acme.com")));
        List<Membership> members = fx.node().store.inTransaction(tx -> tx.memberships().ofAccount(fx.acme()));
        List<Invitation> invitations = fx.node().store.inTransaction(tx -> StoreFixtures.plain(tx.invitations().ofAccount(fx.acme())));
        assertThat(user).as("user after a fault at statement %d", n).isEmpty();
        assertThat(members).as("members after a fault at statement %d", n).hasSize(1);
        assertThat(invitations).singleElement().extracting(Invitation::state).isEqualTo(InvitationState.PENDING);
        continue;
      }
      boolean hit = fx.faults().executions() >= n;
      fx.faults().reset(0);
      assertThat(result).isInstanceOf(SignupResult.Joined.class);
      List<Membership> members = fx.node().store.inTransaction(tx -> tx.memberships().ofAccount(fx.acme()));
      List<Invitation> invitations = fx.node().store.inTransaction(tx -> StoreFixtures.plain(tx.invitations().ofAccount(fx.acme())));
      assertThat(members).hasSize(2);
      assertThat(invitations).singleElement().extracting(Invitation::state).isEqualTo(InvitationState.ACCEPTED);
      if (!hit) {
        break;
      }
    }
    assertThat(faultsInjected).as("faults that reached the caller").isGreaterThan(3);
  }
}
