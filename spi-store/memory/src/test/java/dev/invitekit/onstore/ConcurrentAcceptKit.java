package dev.invitekit.onstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.signup.SignupResult;
import dev.invitekit.signup.TokenStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 13 (I5, S1): of many people signing up with one invitation's token at the same moment,
 * one joins, and every other gets the same answer, ALREADY_USED, never a form problem such as
 * ALREADY_TAKEN. Real threads, more than the machine's cores, started together; outcomes counted. Runs on
 * every store: {@code InMemoryConcurrentAcceptTest}, and the JDBC module's H2 and PostgreSQL tests.
 */
public abstract class ConcurrentAcceptKit extends KitOnAnyStore {
  /** Racers per invitation: more than the cores of a CI machine (2 to 4). */
  protected static final int THREADS = 8;
  /** Invitations raced for, one after the other. */
  protected static final int ROUNDS = 4;

  @Test
  @DisplayName("I5: the losers of a concurrent sign-up with one token all get ALREADY_USED")
  void concurrentAcceptLosersAllGetAlreadyUsed_I5_issue9_13() throws Exception {
    createAcme();
    Map<String, Integer> counted = new TreeMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        String address = "racer" + round + "@acme.com";
        invite(adaId, address);
        String token = tokenFor(address);
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SignupResult>> results = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
          results.add(pool.submit(() -> {
            ready.countDown();
            go.await();
            return kit.signup().createAccount(signup(token, "Rae", "Racer"));
          }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        for (Future<SignupResult> result : results) {
          counted.merge(describe(result.get(60, TimeUnit.SECONDS)), 1, Integer::sum);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf("Concurrent accept (%s): %d rounds of %d threads: %s%n", getClass().getSimpleName(), ROUNDS,
        THREADS, counted);
    assertThat(counted).containsExactlyInAnyOrderEntriesOf(Map.of(
        "Joined", ROUNDS,
        "Unusable " + TokenStatus.ALREADY_USED, ROUNDS * (THREADS - 1)));
  }

  private static String describe(SignupResult result) {
    if (result instanceof SignupResult.Unusable unusable) {
      return "Unusable " + unusable.status();
    }
    if (result instanceof SignupResult.Invalid invalid) {
      return "Invalid " + invalid.problems().stream().map(p -> p.code().name()).toList();
    }
    return result.getClass().getSimpleName();
  }
}
