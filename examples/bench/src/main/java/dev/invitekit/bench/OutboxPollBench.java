package dev.invitekit.bench;

import dev.invitekit.outbox.MailOutbox.DispatchCounts;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.spi.store.OutboxEntry;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Beyond issue 12's eight benchmarks, context without a target: the mail dispatcher's poll ({@code
 * kit.mail().dispatchDue()}, SPEC §5), which a scheduler runs every few seconds and which mostly finds nothing
 * due, in memory, with the delivered mails of 100k or 1M invitations in the outbox, paired in every invocation
 * ({@link Pairs}) with the same poll with those of 10k. The in-memory outbox keeps delivered mail for good (its
 * listing by status shows it); a poll that read all of it held the store's lock for 26 ms at a million, on every
 * poll, where a preview takes a microsecond. Only the outbox is filled, one delivered entry an invitation, written
 * through the store SPI as {@link OpenInvitations} writes its invitations: the poll reads nothing else.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class OutboxPollBench {
  /** Invitations whose mails were delivered in the larger outbox, the measured side. */
  @Param({"100000", "1000000"})
  public int invitations;

  BenchKit large;
  BenchKit small;

  /** Fills both outboxes, then collects the fills' garbage before the measurement, as {@link ScaleBench} does. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    small = delivered(ScaleBench.BASELINE_INVITATIONS);
    large = delivered(invitations);
    System.gc();
  }

  /** Closes both kits. */
  @TearDown(Level.Trial)
  public void tearDown() {
    Closing.inOrder(large, small);
  }

  /** A kit in memory whose outbox holds {@code count} delivered mails of its account. */
  static BenchKit delivered(int count) throws SQLException {
    BenchKit bench = BenchKit.onStore("memory", PasswordHashing.insecureFastForTestsOnly(), b -> b);
    Instant sent = bench.clock.instant();
    for (int from = 0; from < count; from += 10_000) {
      int first = from;
      int end = Math.min(count, from + 10_000);
      bench.store.inTransaction(tx -> {
        for (int i = first; i < end; i++) {
          // an id as the kit's own (<uuid>@<host>), the payload erased as delivery leaves it
          tx.outbox().insert(OutboxEntry.pending(new UUID(i, 12).toString() + "@acme.com", bench.account, null, null,
              "", sent).completed(OutboxEntry.Status.SENT, 1, null));
        }
        return null;
      });
    }
    return bench;
  }

  /** A poll with 100k or 1M invitations' mails delivered, paired with one with 10k's (the baseline side). */
  @Benchmark
  public DispatchCounts poll(Pairs pairs, Blackhole hole) {
    return pairs.run(() -> large.kit.mail().dispatchDue(), () -> small.kit.mail().dispatchDue(), hole);
  }
}
