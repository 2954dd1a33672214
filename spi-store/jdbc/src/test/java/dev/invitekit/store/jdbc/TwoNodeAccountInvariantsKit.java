package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.Invitekit;
import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.Plan;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.id.LinkId;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredUser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The account invariants of issue 8 item 4 across two nodes: two {@link Invitekit} instances, each with
 * its own pool and {@link JdbcStore}, on one database. In every race one racer runs on node A and its
 * opponent on node B, so only the database can keep "at least one admin" (U2), "only admins and co-workers
 * hold Pro+" (P2) and "one current link" (L1). Each race runs {@link #ROUNDS} rounds on fresh accounts,
 * more racers than cores, outcomes counted; no sleeps. Subclasses supply the two pools on one database.
 */
abstract class TwoNodeAccountInvariantsKit {
  static final int ROUNDS = 20;
  static final int ACCOUNTS_PER_ROUND = Math.max(4, Runtime.getRuntime().availableProcessors() + 1);
  private static final int POOL_SIZE = 6;

  private HikariDataSource poolA;
  private HikariDataSource poolB;
  private KitOnJdbc nodeA;
  private KitOnJdbc nodeB;

  /** Two pools, of {@code poolSize} connections each, on one fresh database. */
  abstract List<HikariDataSource> twoPoolsOnOneDatabase(int poolSize);

  /** Drops the database after the test. */
  abstract void dropDatabase();

  @BeforeEach
  void startTwoNodes() {
    List<HikariDataSource> pools = twoPoolsOnOneDatabase(POOL_SIZE);
    poolA = pools.get(0);
    poolB = pools.get(1);
    RecordingMailbox mailbox = new RecordingMailbox();
    nodeA = new KitOnJdbc(poolA, mailbox);
    nodeB = new KitOnJdbc(poolB, mailbox);
    nodeA.store.migrate();
  }

  @AfterEach
  void stopTwoNodes() {
    if (poolA == null) {
      return;   // skipped before the nodes started (no PostgreSQL configured)
    }
    nodeA.kit.close();
    nodeB.kit.close();
    poolA.close();
    poolB.close();
    dropDatabase();
  }

  /** Racer {@code r} runs on node A when even, on node B when odd. */
  private Invitekit node(int racer) {
    return (racer % 2 == 0 ? nodeA : nodeB).kit;
  }

  private record Team(AccountId id, List<UserId> admins, List<UserId> coworkers) {}

