package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.id.LinkId;
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredUser;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The account invariants under concurrent use cases (U2, P2, L1; issue 8 item 4): "an account always has
 * at least one admin", "only admins and co-workers hold Pro+" and "one current invite link" hold under
 * any interleaving. Each race runs through the {@link Invitekit} facade on the store under test, so it
 * checks what core asks of the store: {@link dev.invitekit.spi.store.AccountStore#lock}
 * serializes the units of work that change an account's members, licenses or link, and what they read
 * after it is what the previous holder committed. Every race runs {@link #ROUNDS} rounds, each on fresh
 * accounts raced by more threads than the machine has cores, and counts the outcomes; no sleeps. Run as
 * a {@code @Nested} group of {@link StoreContractKit}.
 */
public abstract class AccountInvariantRaceContract extends ContractGroup {

  /** Rounds of each race; each round races fresh accounts. */
  static final int ROUNDS = 40;

  /** Accounts raced at once in a round: enough that the racers outnumber the cores (two per account). */
  static final int ACCOUNTS_PER_ROUND = Math.max(4, Runtime.getRuntime().availableProcessors() + 1);

  private Invitekit kit;

  @BeforeEach
  final void buildKit() {
    kit = Invitekit.builder()
        .store(store())
        .mail(message -> new DeliveryResult.Delivered(message.toString()))
        .manualMailDispatch()
        .baseUrl(URI.create("https://app.example.com"))
        .clock(StoreFixtures.CLOCK)
        .build();
  }

  @AfterEach
  final void closeKit() {
    if (kit != null) {
      kit.close();
    }
  }

  /** An account of fresh admins (and co-workers), written straight to the store: the race is not about sign-ups. */
  private record Team(AccountId id, List<UserId> admins, List<UserId> coworkers) {}

  private Team newTeam(int admins, int coworkers) {
    Account account = StoreFixtures.account().proPlus(5).build();
    List<StoredUser> users = IntStream.range(0, admins + coworkers)
        .mapToObj(i -> StoreFixtures.user().build()).toList();
    tx(t -> {
      t.accounts().insert(account);
      for (int i = 0; i < users.size(); i++) {
        t.users().insert(users.get(i));
        t.memberships().insert(StoreFixtures.membership(account.id(), users.get(i).user().id())
            .role(i < admins ? Role.ADMIN : Role.COWORKER).joinedAt(StoreFixtures.at(i)).build());
      }
      return null;
    });
    List<UserId> ids = users.stream().map(u -> u.user().id()).toList();
    return new Team(account.id(), ids.subList(0, admins), ids.subList(admins, ids.size()));
  }

  private List<Team> newTeams(int admins, int coworkers) {
    return IntStream.range(0, ACCOUNTS_PER_ROUND).mapToObj(i -> newTeam(admins, coworkers)).toList();
  }

  private List<Membership> members(AccountId id) {
    return tx(t -> t.memberships().ofAccount(id));
  }

  private long admins(AccountId id) {
    return members(id).stream().filter(m -> m.role() == Role.ADMIN).count();
  }

  /** Runs a race on the accounts of one round: racer {@code r} plays {@code task} on account {@code r / 2}. */
  private static <T> List<T> raceInPairs(List<Team> teams, Function<Integer, T> task) {
    return Race.run(teams.size() * 2, task::apply);
  }

  private static long changed(List<MemberChange> outcomes) {
    return outcomes.stream().filter(MemberChange.Changed.class::isInstance).count();
  }

  /** What {@link #raceAdminsAgainstEachOther} counted: races run, accounts left without an admin, and races not won once. */
  private record AdminRaces(int races, int withoutAdmin, int notOneWinner) {}

  /**
   * Round after round, the two admins of each account do {@code change(actor, account, other)} to each other at
   * the same moment; counts the accounts left without an admin and the races where not exactly one change was made.
   */
  private AdminRaces raceAdminsAgainstEachOther(MutualChange change) {
    int withoutAdmin = 0;
    int notOneWinner = 0;
    int races = 0;
    for (int round = 0; round < ROUNDS; round++) {
      List<Team> teams = newTeams(2, 0);
      List<MemberChange> outcomes = raceInPairs(teams, racer -> {
        Team team = teams.get(racer / 2);
        return change.apply(team.admins().get(racer % 2), team.id(), team.admins().get(1 - racer % 2));
      });
      for (int i = 0; i < teams.size(); i++) {
        races++;
        if (admins(teams.get(i).id()) == 0) {
          withoutAdmin++;
        }
        if (changed(outcomes.subList(2 * i, 2 * i + 2)) != 1) {
          notOneWinner++;
        }
      }
    }
    return new AdminRaces(races, withoutAdmin, notOneWinner);
  }

  /** One admin's change to another member of the account. */
  @FunctionalInterface
  private interface MutualChange {
    MemberChange apply(UserId actor, AccountId account, UserId other);
  }

  @Test
  @DisplayName("U2 (issue 8.4): two admins demoting each other at once leave exactly one admin, round after round")
  void twoAdminsDemotingEachOtherLeaveOneAdmin_U2_issue8_4() {
    AdminRaces counted = raceAdminsAgainstEachOther(
        (actor, account, other) -> kit.members().changeRole(actor, account, other, Role.COWORKER));
    assertThat(counted.withoutAdmin()).as("of %d races of two admins demoting each other (%d rounds), accounts left "
        + "without an admin", counted.races(), ROUNDS).isZero();
    assertThat(counted.notOneWinner()).as("of %d races, those where not exactly one demotion was made",
        counted.races()).isZero();
  }

  @Test
  @DisplayName("U2 (issue 8.4): two admins removing each other at once leave exactly one admin, round after round")
  void twoAdminsRemovingEachOtherLeaveOneAdmin_U2_issue8_4() {
    AdminRaces counted = raceAdminsAgainstEachOther(
        (actor, account, other) -> kit.members().remove(actor, account, other));
    assertThat(counted.withoutAdmin()).as("of %d races of two admins removing each other (%d rounds), accounts left "
        + "without an admin", counted.races(), ROUNDS).isZero();
    assertThat(counted.notOneWinner()).as("of %d races, those where not exactly one removal was made",
        counted.races()).isZero();
  }

  @Test
  @DisplayName("P2 (issue 8.4): an admin assigning Pro+ while another demotes or removes the member never "
      + "leaves Pro+ with a guest or a non-member")
  void proPlusNeverHeldByAGuestWhileAdminsAssignAndDemote_P2_issue8_4() {
    int heldByGuestOrStranger = 0;
    int races = 0;
    for (int round = 0; round < ROUNDS; round++) {
      List<Team> teams = newTeams(2, 1);
      raceInPairs(teams, racer -> {
        Team team = teams.get(racer / 2);
        UserId member = team.coworkers().get(0);
        if (racer % 2 == 0) {
          return kit.licenses().assign(team.admins().get(0), team.id(), member, License.PRO_PLUS);
        }
        // Half the accounts demote the member to guest, the other half remove them.
        return (racer / 2) % 2 == 0
            ? kit.members().changeRole(team.admins().get(1), team.id(), member, Role.GUEST)
            : kit.members().remove(team.admins().get(1), team.id(), member);
      });
      for (Team team : teams) {
        races++;
        Map<UserId, Role> roles = members(team.id()).stream()
            .collect(Collectors.toMap(Membership::userId, Membership::role));
        List<LicenseAssignment> held = tx(t -> t.seats().ofAccount(team.id()));
        if (held.stream().anyMatch(a -> roles.get(a.userId()) == null || roles.get(a.userId()) == Role.GUEST)) {
          heldByGuestOrStranger++;
        }
      }
    }
    assertThat(heldByGuestOrStranger).as("of %d races of assign against demote or remove (%d rounds), accounts "
        + "where a guest or a non-member holds Pro+", races, ROUNDS).isZero();
  }

  @Test
  @DisplayName("L1 (issue 8.4): members fetching an account's first invite link at once all get the same link, "
      + "and it is the one current link")
  void concurrentFirstFetchesOfTheLinkShareOneLink_L1_issue8_4() {
    int split = 0;
    int races = 0;
    for (int round = 0; round < ROUNDS; round++) {
      List<Team> teams = newTeams(1, 1);
      List<LinkAccess> answers = raceInPairs(teams, racer -> {
        Team team = teams.get(racer / 2);
        UserId member = racer % 2 == 0 ? team.admins().get(0) : team.coworkers().get(0);
        return kit.links().current(member, team.id());
      });
      assertThat(answers).as("round %d: every fetch gets a link, none an exception", round)
          .allMatch(LinkAccess.Available.class::isInstance);
      for (int i = 0; i < teams.size(); i++) {
        races++;
        Set<LinkId> handedOut = new HashSet<>();
        for (LinkAccess answer : answers.subList(2 * i, 2 * i + 2)) {
          handedOut.add(((LinkAccess.Available) answer).link().id());
        }
        AccountId id = teams.get(i).id();
        Optional<StoredLink> current = tx(t -> t.links().findActive(id));
        if (handedOut.size() != 1 || current.isEmpty() || !handedOut.contains(current.get().id())) {
          split++;
        }
      }
    }
    assertThat(split).as("of %d races of first link fetches (%d rounds), accounts whose fetches got different "
        + "links or not the current one", races, ROUNDS).isZero();
  }

  @Test
  @DisplayName("U2, P2, L1: units of work holding accounts.lock on one account run one after another and see "
      + "what the previous holder committed (16 racers adding members under a cap of 6)")
  void lockAccountSerializesUnitsOfWorkOnOneAccount_U2_issue8_4() {
    int overCap = 0;
    int lockRounds = ROUNDS / 4;
    for (int round = 0; round < lockRounds; round++) {
      Team team = newTeam(1, 0);
      List<StoredUser> joiners = IntStream.range(0, 16).mapToObj(i -> StoreFixtures.user().build()).toList();
      tx(t -> {
        joiners.forEach(t.users()::insert);
        return null;
      });
      List<Boolean> added = Race.run(16, racer -> tx(t -> {
        assertThat(t.accounts().lock(team.id())).as("the locked account").isPresent();
        if (t.memberships().ofAccount(team.id()).size() >= 6) {
          return false;
        }
        // Some work between deciding and writing, as a use case does, so a store without the lock shows it.
        joiners.forEach(j -> t.users().find(j.user().id()));
        return t.memberships().insert(StoreFixtures.membership(team.id(), joiners.get(racer).user().id())
            .joinedAt(NOW).build());
      }));
      if (members(team.id()).size() > 6 || added.stream().filter(Boolean::booleanValue).count() != 5) {
        overCap++;
      }
    }
    assertThat(overCap).as("of %d rounds, those where more than the cap got in", lockRounds).isZero();
    Optional<Account> unknown = tx(t -> t.accounts().lock(AccountId.random()));
    assertThat(unknown).as("locking an unknown account").isEmpty();
  }
}
