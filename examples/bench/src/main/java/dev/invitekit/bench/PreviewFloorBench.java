package dev.invitekit.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmark 3 (issue 12), context without a target: the floor under {@link ScaleBench#preview} in memory. A
 * hand-written preview, the least any look-up of an invitation by its token in the JVM's heap does: the token's
 * SHA-256 digest as the key of a {@link HashMap}, the invitation a record beside it, its state and expiry checked and
 * a preview built from it. Paired, as {@link ScaleBench#preview}, with the same look-up in a map of 10k, going round
 * {@value ScaleBench#PREVIEWED} invitations a side spread across each map and shuffled, in blocks of {@value
 * ScaleBench#PREVIEWS_IN_MEMORY}.
 *
 * <p>It answers how much of the preview's growth from 10k to 1M is the machine's rather than Invitekit's: each
 * look-up reads a table slot and a record that, among a million, are in no cache and on no page the processor has
 * mapped lately (review of round 9: a preview at 1M was 1.39x its time at 10k, 0.8 µs more).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class PreviewFloorBench {
  /** Invitations in the larger map, the measured side. */
  @Param({"100000", "1000000"})
  public int invitations;

  private HandWrittenPreviews large;
  private HandWrittenPreviews small;

  /** Fills both maps, then collects the fill's garbage before the measurement, as {@link ScaleBench} does. */
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

  /** A token's digest as the map's key. */
  private record Key(long a, long b, long c, long d) {}

  /** An open invitation as a hand-written version keeps it. */
  private record Row(UUID id, String accountName, String inviterName, String local, String domain, String role,
      boolean pending, Instant createdAt, Instant expiresAt) {}

  /** A map of open invitations by their tokens' digests, and the tokens its previews go round, in turn. */
  static final class HandWrittenPreviews {
    private static final Base64.Encoder TOKEN_TEXT = Base64.getUrlEncoder().withoutPadding();

    private final Map<Key, Row> byDigest = new HashMap<>();
    private final MessageDigest sha256;
    private final String[] tokens;
    private final Instant now = Instant.parse("2026-12-01T09:00:00Z");
    private int next;

    /**
     * {@code invitations} open invitations to {@code kind}N@acme.com, each with its own instants as a fill of
     * {@link OpenInvitations} gives them, and the tokens of {@value ScaleBench#PREVIEWED} of them, one every {@code
     * invitations / PREVIEWED} in the order they were made, shuffled (as {@link ScaleBench}), copied after the fill
     * as a request's token arrives.
     */
    HandWrittenPreviews(int invitations, String kind) {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this JVM has no SHA-256", e);
      }
      SplittableRandom random = new SplittableRandom(12);
      int every = Math.max(1, invitations / ScaleBench.PREVIEWED);
      List<String> sampled = new ArrayList<>();
      for (int i = 0; i < invitations; i++) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = TOKEN_TEXT.encodeToString(bytes);
        Instant created = now.plusNanos(i);
        byDigest.put(key(token), new Row(new UUID(random.nextLong(), random.nextLong()), "Acme", "Ada Admin",
            kind + i, "acme.com", "COWORKER", true, created, created.plus(Duration.ofDays(30))));
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

    private Key key(String token) {
      ByteBuffer digest = ByteBuffer.wrap(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
      return new Key(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
    }

    /** The preview of the next token's invitation; a token that is not open fails the benchmark. */
    Preview next() {
      String token = tokens[next];
      next = next + 1 == tokens.length ? 0 : next + 1;
      Row row = byDigest.get(key(token));
      if (row == null || !row.pending() || !now.isBefore(row.expiresAt())) {
        throw new IllegalStateException("a previewed invitation is not open");
      }
      return new Preview(row.accountName(), row.inviterName(), row.local() + "@" + row.domain(), row.role(),
          row.expiresAt());
    }
  }
}
