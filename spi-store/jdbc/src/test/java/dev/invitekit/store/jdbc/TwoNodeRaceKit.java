package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.Invitekit;
import dev.invitekit.secret.Token;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.PolicyChange;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.license.LicenseResult;
import dev.invitekit.link.InviteLink;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoredUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one app: two {@link Invitekit} instances, each with its own connection pool and
 * {@link JdbcStore}, on one database, racing from many threads. Outcomes must be exact (I5, L3, P2).
 * Subclasses supply the two pools on one database.
 */
abstract class TwoNodeRaceKit {
  private static final int POOL_SIZE = 6;

  private HikariDataSource poolA;
  private HikariDataSource poolB;
  private final RecordingMailbox mailbox = new RecordingMailbox();   // the one SMTP server both nodes use
  private KitOnJdbc nodeA;
  private KitOnJdbc nodeB;
  private AccountId acme;
  private UserId ada;

  /** Two pools, of {@code poolSize} connections each, on one fresh database. */
  abstract List<HikariDataSource> twoPoolsOnOneDatabase(int poolSize);

  /** Drops the database after the test. */
  abstract void dropDatabase();

  @BeforeEach
  void startTwoNodes() {
    List<HikariDataSource> pools = twoPoolsOnOneDatabase(POOL_SIZE);
    poolA = pools.get(0);
    poolB = pools.get(1);
    nodeA = new KitOnJdbc(poolA, mailbox);
    nodeB = new KitOnJdbc(poolB, mailbox);
    nodeA.store.migrate();
    assertThat(nodeB.store.migrate()).as("the second node finds the schema applied").isEmpty();
    FounderConfirmation.Confirmed created = nodeA.createAcme(3);
    acme = created.account().id();
    ada = created.founder().id();
  }

  @AfterEach
  void stopTwoNodes() {
    if (poolA == null) {
      return;   // skipped before the nodes started (no PostgreSQL configured)
    }
    poolA.close();
    poolB.close();
    dropDatabase();
  }

  private Invitekit node(int racer) {
    return (racer % 2 == 0 ? nodeA : nodeB).kit;
  }

  /** Runs {@code threads} racers released together, alternating between the nodes; returns their outcomes. */
  private static <T> List<T> race(int threads, Function<Integer, T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int racer = i;
        Callable<T> call = () -> {
          ready.countDown();
          start.await();
          return task.apply(racer);
        };
        futures.add(pool.submit(call));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
      start.countDown();
      List<T> outcomes = new ArrayList<>();
      for (Future<T> future : futures) {
        outcomes.add(future.get(120, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("I5: 8 invitations, each accepted by 6 racers on two nodes at once: exactly one sign-up wins each")
  void acceptOncePerInvitationAcrossNodes() throws Exception {
    int invitations = 8;
    int racersEach = 6;
    List<String> addresses = IntStream.range(0, invitations).mapToObj(i -> "bo" + i + "@acme.com").toList();
    InviteResult result = nodeA.kit.invitations().inviteByEmail(ada, acme, String.join(", ", addresses));
    assertThat(((InviteResult.InviteReport) result).outcomes()).allMatch(AddressOutcome.Invited.class::isInstance);
    List<String> tokens = addresses.stream()
        .map(a -> RecordingMailbox.tokenOf(mailbox.lastLink(a).orElseThrow())).toList();

    List<SignupResult> outcomes = race(invitations * racersEach, racer ->
        node(racer).signup().createAccount(KitOnJdbc.signup(tokens.get(racer % invitations), "Bo", "Stone")));

    for (int i = 0; i < invitations; i++) {
      int invitation = i;
      List<SignupResult> forThis = IntStream.range(0, outcomes.size()).filter(r -> r % invitations == invitation)
          .mapToObj(outcomes::get).toList();
      assertThat(forThis).as("sign-ups with the token of %s", addresses.get(i))
          .filteredOn(SignupResult.Joined.class::isInstance).hasSize(1);
      // A loser either finds the invitation used, or, a moment earlier, the address's identity taken.
      assertThat(forThis).filteredOn(r -> !(r instanceof SignupResult.Joined))
          .hasSize(racersEach - 1).allMatch(r -> r instanceof SignupResult.Unusable
              || r instanceof SignupResult.Invalid invalid && invalid.problems().stream()
                  .allMatch(p -> p.code() == FieldProblem.Code.ALREADY_TAKEN));
    }
    List<Membership> members = nodeB.store.inTransaction(tx -> tx.memberships().ofAccount(acme));
    assertThat(members).hasSize(invitations + 1);
  }

  @Test
  @DisplayName("L3: 40 visitors on two nodes redeem a link with a use limit of 5: exactly 5 get in")
  void linkUsesAcrossNodes() throws Exception {
    PolicyChange change = nodeA.kit.accounts().updatePolicy(ada, acme,
        nodeA.kit.trusted().account(acme).orElseThrow().policy().withLinkLimits(Duration.ofDays(30), 5));
    assertThat(change).isInstanceOf(PolicyChange.Changed.class);
    InviteLink link = ((LinkAccess.Available) nodeA.kit.links().current(ada, acme)).link();
    String token = RecordingMailbox.tokenOf(link.url());

    List<Redemption> answers = race(40, racer -> node(racer).links().redeem(Token.of(token), "visitor" + racer + "@acme.com"));

    assertThat(answers).filteredOn(Redemption.CheckYourEmail.class::isInstance).hasSize(5);
    assertThat(answers).filteredOn(a -> !(a instanceof Redemption.CheckYourEmail)).hasSize(35)
        .containsOnly(new Redemption.Refused(Redemption.Reason.USE_LIMIT_REACHED));
    assertThat(nodeB.store.inTransaction(tx -> tx.links().find(link.id())).orElseThrow().uses()).isEqualTo(5);
  }

  @Test
  @DisplayName("P2: admins on two nodes assign 3 Pro+ seats to 24 members at once: exactly 3 get one")
  void seatsAcrossNodes() throws Exception {
    List<UserId> members = addMembers(24);

    List<LicenseResult> results = race(24, racer ->
        node(racer).licenses().assign(ada, acme, members.get(racer), License.PRO_PLUS));

    Map<Class<?>, Long> byKind = results.stream().collect(Collectors.groupingBy(Object::getClass, Collectors.counting()));
    assertThat(byKind).containsOnlyKeys(LicenseResult.Assigned.class, LicenseResult.NoSeatsLeft.class);
    assertThat(byKind.get(LicenseResult.Assigned.class)).isEqualTo(3);
    List<LicenseAssignment> stored = nodeA.store.inTransaction(tx -> tx.seats().ofAccount(acme));
    assertThat(stored).hasSize(3);
  }

  /** Co-workers added straight through the store: the race is about seats, not sign-ups. */
  private List<UserId> addMembers(int count) {
    List<UserId> ids = new ArrayList<>();
    nodeA.store.inTransaction(tx -> {
      for (int i = 0; i < count; i++) {
        UserId id = UserId.random();
        tx.users().insert(new StoredUser(new User(id, EmailAddress.parse("member" + i + "@acme.com"), "Mem", "Ber" + i,
            KitOnJdbc.NOW, KitOnJdbc.NOW), new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA")));
        tx.memberships().insert(new Membership(acme, id, Role.COWORKER, true, ada, null, KitOnJdbc.NOW));
        ids.add(id);
      }
      return null;
    });
    return ids;
  }
}
