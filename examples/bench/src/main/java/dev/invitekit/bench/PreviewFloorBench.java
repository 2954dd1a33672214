package dev.invitekit.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmark 3 (issue 12), context without a target: a floor under {@link ScaleBench#preview} in memory. A
 * hand-written preview that reads as little as a look-up of an invitation by its token in the JVM's heap can: the
 * token's SHA-256 digest hashed into one open-addressing table (linear probing, at most a quarter full, as the
 * store's token index since the twelfth round), whose slot points at a flat record holding the digest, the id and
 * the state as primitives and the address's local part as bytes beside it; the account's name, the inviter, the domain and the expiry shared by
 * every record, as {@link OpenInvitations}' fill shares them. Per look-up: a slot, the record (and any other record
 * in the slot's run), the local part's bytes. Paired, as {@link ScaleBench#preview}, with the same look-up in a table
 * of 10k, going round {@value ScaleBench#PREVIEWED} invitations a side taken at the same positions of the fill and
 * shuffled the same way, in blocks of {@value ScaleBench#PREVIEWS_IN_MEMORY}.
 *
 * <p>Its growth from 10k to 1M, in microseconds (the "less the baseline" rows; its ratio has a denominator about a
 * sixth of Invitekit's), is what reading one record by key among a million costs on this machine, whatever code
 * does it (review of round 10: a first version on {@code HashMap}, which reads a node, a key, a row and its own
 * instant, read more than Invitekit's store and was no floor).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class PreviewFloorBench {
  /** Invitations in the larger table, the measured side. */
  @Param({"100000", "1000000"})
  public int invitations;

  HandWrittenPreviews large;
  HandWrittenPreviews small;

  /** Fills both tables, then collects the fill's garbage before the measurement, as {@link ScaleBench} does. */
  @Setup(Level.Trial)
  public void setUp() {
    small = new HandWrittenPreviews(ScaleBench.BASELINE_INVITATIONS, "small");
    large = new HandWrittenPreviews(invitations, "large");
    System.gc();
  }

  /** A hand-written preview at {@link #invitations}, paired with one at 10k (the baseline side). */
  @Benchmark
  public Object handWritten(Pairs pairs, Blackhole hole) {
    return pairs.run(ScaleBench.PREVIEWS_IN_MEMORY, large::next, small::next, hole);
  }

  /** A preview as a hand-written version shows it. */
  record Preview(String accountName, String inviterName, String email, String role, Instant expiresAt) {}

  /** An open invitation as a hand-written version keeps it: flat, its digest as four {@code long}s. */
  private static final class Row {
    final long a;
    final long b;
    final long c;
    final long d;
    final long idHigh;
    final long idLow;
    final boolean pending;
    final byte[] local;

    Row(long[] digest, long idHigh, long idLow, byte[] local) {
      this.a = digest[0];
      this.b = digest[1];
      this.c = digest[2];
      this.d = digest[3];
      this.idHigh = idHigh;
      this.idLow = idLow;
      this.pending = true;
      this.local = local;
    }
  }

  /** A table of open invitations by their tokens' digests, and the tokens its previews go round, in turn. */
  static final class HandWrittenPreviews {
    private static final Base64.Encoder TOKEN_TEXT = Base64.getUrlEncoder().withoutPadding();

    private final Row[] slots;
    private final int mask;
    private final MessageDigest sha256;
    private final String[] tokens;
    private final Instant now = Instant.parse("2026-12-01T09:00:00Z");
    private final Instant expiresAt = now.plusSeconds(30L * 86_400);
    private final String accountName = "Acme";
    private final String inviterName = "Ada Admin";
    private final String domain = "acme.com";
    private int next;

    /**
     * {@code invitations} open invitations to {@code kind}N@acme.com, and the tokens of {@value
     * ScaleBench#PREVIEWED} of them, one every {@code invitations / PREVIEWED} in the order they were made, as
     * {@link OpenInvitations#fill} takes them, shuffled and copied after the fill as {@link ScaleBench} does.
     */
    HandWrittenPreviews(int invitations, String kind) {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this JVM has no SHA-256", e);
      }
      // at most a quarter full, as the store's token index (Index.SPARSE_LOAD_FACTOR): 24% at 1M, 15% at 10k
      slots = new Row[Integer.highestOneBit(Math.max(2, invitations) * 4 - 1) * 2];
      mask = slots.length - 1;
      SplittableRandom random = new SplittableRandom(12);
      int every = OpenInvitations.every(invitations, ScaleBench.PREVIEWED);
      List<String> sampled = new ArrayList<>();
      for (int i = 0; i < invitations; i++) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = TOKEN_TEXT.encodeToString(bytes);
        put(new Row(digest(token), random.nextLong(), random.nextLong(),
            (kind + i).getBytes(StandardCharsets.ISO_8859_1)));
        if (i % every == 0 && sampled.size() < ScaleBench.PREVIEWED) {
          sampled.add(token);
        }
      }
      Collections.shuffle(sampled, new Random(9));
      tokens = sampled.stream().map(token -> new String(token.toCharArray())).toArray(String[]::new);
    }

    int previewed() {
      return tokens.length;
    }

    private long[] digest(String token) {
      ByteBuffer digest = ByteBuffer.wrap(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
      return new long[] {digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong()};
    }

    private int slot(long a) {
      return (int) ((a * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }

    private void put(Row row) {
      int slot = slot(row.a);
      while (slots[slot] != null) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = row;
    }

    /** The preview of the next token's invitation; a token that is not open fails the benchmark. */
    Preview next() {
      String token = tokens[next];
      next = next + 1 == tokens.length ? 0 : next + 1;
      long[] digest = digest(token);
      for (int slot = slot(digest[0]); ; slot = (slot + 1) & mask) {
        Row row = slots[slot];
        if (row == null) {
          throw new IllegalStateException("a previewed invitation is not in the table");
        }
        if (row.a == digest[0] && row.b == digest[1] && row.c == digest[2] && row.d == digest[3]) {
          if (!row.pending || !now.isBefore(expiresAt)) {
            throw new IllegalStateException("a previewed invitation is not open");
          }
          return new Preview(accountName, inviterName,
              new String(row.local, StandardCharsets.ISO_8859_1) + "@" + domain, "COWORKER", expiresAt);
        }
      }
    }
  }
}
