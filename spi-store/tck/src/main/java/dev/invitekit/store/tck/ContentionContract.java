package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.account.Account;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.CounterIncrement;
import dev.invitekit.spi.store.SeatClaim;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredUser;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The atomic steps under heavy contention, repeated (issue 9 item 14): many more racers than cores, round
 * after round, so that a race which only shows now and then is caught here and not by a newcomer on a busy
 * machine. A unit of work must never fail because another one created the same row at the same moment.
 * Each test runs at least {@link #MIN_ROUNDS} rounds and then goes on while its time budget lasts, and
 * says in its failure message how many rounds ran. Run as a {@code @Nested} group of
 * {@link StoreContractKit}.
 */
public abstract class ContentionContract extends ContractGroup {

  /** Racers per round: well above the cores of any machine this runs on. */
  static final int RACERS = Math.max(32, 8 * Runtime.getRuntime().availableProcessors());

  /** Rounds every test runs, whatever the time. */
  static final int MIN_ROUNDS = 10;

  /** At most this many rounds... */
  static final int MAX_ROUNDS = 40;

  /** ...and no new round after this long. */
  static final long BUDGET_NANOS = 20_000_000_000L;

  /** Counter keys every racer of a round takes a permit of, as overlapping bulk invites do (I2, A2). */
  private static final int SHARED_KEYS = 10;

  @Test
  @DisplayName("A2 (issue 9.14): racers taking permits of ten new shared counters in bulk, each in its own "
      + "order, all complete and exactly the limit is taken, round after round")
  void countersUnderContentionNeverGiveUp_A2_issue9_14() {
    int limit = RACERS / 2;
    int rounds = 0;
    long start = System.nanoTime();
    while (rounds < MIN_ROUNDS || rounds < MAX_ROUNDS && System.nanoTime() - start < BUDGET_NANOS) {
      String round = "r" + rounds + ":";
      // Every racer asks for its own counter and for every shared one, starting at a different shared key:
      // the rows are new, so the racers create them together, in different orders.
      List<boolean[]> taken = Race.run(RACERS, racer -> StoreFixtures.applied(tx(t -> {
        List<CounterIncrement> steps = new ArrayList<>();
        steps.add(new CounterIncrement(round + "own:" + racer, NOW, 1, 1));
        for (int k = 0; k < SHARED_KEYS; k++) {
          steps.add(new CounterIncrement(round + "shared:" + (racer + k) % SHARED_KEYS, NOW, 1, limit));
        }
        return t.counters().tryIncrementAll(steps);
      })));
      int finished = rounds;
      assertThat(taken).as("round %d of %d racers: every own counter is taken", finished, RACERS)
          .allMatch(a -> a[0]);
      for (int k = 0; k < SHARED_KEYS; k++) {
        String key = round + "shared:" + k;
        long applied = 0;
        for (int racer = 0; racer < RACERS; racer++) {
          // Racer r asked for shared key k at step 1 + (k - r mod SHARED_KEYS).
          applied += taken.get(racer)[1 + Math.floorMod(k - racer, SHARED_KEYS)] ? 1 : 0;
        }
        assertThat(applied).as("round %d: permits of %s taken by %d racers with a limit of %d", finished, key,
            RACERS, limit).isEqualTo(limit);
        assertThat(number(t -> t.counters().value(key, NOW))).as("round %d: %s", finished, key).isEqualTo(limit);
      }
      rounds++;
    }
    assertThat(rounds).as("rounds run").isGreaterThanOrEqualTo(MIN_ROUNDS);
  }

  @Test
  @DisplayName("A2 (issue 9.14): racers taking one permit each of a new counter, one call each, get exactly "
      + "the limit, round after round")
  void singleCounterUnderContentionNeverGivesUp_A2_issue9_14() {
    int limit = RACERS / 3;
    int rounds = 0;
    long start = System.nanoTime();
    while (rounds < MIN_ROUNDS || rounds < MAX_ROUNDS && System.nanoTime() - start < BUDGET_NANOS) {
      String key = "r" + rounds + ":account";
      List<Boolean> taken = Race.run(RACERS, racer -> tx(t -> t.counters().tryIncrement(key, NOW, 1, limit)));
      int finished = rounds;
      assertThat(taken.stream().filter(Boolean::booleanValue).count())
          .as("round %d: permits taken by %d racers with a limit of %d", finished, RACERS, limit).isEqualTo(limit);
      assertThat(number(t -> t.counters().value(key, NOW))).isEqualTo(limit);
      rounds++;
    }
    assertThat(rounds).as("rounds run").isGreaterThanOrEqualTo(MIN_ROUNDS);
  }

  @Test
  @DisplayName("P2, L3 (issue 9.14): seats claimed and link uses counted by many more racers than cores stay "
      + "exact, round after round")
  void seatsAndLinkUsesStayExactRoundAfterRound_issue9_14() {
    int seats = 5;
    int uses = 7;
    int rounds = 0;
    long start = System.nanoTime();
    while (rounds < MIN_ROUNDS || rounds < MAX_ROUNDS && System.nanoTime() - start < BUDGET_NANOS) {
      Account account = StoreFixtures.account().proPlus(seats).build();
      List<StoredUser> users = IntStream.range(0, RACERS).mapToObj(i -> StoreFixtures.user().build()).toList();
      UserId admin = users.get(0).user().id();
      StoredLink link = StoreFixtures.link(account.id()).createdBy(admin).useLimit(uses).build();
      tx(t -> {
        t.accounts().insert(account);
        for (int i = 0; i < users.size(); i++) {
          t.users().insert(users.get(i));
          t.memberships().insert(StoreFixtures.membership(account.id(), users.get(i).user().id())
              .role(i == 0 ? Role.ADMIN : Role.COWORKER).build());
        }
        t.links().insert(link);
        return null;
      });
      // Even racers claim a seat for themselves, odd racers count a use of the link.
      List<Object> outcomes = Race.run(RACERS, racer -> tx(t -> racer % 2 == 0
          ? t.seats().tryAssign(StoreFixtures.assignment(account.id(), users.get(racer).user().id())
              .assignedBy(admin).build(), seats)
          : (Object) t.links().tryUse(link.id(), NOW)));
      int finished = rounds;
      assertThat(outcomes.stream().filter(SeatClaim.ASSIGNED::equals).count())
          .as("round %d: seats assigned to %d claimants of %d seats", finished, RACERS / 2, seats).isEqualTo(seats);
      assertThat(outcomes.stream().filter(Boolean.TRUE::equals).count())
          .as("round %d: link uses counted for %d redeemers of %d uses", finished, RACERS / 2, uses).isEqualTo(uses);
      List<LicenseAssignment> assigned = tx(t -> t.seats().ofAccount(account.id()));
      assertThat(assigned).hasSize(seats);
      assertThat(number(t -> t.links().find(link.id()).orElseThrow().uses())).isEqualTo(uses);
      rounds++;
    }
    assertThat(rounds).as("rounds run").isGreaterThanOrEqualTo(MIN_ROUNDS);
  }
}
