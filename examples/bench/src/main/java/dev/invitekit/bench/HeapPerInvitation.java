package dev.invitekit.bench;

import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.invite.InviteResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;

/**
 * Benchmark 7 (issue 12): the heap each pending invitation costs in the in-memory store, outbox entry
 * included, measured as used heap after full collections before and after inviting {@code n} addresses.
 * Target: at most 400 bytes. Not a JMH benchmark: it measures space, once.
 */
final class HeapPerInvitation {
  private HeapPerInvitation() {}

  /** Bytes of heap per pending invitation after inviting {@code n} addresses. */
  static double measure(int n) {
    BenchKit bench = BenchKit.inMemory(PasswordHashing.insecureFastForTestsOnly());
    try {
      // warm the code paths and caches first, so they are not counted
      invite(bench, 0, 200);
      long before = usedAfterGc();
      invite(bench, 200, n);
      long after = usedAfterGc();
      return (after - before) / (double) n;
    } finally {
      bench.close();
    }
  }

  private static void invite(BenchKit bench, int from, int count) {
    for (int made = 0; made < count; made += 20) {
      StringBuilder list = new StringBuilder(20 * 28);
      for (int i = 0; i < 20 && made + i < count; i++) {
        list.append("heap").append(from + made + i).append("@acme.com, ");
      }
      // A second between lists, as between requests: invitations of different lists then hold instants of
      // their own (created, updated, expires), as they would in production, not one shared by the whole run.
      bench.clock.advance(Duration.ofSeconds(1));
      InviteResult result = bench.kit.invitations().inviteByEmail(bench.admin, bench.account, list.toString());
      if (!(result instanceof InviteResult.InviteReport)) {
        throw new IllegalStateException("could not invite: " + result);
      }
    }
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
