package dev.invitekit.spring.boot;

import dev.invitekit.secret.PasswordHashing;

import java.time.Duration;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code invitekit.*} settings of the starter: one field per {@link dev.invitekit.Invitekit.Builder}
 * setting, plus the JDBC store and SMTP sender the starter builds. Every value is checked at start-up by the
 * builder that takes it; a bad one stops the app with a message naming the property (see docs/spring-boot.md).
 * Unset values keep Invitekit's defaults.
 */
@ConfigurationProperties(prefix = "invitekit")
public class InvitekitProperties {

  /** The defaults; Boot binds the properties onto it. */
  public InvitekitProperties() {}

  /**
   * The absolute http(s) URL of the app (required), such as https://app.example.com: invitation and link URLs
   * in mail are built from it (I6, L1).
   */
  private @Nullable String baseUrl;

  /** The product name used in mail. */
  private String productName = "Invitekit";

  /** The zone in which "today" is decided for the age check (S2) and dates in mail are written. */
  private ZoneId zone = ZoneId.of("UTC");

  /**
   * The key that seals mail in the outbox (AES-256-GCM): 32 bytes, Base64-encoded. Required in practice for a
   * shared store: every node must use the same key, and it must survive restarts (docs/mail.md#the-outbox-key).
   * Without it a random key per process is used, which suits the in-memory store only.
   */
  private @Nullable String outboxKey;

  private final Paths paths = new Paths();
  private final Password password = new Password();
  private final Contacts contacts = new Contacts();
  private final TokenAttempts tokenAttempts = new TokenAttempts();
  private final Mail mail = new Mail();
  private final Store store = new Store();
  private final Health health = new Health();

