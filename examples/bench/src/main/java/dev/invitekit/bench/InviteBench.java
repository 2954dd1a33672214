package dev.invitekit.bench;

import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.InviteResult;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 1 (issue 12): a 20-address invite on the in-memory store, against {@link HandWrittenInvite}
 * measured in the same run. Target: at most 3 times the baseline. Every invocation invites 20 new co-worker
 * addresses, so each is a real invitation with its token, digest, row and mail; Invitekit also makes its one
 * delivery attempt after commit (to a provider that accepts at once) and records the 20 mails sent, as it
 * does for every invite.
 *
 * <p>Both sides start every iteration from empty state (a new store and account, a new baseline map): state
 * grows only within an iteration, by the same 20 rows an invocation on each side, so neither side's time
 * drifts with the length of the run or pays for garbage the other never made.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InviteBench {
  static final int ADDRESSES = 20;

  private BenchKit bench;
  private HandWrittenInvite handWritten;
  private long round;

  /** Fresh state on both sides for every iteration, checked to do the whole work once before it is timed. */
  @Setup(Level.Iteration)
  public void setUp() {
    bench = BenchKit.inMemory(PasswordHashing.insecureFastForTestsOnly());
    handWritten = new HandWrittenInvite();
    long sentBefore = bench.mail.sent();
    InviteResult first = invite20();
    if (!(first instanceof InviteResult.InviteReport report) || report.outcomes().size() != ADDRESSES
        || !report.outcomes().stream().allMatch(o -> o instanceof AddressOutcome.Invited invited
            && invited.delivery() == DeliveryStatus.SENT)
        || bench.mail.sent() - sentBefore != ADDRESSES) {
      throw new IllegalStateException("the bench invite did not invite and deliver 20 addresses: " + first);
    }
    if (baseline_invite20().length != ADDRESSES || handWritten.size() != ADDRESSES) {
      throw new IllegalStateException("the hand-written invite did not invite 20 addresses");
    }
  }

  @TearDown(Level.Iteration)
  public void tearDown() {
    bench.close();
  }

  /** 20 new addresses, pasted as one list as a user would. */
  private String nextList() {
    long r = round++;
    StringBuilder list = new StringBuilder(ADDRESSES * 24);
    for (int i = 0; i < ADDRESSES; i++) {
      list.append("user").append(r).append('-').append(i).append("@acme.com; ");
    }
    return list.toString();
  }

  private String[] nextAddresses() {
    long r = round++;
    String[] addresses = new String[ADDRESSES];
    for (int i = 0; i < ADDRESSES; i++) {
      addresses[i] = "user" + r + "-" + i + "@acme.com";
    }
    return addresses;
  }

  @Benchmark
  public InviteResult invite20() {
    return bench.kit.invitations().inviteByEmail(bench.admin, bench.account, nextList());
  }

  @Benchmark
  public HandWrittenInvite.Mail[] baseline_invite20() {
    return handWritten.invite(nextAddresses(), LocalDate.of(2026, 12, 31));
  }
}
