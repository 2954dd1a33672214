package dev.invitekit.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.member.Role;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.store.InvitationStore;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.TokenDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Open invitations written straight through the store SPI for benchmark 3 ({@link OpenInvitationsBench}): a
 * million through the API would take many minutes on PostgreSQL. Each is the record an invite by email writes
 * ({@code InviteByEmail.fresh}: pending, a co-worker of {@code acme.com}, invited by the admin, the account's
 * locale and invitation lifetime) after its mail went out (delivery {@code SENT}), under a token of the same
 * shape (43 URL-safe Base64 characters of 256 bits) stored only as its SHA-256 digest. Their outbox rows are
 * not written: delivered mail is no part of looking up or accepting an invitation.
 */
final class OpenInvitations implements AutoCloseable {
  static final Duration LIFETIME = Duration.ofDays(30);
  private static final Base64.Encoder TOKEN_TEXT = Base64.getUrlEncoder().withoutPadding();

  private final BenchKit bench;
  private final Duration lifetime;
  // token text only needs to be unique and well-formed here; the kit's own tokens come from a CSPRNG
  private final SplittableRandom random = new SplittableRandom(12);
  private long made;

  OpenInvitations(BenchKit bench, Duration lifetime) {
    this.bench = bench;
    this.lifetime = lifetime;
  }

  /**
   * A fresh bench account on the store a benchmark's parameter names ({@link BenchKit#onStore}), signing up with
   * the tests-only hashing so that the store is what an accept measures; {@link #close} drops it again.
   */
  static OpenInvitations on(String store) throws SQLException {
    return new OpenInvitations(BenchKit.onStore(store, PasswordHashing.insecureFastForTestsOnly(), b -> b), LIFETIME);
  }

  /**
   * As {@link #on}, on tables of their own named with {@code tablePrefix} in {@code pool}'s schema, which other
   * accounts may share; {@link #close} leaves the pool to its owner.
   */
  static OpenInvitations onShared(HikariDataSource pool, String tablePrefix) {
    return new OpenInvitations(BenchKit.onShared(pool, tablePrefix, PasswordHashing.insecureFastForTestsOnly()),
        LIFETIME);
  }

  BenchKit bench() {
    return bench;
  }

  /**
   * Takes the statistics of the account's tables on a database ({@link Databases#analyze}; nothing in memory), as
   * autovacuum keeps a running deployment's: after a fill, and before each iteration of an accept, which adds a
   * user, a membership and two outbox rows each time. Without it PostgreSQL keeps the plans it made when those
   * tables held one row, scans them whole, and an accept at 10k grew from 3.7 to 7.5 ms through one fork (the
   * outbox update alone 0.7 ms over 5,000 rows).
   */
  void analyze() {
    if (bench.pool != null) {
      Databases.analyze(bench.pool, bench.tablePrefix);
    }
  }

  /** Signs up with the invitation {@code token} opens (S6), or fails the benchmark ({@link BenchKit#accept}). */
  SignupResult.Joined accept(Token token) {
    return bench.accept(token);
  }

  @Override
  public void close() {
    bench.close();
  }

  /** One open invitation with its token, ready to insert. */
  record Made(StoredInvitation stored, Token token) {}

  Made next(String kind) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = TOKEN_TEXT.encodeToString(bytes);
    Instant now = bench.clock.instant();
    Invitation invitation = new Invitation(InvitationId.random(), bench.account,
        new EmailAddress(kind + (made++), "acme.com"), null, Role.COWORKER, InvitationState.PENDING, bench.admin, null,
        Locale.US, now, now.plus(lifetime), now, DeliveryStatus.SENT, false, false, null);
    return new Made(new StoredInvitation(invitation, TokenDigest.ofToken(token)), Token.of(token));
  }

  /** Inserts {@code count} open invitations, {@code perUnit} to a unit of work, as batches of 5,000. */
  void fill(int count, int perUnit) {
    fill(count, perUnit, "open", 0);
  }

  /**
   * Inserts {@code count} open invitations to addresses {@code kind}N@acme.com, {@code perUnit} to a unit of work,
   * as batches of 5,000, and answers the tokens of up to {@code sample} of them, one every {@code count / sample}
   * invitations in the order they were made, so that the sample is spread across the whole fill.
   */
  List<Token> fill(int count, int perUnit, String kind, int sample) {
    int every = every(count, sample);
    List<Token> sampled = new ArrayList<>();
    Store store = bench.store;
    for (int done = 0; done < count; ) {
      int unit = Math.min(perUnit, count - done);
      int first = done;
      // the unit's sample is kept only once it committed (a unit of work run again makes new tokens)
      List<Token> ofUnit = store.inTransaction(tx -> {
        List<Token> kept = new ArrayList<>();
        for (int inUnit = 0; inUnit < unit; inUnit += 5_000) {
          List<StoredInvitation> batch = new ArrayList<>();
          for (int i = 0; i < Math.min(5_000, unit - inUnit); i++) {
            Made made = next(kind);
            batch.add(made.stored());
            if ((first + inUnit + i) % every == 0) {
              kept.add(made.token());
            }
          }
          List<InvitationStore.InsertOutcome> outcomes = tx.invitations().insertAll(batch);
          if (outcomes.contains(InvitationStore.InsertOutcome.OPEN_ONE_EXISTS)) {
            throw new IllegalStateException("an open invitation clashed with another");
          }
        }
        return kept;
      });
      sampled.addAll(ofUnit.subList(0, Math.min(ofUnit.size(), sample - sampled.size())));
      done += unit;
    }
    return sampled;
  }

  /**
   * How far apart, in the order they are made, the {@code sample} invitations taken from {@code count} lie: one every
   * {@code count / sample} (at least every one), none when {@code sample} is 0. Benchmark 3's floor samples its own
   * table the same way ({@link PreviewFloorBench}).
   */
  static int every(int count, int sample) {
    return sample == 0 ? Integer.MAX_VALUE : Math.max(1, count / sample);
  }

  /** Inserts one open invitation in a unit of work of its own and answers its token. */
  Token insertOne(String kind) {
    Made made = next(kind);
    boolean inserted = bench.store.inTransaction(tx -> tx.invitations().insert(made.stored()));
    if (!inserted) {
      throw new IllegalStateException("an open invitation clashed with another");
    }
    return made.token();
  }
}