  public @Nullable String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(@Nullable String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getProductName() {
    return productName;
  }

  public void setProductName(String productName) {
    this.productName = productName;
  }

  public ZoneId getZone() {
    return zone;
  }

  public void setZone(ZoneId zone) {
    this.zone = zone;
  }

  public @Nullable String getOutboxKey() {
    return outboxKey;
  }

  public void setOutboxKey(@Nullable String outboxKey) {
    this.outboxKey = outboxKey;
  }

  public Paths getPaths() {
    return paths;
  }

  public Password getPassword() {
    return password;
  }

  public Contacts getContacts() {
    return contacts;
  }

  public TokenAttempts getTokenAttempts() {
    return tokenAttempts;
  }

  public Mail getMail() {
    return mail;
  }

  public Store getStore() {
    return store;
  }

  public Health getHealth() {
    return health;
  }

  /** The outbox health indicator (Actuator's {@code invitekit} contributor). */
  public static class Health {
    /** The defaults. */
    public Health() {}

    /**
     * Pending mail due for longer than this makes the indicator DOWN: dispatch is not running or not keeping
     * up. With manual dispatch, set it to how often your job runs, plus a margin.
     */
    private Duration maxOverdue = Duration.ofMinutes(15);

    public Duration getMaxOverdue() {
      return maxOverdue;
    }

    public void setMaxOverdue(Duration maxOverdue) {
      this.maxOverdue = maxOverdue;
    }
  }

  /** Paths, relative to the base URL, of the pages Invitekit's mail links to. */
  public static class Paths {
    /** The defaults. */
    public Paths() {}

    /** The invitation page; must contain {token}. */
    private String invitation = "/invitations/{token}";

    /** The invite-link page; must contain {token}. */
    private String link = "/join/{token}";

    /** The sign-in page. */
    private String signIn = "/sign-in";

    public String getInvitation() {
      return invitation;
    }

    public void setInvitation(String invitation) {
      this.invitation = invitation;
    }

    public String getLink() {
      return link;
    }

    public void setLink(String link) {
      this.link = link;
    }

    public String getSignIn() {
      return signIn;
    }

    public void setSignIn(String signIn) {
      this.signIn = signIn;
    }
  }

  /** Password rules and hashing (S4). */
  public static class Password {
    /** The defaults. */
    public Password() {}

    /** The shortest password allowed, 8 to 64; below 15 needs second-factor-enforced=true (S4). */
    private int minimumLength = 15;

    /** Declares that the app enforces a second factor, which lets the minimum length go down to 8 (S4). */
    private boolean secondFactorEnforced;

    private final Hashing hashing = new Hashing();

    public int getMinimumLength() {
      return minimumLength;
    }

    public void setMinimumLength(int minimumLength) {
      this.minimumLength = minimumLength;
    }

    public boolean isSecondFactorEnforced() {
      return secondFactorEnforced;
    }

    public void setSecondFactorEnforced(boolean secondFactorEnforced) {
      this.secondFactorEnforced = secondFactorEnforced;
    }

    public Hashing getHashing() {
      return hashing;
    }
  }

  /** Argon2id parameters (S4); unset means OWASP's m=19456 KiB, t=2, p=1, and none may go below them. */
  public static class Hashing {
    /** The defaults. */
    public Hashing() {}

    /** Memory in KiB, at least 19456. */
    private int memoryKib = 19 * 1024;

    /** Iterations, at least 2. */
    private int iterations = 2;

    /** Parallelism, 1 to 16. */
    private int parallelism = 1;

    /**
     * FOR TESTS ONLY: Argon2id at m=256 KiB, t=1 (weak hashes; Invitekit logs a warning). The other hashing
     * settings are then ignored.
     */
    private boolean insecureFastForTestsOnly;

    /**
     * Which Argon2id implementation computes the hashes: AUTO (native libargon2 when de.mkammerer:argon2-jvm
     * is on the class path and loads, Bouncy Castle otherwise), NATIVE (fail at start-up without it) or
     * PURE_JAVA. All write identical hashes.
     */
    private PasswordHashing.Implementation implementation = PasswordHashing.Implementation.AUTO;

    public int getMemoryKib() {
      return memoryKib;
    }

    public void setMemoryKib(int memoryKib) {
      this.memoryKib = memoryKib;
    }

    public int getIterations() {
      return iterations;
    }

    public void setIterations(int iterations) {
      this.iterations = iterations;
    }

    public int getParallelism() {
      return parallelism;
    }

    public void setParallelism(int parallelism) {
      this.parallelism = parallelism;
    }

    public boolean isInsecureFastForTestsOnly() {
      return insecureFastForTestsOnly;
    }

    public void setInsecureFastForTestsOnly(boolean insecureFastForTestsOnly) {
      this.insecureFastForTestsOnly = insecureFastForTestsOnly;
    }

    public PasswordHashing.Implementation getImplementation() {
      return implementation;
    }

    public void setImplementation(PasswordHashing.Implementation implementation) {
      this.implementation = implementation;
    }
  }

  /** Who sees whom (C3). */
  public static class Contacts {
    /** The defaults. */
    public Contacts() {}

    private final Cache cache = new Cache();

    public Cache getCache() {
      return cache;
    }
  }

  /** The contacts directory cache (C3). */
  public static class Cache {
    /** The defaults. */
    public Cache() {}

    /** How long the contacts directory may be cached: above zero, at most an hour. */
    private Duration ttl = Duration.ofSeconds(30);

    /** For how many accounts, at least 1. */
    private long maximumAccounts = 10_000;

    public Duration getTtl() {
      return ttl;
    }

    public void setTtl(Duration ttl) {
      this.ttl = ttl;
    }

    public long getMaximumAccounts() {
      return maximumAccounts;
    }

    public void setMaximumAccounts(long maximumAccounts) {
      this.maximumAccounts = maximumAccounts;
    }
  }

  /** Limits on trying unknown or malformed invitation and link tokens (SPEC §5). */
  public static class TokenAttempts {
    /** The defaults. */
    public TokenAttempts() {}

    /** Misses per client key per window, at least 1. */
    private int perClient = 30;

    /** Misses for everyone together per window, at least per-client. */
    private int global = 10_000;

    /** The window, from one second to a day. */
    private Duration window = Duration.ofHours(1);

    public int getPerClient() {
      return perClient;
    }

    public void setPerClient(int perClient) {
      this.perClient = perClient;
    }

    public int getGlobal() {
      return global;
    }

    public void setGlobal(int global) {
      this.global = global;
    }

    public Duration getWindow() {
      return window;
    }

    public void setWindow(Duration window) {
      this.window = window;
    }
  }

  /** Mail: the outbox dispatch, retries and the SMTP sender (SPEC §5). */
  public static class Mail {
    /** The defaults. */
    public Mail() {}

    /**
     * No scheduled dispatch: the app calls kit.mail().dispatchDue() itself. Each use case still makes one
     * immediate attempt at its own mail.
     */
    private boolean manualDispatch;

    /** How often scheduled dispatch looks for due mail, 100 ms to 1 hour. */
    private Duration dispatchInterval = Duration.ofSeconds(10);

    /**
     * Base name of the app's mail template bundle (UTF-8 .properties named like resource bundles, such as
     * com.example.mail.invitekit), consulted before the built-in templates (I6).
     */
    private @Nullable String templateBundle;

    private final Retry retry = new Retry();
    private final Smtp smtp = new Smtp();

    public boolean isManualDispatch() {
      return manualDispatch;
    }

    public void setManualDispatch(boolean manualDispatch) {
      this.manualDispatch = manualDispatch;
    }

    public Duration getDispatchInterval() {
      return dispatchInterval;
    }

    public void setDispatchInterval(Duration dispatchInterval) {
      this.dispatchInterval = dispatchInterval;
    }

    public @Nullable String getTemplateBundle() {
      return templateBundle;
    }

    public void setTemplateBundle(@Nullable String templateBundle) {
      this.templateBundle = templateBundle;
    }

    public Retry getRetry() {
      return retry;
    }

    public Smtp getSmtp() {
      return smtp;
    }
  }

  /** How failed mail is retried: exponential backoff with full jitter, then given up. */
  public static class Retry {
    /** The defaults. */
    public Retry() {}

    /** The longest wait before the first retry; at least 1 second. */
    private Duration baseDelay = Duration.ofSeconds(30);

    /** The cap on the wait between attempts: at least base-delay, at most give-up-after. */
    private Duration maxDelay = Duration.ofMinutes(30);

    /**
     * Mail still failing this long after it was recorded is given up; 1 minute to 30 days, and at least max-delay
     * (30m unless set).
     */
    private Duration giveUpAfter = Duration.ofHours(24);

    public Duration getBaseDelay() {
      return baseDelay;
    }

    public void setBaseDelay(Duration baseDelay) {
      this.baseDelay = baseDelay;
    }

    public Duration getMaxDelay() {
      return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
    }

    public Duration getGiveUpAfter() {
      return giveUpAfter;
    }

    public void setGiveUpAfter(Duration giveUpAfter) {
      this.giveUpAfter = giveUpAfter;
    }
  }

  /**
   * The SMTP sender (invitekit-mail-smtp). Setting host (here or Boot's spring.mail.host) turns it on; unset
   * values fall back to spring.mail.* where Boot has one.
   */
  public static class Smtp {
    /** The defaults. */
    public Smtp() {}

    /** The SMTP server's host name; falls back to spring.mail.host. */
    private @Nullable String host;

    /** The port (default 587, or spring.mail.port). */
    private @Nullable Integer port;

    /**
     * How the connection is secured: STARTTLS_REQUIRED (default), STARTTLS_OPTIONAL (trusted relay only) or
     * SMTPS (default when spring.mail.protocol=smtps).
     */
    private @Nullable SmtpSecurity security;

    /** The user to authenticate as; falls back to spring.mail.username. */
    private @Nullable String username;

    /** The password; falls back to spring.mail.password. Never logged. */
    private @Nullable String password;

    /** The sender's address (required with SMTP). */
    private @Nullable String from;

    /** The sender's display name. */
    private @Nullable String fromName;

    /** Connect timeout, above zero and at most 5 minutes. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** Read timeout, above zero and at most 5 minutes. */
    private Duration readTimeout = Duration.ofSeconds(30);

    /** Write timeout, above zero and at most 5 minutes. */
    private Duration writeTimeout = Duration.ofSeconds(30);

    public @Nullable String getHost() {
      return host;
    }

    public void setHost(@Nullable String host) {
      this.host = host;
    }

    public @Nullable Integer getPort() {
      return port;
    }

    public void setPort(@Nullable Integer port) {
      this.port = port;
    }

    public @Nullable SmtpSecurity getSecurity() {
      return security;
    }

    public void setSecurity(@Nullable SmtpSecurity security) {
      this.security = security;
    }

    public @Nullable String getUsername() {
      return username;
    }

    public void setUsername(@Nullable String username) {
      this.username = username;
    }

    public @Nullable String getPassword() {
      return password;
    }

    public void setPassword(@Nullable String password) {
      this.password = password;
    }

    public @Nullable String getFrom() {
      return from;
    }

    public void setFrom(@Nullable String from) {
      this.from = from;
    }

    public @Nullable String getFromName() {
      return fromName;
    }

    public void setFromName(@Nullable String fromName) {
      this.fromName = fromName;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
      return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
    }

    public Duration getWriteTimeout() {
      return writeTimeout;
    }

    public void setWriteTimeout(Duration writeTimeout) {
      this.writeTimeout = writeTimeout;
    }
  }

  /** How the SMTP connection is secured (mirrors SmtpMailSender.Security, which is an optional class here). */
  public enum SmtpSecurity {
    /** Plain connection upgraded with STARTTLS; fails if the server does not offer it. */
    STARTTLS_REQUIRED,
    /** STARTTLS when offered, plain otherwise: only for a relay on a trusted network. */
    STARTTLS_OPTIONAL,
    /** TLS from the first byte (usually port 465). */
    SMTPS
  }

  /** The store the starter builds on the app's DataSource (invitekit-store-jdbc). */
  public static class Store {
    /** The defaults. */
    public Store() {}

    private final Jdbc jdbc = new Jdbc();

    public Jdbc getJdbc() {
      return jdbc;
    }
  }

  /** The JDBC store (docs/operations.md). */
  public static class Jdbc {
    /** The defaults. */
    public Jdbc() {}

    /** Every table and index name starts with it: empty, or a lower-case letter and up to 29 [a-z0-9_]. */
    private String tablePrefix = "invitekit_";

    /** How often a unit of work runs after serialization failures, at least 1. */
    private int maxAttempts = 5;

    /**
     * Whether the starter applies Invitekit's migrations at start-up with the built-in migrator. Unset: yes,
     * unless the app's own Flyway bean has Invitekit's location (classpath:db/migration/postgresql or /h2)
     * among its locations, in which case they are left to it.
     */
    private @Nullable Boolean migrate;

    public String getTablePrefix() {
      return tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
    }

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public @Nullable Boolean getMigrate() {
      return migrate;
    }

    public void setMigrate(@Nullable Boolean migrate) {
      this.migrate = migrate;
    }
  }
}
