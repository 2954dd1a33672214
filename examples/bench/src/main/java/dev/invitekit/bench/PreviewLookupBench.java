package dev.invitekit.bench;

import dev.invitekit.secret.Token;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.TokenDigest;
import java.sql.SQLException;
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
 * Benchmark 3 (issue 12), in memory, context without a target: the part of {@link ScaleBench#preview} that is the
 * store's, the look-up of an invitation by its token's digest in a unit of work of its own, through the store SPI
 * ({@code InvitationStore.findByToken}) as the preview makes it, with nothing of the preview around it. Filled,
 * sampled, paired with 10k and timed in blocks exactly as {@link ScaleBench#preview} in memory ({@link
 * ScaleBench#sampled}). Its growth from 10k to 1M, set beside the preview's and the hand-written floor's ({@link
 * PreviewFloorBench}), says how much of the preview's growth is the look-up and how much of the look-up's is more
 * than the least any look-up by key in the heap reads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class PreviewLookupBench {
  /** Open invitations in the larger store, the measured side. */
  @Param({"100000", "1000000"})
  public int invitations;

  private OpenInvitations large;
  private OpenInvitations small;
  private Lookups largeLookups;
  private Lookups smallLookups;

  /** Fills both stores as {@link ScaleBench} does, then collects the fills' garbage before the measurement. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    small = OpenInvitations.on("memory");
    smallLookups = new Lookups(small.bench().store, ScaleBench.sampled(small, ScaleBench.BASELINE_INVITATIONS,
        "small"));
    large = OpenInvitations.on("memory");
    largeLookups = new Lookups(large.bench().store, ScaleBench.sampled(large, invitations, "large"));
    System.gc();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      large.close();
    } finally {
      small.close();
    }
  }

  /** A look-up by token at {@link #invitations}, paired with one at 10k (the baseline side). */
  @Benchmark
  public StoredInvitation storeLookup(Pairs pairs, Blackhole hole) {
    return pairs.run(ScaleBench.PREVIEWS_IN_MEMORY, largeLookups::next, smallLookups::next, hole);
  }

  /** The sampled invitations of one store, looked up in turn. */
  static final class Lookups {
    private final Store store;
    private final Token[] tokens;
    private int next;

    Lookups(Store store, Token[] tokens) {
      this.store = store;
      this.tokens = tokens;
    }

    /** The next token's invitation, as the preview's unit of work finds it; a token not found fails the run. */
    StoredInvitation next() {
      Token token = tokens[next];
      next = next + 1 == tokens.length ? 0 : next + 1;
      TokenDigest digest = TokenDigest.ofToken(token.reveal());
      return store.inTransaction(tx -> tx.invitations().findByToken(digest))
          .orElseThrow(() -> new IllegalStateException("a sampled invitation is not in the store"));
    }
  }
}
