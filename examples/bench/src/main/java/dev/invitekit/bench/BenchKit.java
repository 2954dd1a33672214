package dev.invitekit.bench;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.account.PolicyChange;
import dev.invitekit.id.UserId;
import dev.invitekit.secret.Token;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.store.Store;
import dev.invitekit.store.jdbc.JdbcStore;
import dev.invitekit.store.memory.InMemoryStore;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * One founded account to benchmark against: Invitekit on a store, a provider that accepts every message, an
 * account {@code acme.com} whose rate limits are out of the way (a benchmark measures the work, not the
 * limiter), and its admin. Built only through the public API, as an application would.
 */
final class BenchKit implements AutoCloseable {
  static final String PASSWORD_TEXT = "lantern meadow pebble ocean drift";
  static final Password PASSWORD = Password.of(PASSWORD_TEXT);
  static final String FOUNDER = "dana@acme.com";

  final Invitekit kit;
  final Store store;
  final LinkCatcher mail;
  final SteppingClock clock;
  final AccountId account;
  final UserId admin;
  /**
   * The pool of the database this kit's store is on ({@link #onStore}, {@link #onShared}), or null in memory or on
   * a store the caller brought.
   */
  final @Nullable HikariDataSource pool;
  /** The prefix of this kit's tables in {@link #pool}'s schema (JdbcStore's default where it has a schema alone). */
  final String tablePrefix;
  /** Whether {@link #close} drops {@link #pool}: true where {@link #onStore} opened it for this kit alone. */
  private final boolean dropsPool;

  private BenchKit(Invitekit kit, Store store, LinkCatcher mail, SteppingClock clock, AccountId account,
      UserId admin, @Nullable Database database) {
    this.pool = database == null ? null : database.pool();
    // on a database the store is the JdbcStore onDatabase built, with the prefix it was given or its default
    this.tablePrefix = database == null ? "" : ((JdbcStore) store).tablePrefix();
    this.dropsPool = database != null && database.dropsPool();
    this.kit = kit;
    this.store = store;
    this.mail = mail;
    this.clock = clock;
    this.account = account;
    this.admin = admin;
  }

  /** On the in-memory store; mail goes out only when the benchmark dispatches it. */
  static BenchKit inMemory(PasswordHashing hashing) {
    return on(new InMemoryStore(), hashing);
  }

  static BenchKit on(Store store, PasswordHashing hashing) {
    return on(store, hashing, builder -> builder);
  }

  /**
   * On the store a benchmark's parameter names: {@code memory}, or a fresh, migrated database of the kind
   * {@link Databases#open} knows ({@code h2}, {@code postgresql}), which {@link #close} drops again.
   */
  static BenchKit onStore(String kind, PasswordHashing hashing, UnaryOperator<Invitekit.Builder> settings)
      throws SQLException {
    if ("memory".equals(kind)) {
      return on(new InMemoryStore(), hashing, settings, null);
    }
    HikariDataSource pool = Databases.open(kind, Databases.POOL_SIZE);
    try {
      return onDatabase(new Database(pool, null, true), hashing, settings);
    } catch (RuntimeException e) {
      Databases.drop(pool);
      throw e;
    }
  }

  /**
   * On tables of their own, named with {@code tablePrefix}, in the schema of a pool another kit may use too
   * (benchmark 3: both sides of a pair on one connection); the caller drops the pool when every kit on it is
   * closed.
   */
  static BenchKit onShared(HikariDataSource pool, String tablePrefix, PasswordHashing hashing) {
    return onDatabase(new Database(pool, tablePrefix, false), hashing, builder -> builder);
  }

  /** The migrated tables of {@code database}. */
  private static BenchKit onDatabase(Database database, PasswordHashing hashing,
      UnaryOperator<Invitekit.Builder> settings) {
    JdbcStore.Builder builder = JdbcStore.builder(database.pool());
    String prefix = database.tablePrefix();
    if (prefix != null) {
      builder.tablePrefix(prefix);
    }
    JdbcStore jdbc = builder.build();
    jdbc.migrate();
    return on(jdbc, hashing, settings, database);
  }

  /**
   * Where a kit's tables are: a pool's schema, their prefix (null: JdbcStore's default), and whether the kit drops
   * the pool when it closes.
   */
  private record Database(HikariDataSource pool, @Nullable String tablePrefix, boolean dropsPool) {}

  /** As {@link #on(Store, PasswordHashing)}, with more settings on the builder (a benchmark's cache, say). */
  static BenchKit on(Store store, PasswordHashing hashing, UnaryOperator<Invitekit.Builder> settings) {
    return on(store, hashing, settings, null);
  }

  private static BenchKit on(Store store, PasswordHashing hashing, UnaryOperator<Invitekit.Builder> settings,
      @Nullable Database database) {
    LinkCatcher mail = new LinkCatcher();
    SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T09:00:00Z"));
    Invitekit kit = settings.apply(Invitekit.builder()
        .store(store)
        .mail(mail)
        .baseUrl(URI.create("https://app.example.com"))
        .clock(clock)
        .passwordHashing(hashing)
        .manualMailDispatch())
        .build();
    mail.watch(FOUNDER);
    AccountCreation creation = kit.accounts().create(new NewAccount("Acme", Plan.PRO_PLUS, List.of("acme.com"),
        1_000_000, Locale.US, FOUNDER, "Dana", "Whitfield", LocalDate.of(1986, 4, 12), PASSWORD, PASSWORD));
    if (!(creation instanceof AccountCreation.ConfirmationSent)) {
      throw new IllegalStateException("could not create the bench account: " + creation);
    }
    kit.mail().dispatchDue();
    FounderConfirmation confirmation = kit.accounts().confirmFounder(mail.tokenFor(FOUNDER), PASSWORD);
    if (!(confirmation instanceof FounderConfirmation.Confirmed confirmed)) {
      throw new IllegalStateException("could not confirm the bench founder: " + confirmation);
    }
    AccountId account = confirmed.account().id();
    UserId admin = confirmed.founder().id();
    InvitePolicy unlimited = InvitePolicy.defaults()
        .withRateLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, 3)
        .withInvitationLifetime(Duration.ofDays(30));
    PolicyChange change = kit.accounts().updatePolicy(admin, account, unlimited);
    if (!(change instanceof PolicyChange.Changed)) {
      throw new IllegalStateException("could not lift the bench account's rate limits: " + change);
    }
    return new BenchKit(kit, store, mail, clock, account, admin, database);
  }

  /**
   * Signs up with the invitation {@code token} opens (S6), as Robin Example born in 1990 with {@link #PASSWORD}, or
   * fails the benchmark: the accept of benchmarks 3 and 8.
   */
  SignupResult.Joined accept(Token token) {
    SignupResult result = kit.signup().createAccount(
        new SignupRequest(token, LocalDate.of(1990, 1, 1), "Robin", "Example", PASSWORD, PASSWORD));
    if (!(result instanceof SignupResult.Joined joined)) {
      throw new IllegalStateException("the accept failed: " + result);
    }
    return joined;
  }

  @Override
  public void close() {
    try {
      kit.close();
    } finally {
      if (dropsPool && pool != null) {
        Databases.drop(pool);
      }
    }
  }

  /** A clock the benchmark moves forward by hand, so nothing expires or resets by wall time mid-run. */
  static final class SteppingClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    SteppingClock(Instant start) {
      this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private SteppingClock(AtomicReference<Instant> now, ZoneId zone) {
      this.now = now;
      this.zone = zone;
    }

    void advance(Duration step) {
      now.updateAndGet(instant -> instant.plus(step));
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new SteppingClock(now, zone);
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
