package dev.invitekit.store.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs one task on many real threads that start together, and collects every outcome, so a test can count
 * them (STYLE: concurrency claims are tested with real threads and counted outcomes, never with sleeps).
 */
final class Race {

  /** How long any one racer may take before the race counts as hung (a deadlock, a lost wake-up). */
  private static final long TIMEOUT_SECONDS = 60;

  private Race() {}

  /**
   * Runs {@code task} once on each of {@code threads} threads, all released at the same moment by a
   * barrier, and returns the outcomes in racer order.
   *
   * @throws AssertionError if a racer threw (with its exception as the cause) or did not finish in time
   */
  static <T> List<T> run(int threads, IntFunction<T> task) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    // Every racer waits at the barrier, so none starts before all threads exist and are ready.
    CyclicBarrier start = new CyclicBarrier(threads);
    try {
      List<Future<T>> futures = new ArrayList<>(threads);
      for (int i = 0; i < threads; i++) {
        int racer = i;
        futures.add(pool.submit(() -> {
          start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          return task.apply(racer);
        }));
      }
      List<T> outcomes = new ArrayList<>(threads);
      for (int i = 0; i < threads; i++) {
        outcomes.add(outcome(futures.get(i), i));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T outcome(Future<T> future, int racer) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("racer " + racer + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("racer " + racer + " did not finish within " + TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for racer " + racer, e);
    }
  }
}
