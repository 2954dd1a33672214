package dev.invitekit.bench;

import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.invite.InviteResult;
import java.sql.SQLException;
import java.time.LocalDate;
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

/**
 * Benchmark 2 (issue 12): a 20-address invite on the JDBC store, through delivery (the outbox dispatched to
 * a provider that accepts at once), against {@link HandWrittenJdbcInvite} doing the same durable work on the
 * same database in the same run. Target: at most 1.3 times the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class JdbcInviteBench {
  @Param({Databases.H2, Databases.POSTGRESQL})
  public String database;

  private BenchKit bench;
  private HandWrittenJdbcInvite handWritten;
  private final UUID handWrittenAccount = UUID.randomUUID();
  private long round;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    bench = BenchKit.onStore(database, PasswordHashing.insecureFastForTestsOnly(), builder -> builder);
    handWritten = new HandWrittenJdbcInvite(java.util.Objects.requireNonNull(bench.pool));
    invite20Delivered();
    baseline_invite20Delivered();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    bench.close();
  }

  private String[] next() {
    long r = round++;
    String[] addresses = new String[InviteBench.ADDRESSES];
    for (int i = 0; i < addresses.length; i++) {
      addresses[i] = "jdbc" + r + "-" + i + "@acme.com";
    }
    return addresses;
  }

  /** Invitekit delivers the mail of a unit of work right after it commits, in the caller's thread. */
  @Benchmark
  public InviteResult invite20Delivered() {
    long before = bench.mail.sent();
    InviteResult result = bench.kit.invitations().inviteByEmail(bench.admin, bench.account, String.join(", ", next()));
    if (!(result instanceof InviteResult.InviteReport) || bench.mail.sent() - before != InviteBench.ADDRESSES) {
      throw new IllegalStateException("expected 20 invitations delivered, got " + result);
    }
    return result;
  }

  @Benchmark
  public int baseline_invite20Delivered() throws SQLException {
    int sent = handWritten.inviteAndDeliver(handWrittenAccount, next(), LocalDate.of(2026, 12, 31));
    if (sent != InviteBench.ADDRESSES) {
      throw new IllegalStateException("expected 20 mails delivered, got " + sent);
    }
    return sent;
  }
}