  private List<Team> newTeams(int admins, int coworkers) {
    List<Team> teams = new ArrayList<>();
    nodeA.store.inTransaction(tx -> {
      for (int t = 0; t < ACCOUNTS_PER_ROUND; t++) {
        Account account = new Account(AccountId.random(), "Acme", Plan.PRO_PLUS, List.of("acme.com"), 5,
            InvitePolicy.defaults(), Locale.ENGLISH, KitOnJdbc.NOW);
        tx.accounts().insert(account);
        List<UserId> ids = new ArrayList<>();
        for (int i = 0; i < admins + coworkers; i++) {
          UserId id = UserId.random();
          tx.users().insert(new StoredUser(new User(id, EmailAddress.parse("u" + id.value() + "@acme.com"), "Mem",
              "Ber", KitOnJdbc.NOW, KitOnJdbc.NOW), new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA")));
          tx.memberships().insert(new Membership(account.id(), id, i < admins ? Role.ADMIN : Role.COWORKER, true, null,
              null, KitOnJdbc.NOW.plusSeconds(i)));
          ids.add(id);
        }
        teams.add(new Team(account.id(), ids.subList(0, admins), ids.subList(admins, ids.size())));
      }
      return null;
    });
    return teams;
  }

  private List<Membership> members(AccountId id) {
    return nodeB.store.inTransaction(tx -> tx.memberships().ofAccount(id));
  }

  private long admins(AccountId id) {
    return members(id).stream().filter(m -> m.role() == Role.ADMIN).count();
  }

  /** Two racers per account, released together by a barrier; returns their outcomes in racer order. */
  private static <T> List<T> race(int racers, IntFunction<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CyclicBarrier start = new CyclicBarrier(racers);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        int racer = i;
        futures.add(pool.submit(() -> {
          start.await(60, TimeUnit.SECONDS);
          return task.apply(racer);
        }));
      }
      List<T> outcomes = new ArrayList<>();
      for (Future<T> future : futures) {
        outcomes.add(future.get(120, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long changed(List<MemberChange> outcomes) {
    return outcomes.stream().filter(MemberChange.Changed.class::isInstance).count();
  }

  /** One admin's change to another member of the account, made on the racer's node. */
  @FunctionalInterface
  private interface MutualChange {
    MemberChange apply(Invitekit node, UserId actor, AccountId account, UserId other);
  }

  /**
   * Round after round, the two admins of each account, on the two nodes, make {@code change} to each other at
   * the same moment; answers the accounts left without an admin and the races without exactly one winner.
   */
  private int[] raceAdminsAgainstEachOther(MutualChange change) throws Exception {
    int withoutAdmin = 0;
    int notOneWinner = 0;
    for (int round = 0; round < ROUNDS; round++) {
      List<Team> teams = newTeams(2, 0);
      List<MemberChange> outcomes = race(2 * teams.size(), racer -> {
        Team team = teams.get(racer / 2);
        return change.apply(node(racer), team.admins().get(racer % 2), team.id(), team.admins().get(1 - racer % 2));
      });
      for (int i = 0; i < teams.size(); i++) {
        withoutAdmin += admins(teams.get(i).id()) == 0 ? 1 : 0;
        notOneWinner += changed(outcomes.subList(2 * i, 2 * i + 2)) == 1 ? 0 : 1;
      }
    }
    return new int[] {withoutAdmin, notOneWinner};
  }

  @Test
  @DisplayName("U2 (issue 8.4): two admins on two nodes demoting each other leave exactly one admin")
  void twoAdminsOnTwoNodesDemotingEachOtherLeaveOneAdmin_U2_issue8_4() throws Exception {
    int[] counted = raceAdminsAgainstEachOther(
        (node, actor, account, other) -> node.members().changeRole(actor, account, other, Role.COWORKER));
    int races = ROUNDS * ACCOUNTS_PER_ROUND;
    assertThat(counted[0]).as("of %d two-node demotion races, accounts left without an admin", races).isZero();
    assertThat(counted[1]).as("of %d two-node demotion races, those without exactly one winner", races).isZero();
  }

  @Test
  @DisplayName("U2 (issue 8.4): two admins on two nodes removing each other leave exactly one admin")
  void twoAdminsOnTwoNodesRemovingEachOtherLeaveOneAdmin_U2_issue8_4() throws Exception {
    int[] counted = raceAdminsAgainstEachOther(
        (node, actor, account, other) -> node.members().remove(actor, account, other));
    int races = ROUNDS * ACCOUNTS_PER_ROUND;
    assertThat(counted[0]).as("of %d two-node removal races, accounts left without an admin", races).isZero();
    assertThat(counted[1]).as("of %d two-node removal races, those without exactly one winner", races).isZero();
  }

  @Test
  @DisplayName("P2 (issue 8.4): Pro+ assigned on one node while the member is demoted or removed on the other "
      + "never stays with a guest or a non-member")
  void proPlusOnTwoNodesNeverHeldByAGuest_P2_issue8_4() throws Exception {
    int heldByGuestOrStranger = 0;
    for (int round = 0; round < ROUNDS; round++) {
      List<Team> teams = newTeams(2, 1);
      race(2 * teams.size(), racer -> {
        Team team = teams.get(racer / 2);
        UserId member = team.coworkers().get(0);
        if (racer % 2 == 0) {
          return node(racer).licenses().assign(team.admins().get(0), team.id(), member, License.PRO_PLUS);
        }
        return (racer / 2) % 2 == 0
            ? node(racer).members().changeRole(team.admins().get(1), team.id(), member, Role.GUEST)
            : node(racer).members().remove(team.admins().get(1), team.id(), member);
      });
      for (Team team : teams) {
        Map<UserId, Role> roles = members(team.id()).stream()
            .collect(Collectors.toMap(Membership::userId, Membership::role));
        List<LicenseAssignment> held = nodeA.store.inTransaction(tx -> tx.seats().ofAccount(team.id()));
        if (held.stream().anyMatch(a -> roles.get(a.userId()) == null || roles.get(a.userId()) == Role.GUEST)) {
          heldByGuestOrStranger++;
        }
      }
    }
    assertThat(heldByGuestOrStranger).as("of %d two-node races of assign against demote or remove, accounts "
        + "where a guest or a non-member holds Pro+", ROUNDS * ACCOUNTS_PER_ROUND).isZero();
  }

  @Test
  @DisplayName("L1 (issue 8.4): first fetches of an account's link on two nodes at once get one link, the current one")
  void firstLinkFetchesOnTwoNodesShareOneLink_L1_issue8_4() throws Exception {
    int split = 0;
    for (int round = 0; round < ROUNDS; round++) {
      List<Team> teams = newTeams(1, 1);
      List<LinkAccess> answers = race(2 * teams.size(), racer -> {
        Team team = teams.get(racer / 2);
        UserId member = racer % 2 == 0 ? team.admins().get(0) : team.coworkers().get(0);
        return node(racer).links().current(member, team.id());
      });
      assertThat(answers).allMatch(LinkAccess.Available.class::isInstance);
      for (int i = 0; i < teams.size(); i++) {
        Set<LinkId> handedOut = new HashSet<>();
        answers.subList(2 * i, 2 * i + 2).forEach(a -> handedOut.add(((LinkAccess.Available) a).link().id()));
        AccountId id = teams.get(i).id();
        Optional<StoredLink> current = nodeB.store.inTransaction(tx -> tx.links().findActive(id));
        if (handedOut.size() != 1 || current.isEmpty() || !handedOut.contains(current.get().id())) {
          split++;
        }
      }
    }
    assertThat(split).as("of %d two-node races of first link fetches, accounts with more than one link handed out",
        ROUNDS * ACCOUNTS_PER_ROUND).isZero();
  }
}
