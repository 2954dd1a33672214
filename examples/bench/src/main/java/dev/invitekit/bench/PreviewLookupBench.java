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
 * store's, the look-up of an invitation by its token's digest through the store SPI ({@code
 * InvitationStore.findByToken}), in a transaction of the store's own ({@code Store.inTransaction}, without core's
 * unit of work and its guard). The digests are computed in the set-up, after the fill, so the timed part is the
 * store's transaction alone: none of the preview's own work (the token's check and SHA-256 digest, the account,
 * the inviter, the re-check of I8) is in it. Filled, sampled, paired with 10k and timed in blocks exactly as
 * {@link ScaleBench#preview} in memory ({@link ScaleBench#sampled}). Its growth from 10k to 1M in microseconds (the
 * "less the baseline" rows; its ratio's denominator is smaller than the preview's), set beside the preview's and
 * the hand-written floor's ({@link PreviewFloorBench}), says how much of the preview's growth is the look-up and
 * how much of the look-up's is more than the least any look-up by key in the heap reads.
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
  Lookups largeLookups;
  Lookups smallLookups;

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

  /** Closes both stores' kits. */
  @TearDown(Level.Trial)
  public void tearDown() {
    Closing.inOrder(large, small);
  }

  /** A look-up by token at {@link #invitations}, paired with one at 10k (the baseline side). */
  @Benchmark
  public StoredInvitation storeLookup(Pairs pairs, Blackhole hole) {
    return pairs.run(ScaleBench.PREVIEWS_IN_MEMORY, largeLookups::next, smallLookups::next, hole);
  }

  /** The sampled invitations of one store, looked up in turn by their tokens' digests. */
  static final class Lookups {
    private final Store store;
    private final TokenDigest[] digests;
    private int next;

    /** {@code tokens}' digests, computed once here, in their order. */
    Lookups(Store store, Token[] tokens) {
      this.store = store;
      this.digests = new TokenDigest[tokens.length];
      for (int i = 0; i < tokens.length; i++) {
        digests[i] = TokenDigest.ofToken(tokens[i].reveal());
      }
    }

    /** The next digest's invitation, found by the store as the preview finds it; one not found fails the run. */
    StoredInvitation next() {
      TokenDigest digest = digests[next];
      next = next + 1 == digests.length ? 0 : next + 1;
      return store.inTransaction(tx -> tx.invitations().findByToken(digest))
          .orElseThrow(() -> new IllegalStateException("a sampled invitation is not in the store"));
    }
  }
}
