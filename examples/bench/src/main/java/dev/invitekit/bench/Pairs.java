package dev.invitekit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One iteration of a paired benchmark ({@link PasswordBench}, {@link InviteBench}, {@link JdbcInviteBench},
 * {@link ContactsBench}, {@link ScaleBench}, {@link PreviewScaleBench}): every invocation runs
 * Invitekit's operation and its baseline back to back in the same thread, each timed on its own, in an order
 * that alternates from one invocation to the next so neither side is always first after the other. Whatever
 * the machine does over seconds (its clock, other processes, the memory bandwidth) then moves both sides of a
 * pair alike, where two benchmarks in forks a minute apart each see a different machine.
 *
 * <p>Each side is timed on the wall clock and in the benchmark thread's CPU time ({@link
 * ThreadMXBean#getCurrentThreadCpuTime}). The sums of the iteration go out as JMH secondary results
 * ({@code @AuxCounters} of type EVENTS: the values at the end of each iteration, reset at its start);
 * {@link Ratios} turns them into one ratio per iteration and reports their mean with its 99.9% interval.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class Pairs {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * Operations on each side in the iteration: one an invocation, or a block's worth ({@link #run(int, Supplier,
   * Supplier, Blackhole)}).
   */
  public long pairs;
  /** Nanoseconds spent in Invitekit's operation. */
  public long invitekitNs;
  /** Nanoseconds spent in the baseline of the same invocations. */
  public long baselineNs;
  /** The benchmark thread's CPU time in Invitekit's operation, in nanoseconds. */
  public long invitekitCpuNs;
  /** The benchmark thread's CPU time in the baseline, in nanoseconds. */
  public long baselineCpuNs;
  /** Invocations in the iteration, which set the order: not a counter of JMH's (AuxCounters reads public fields). */
  private long invocations;

  @Setup(Level.Iteration)
  public void reset() {
    if (!THREADS.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot tell a thread's CPU time, which the bench reports");
    }
    THREADS.setThreadCpuTimeEnabled(true);
    pairs = 0;
    invocations = 0;
    invitekitNs = 0;
    baselineNs = 0;
    invitekitCpuNs = 0;
    baselineCpuNs = 0;
  }

  /**
   * Runs {@code invitekit} and {@code baseline}, in the order the invocation's number gives, and adds the time
   * of each, on the wall clock and in this thread's CPU, to the iteration's sums.
   */
  <T> T run(Supplier<T> invitekit, Supplier<?> baseline, Blackhole hole) {
    return run(1, invitekit, baseline, hole);
  }

  /**
   * Runs {@code invitekit} {@code times} times in a row and {@code baseline} as often, each block timed as one, in
   * the order the invocation's number gives, and answers the last of Invitekit's results (the others go to {@code
   * hole}). For operations not much longer than the clocks themselves (an in-memory preview takes 0.7 µs; reading
   * the thread's CPU time costs a few hundred nanoseconds, part of it inside the interval it closes), where one
   * clock reading each would add the same constant to both sides and pull their ratio towards 1.
   */
  <T> T run(int times, Supplier<T> invitekit, Supplier<?> baseline, Blackhole hole) {
    if (times < 1) {
      throw new IllegalArgumentException("a pair needs at least one operation on each side: " + times);
    }
    boolean baselineFirst = baselineFirst(invocations);
    if (baselineFirst) {
      baseline(times, baseline, hole);
    }
    long cpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    T result = invitekit.get();
    for (int i = 1; i < times; i++) {
      hole.consume(result);
      result = invitekit.get();
    }
    invitekitNs += System.nanoTime() - start;
    invitekitCpuNs += THREADS.getCurrentThreadCpuTime() - cpu;
    if (!baselineFirst) {
      baseline(times, baseline, hole);
    }
    invocations++;
    pairs += times;
    return result;
  }

  /** Whether an iteration's invocation number {@code invocation} (from 0) runs the baseline first: every other one. */
  static boolean baselineFirst(long invocation) {
    return (invocation & 1) == 1;
  }

  private void baseline(int times, Supplier<?> baseline, Blackhole hole) {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = 1; i < times; i++) {
      hole.consume(baseline.get());
    }
    Object result = baseline.get();
    baselineNs += System.nanoTime() - start;
    baselineCpuNs += THREADS.getCurrentThreadCpuTime() - cpu;
    hole.consume(result);
  }
}
