package dev.invitekit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One iteration of a paired benchmark ({@link PasswordBench}, {@link Argon2Bench}, {@link InviteBench}, {@link
 * JdbcInviteBench}, {@link ContactsBench}, {@link ScaleBench}, {@link PreviewScaleBench}, {@link PreviewFloorBench},
 * {@link PreviewLookupBench}, {@link OutboxPollBench}): every invocation runs Invitekit's operation (or, for the scale benchmarks, the
 * operation at the larger size) and its baseline back to back in the same thread, each timed on its own, in an order
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
  /** The wall clock and thread CPU of the last {@link #side}, in nanoseconds. */
  private long sideNs;
  private long sideCpuNs;

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
      hole.consume(side(times, baseline, hole));
      baselineNs += sideNs;
      baselineCpuNs += sideCpuNs;
    }
    @SuppressWarnings("unchecked") // side answers what invitekit answered
    T result = (T) side(times, invitekit, hole);
    invitekitNs += sideNs;
    invitekitCpuNs += sideCpuNs;
    if (!baselineFirst) {
      hole.consume(side(times, baseline, hole));
      baselineNs += sideNs;
      baselineCpuNs += sideCpuNs;
    }
    invocations++;
    pairs += times;
    return result;
  }

  /** Whether an iteration's invocation number {@code invocation} (from 0) runs the baseline first: every other one. */
  static boolean baselineFirst(long invocation) {
    return (invocation & 1) == 1;
  }

  /**
   * Runs one side's block and times it, leaving its times in {@link #sideNs} and {@link #sideCpuNs}, and answers
   * the block's last result (the others go to {@code hole}). Both sides go through this one method, never inlined
   * into {@link #run}, so they run the same compiled code around the operation (review of round 9: with Invitekit's
   * side inlined in {@code run} and the baseline's in a method of its own, the JIT could compile the two
   * differently). The thread's CPU time is read inside the wall clock's interval, so a side's CPU time never
   * exceeds its wall clock by the cost of reading the clocks; the time off the CPU ({@link Ratios}) then includes
   * that cost, the same on both sides.
   */
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  private Object side(int times, Supplier<?> operation, Blackhole hole) {
    long start = System.nanoTime();
    long cpu = THREADS.getCurrentThreadCpuTime();
    Object result = operation.get();
    for (int i = 1; i < times; i++) {
      hole.consume(result);
      result = operation.get();
    }
    sideCpuNs = THREADS.getCurrentThreadCpuTime() - cpu;
    sideNs = System.nanoTime() - start;
    return result;
  }
}
