package dev.invitekit;

import dev.invitekit.trusted.TrustedReads;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.account.Accounts;
import dev.invitekit.contacts.Contacts;
import dev.invitekit.event.EventListener;
import dev.invitekit.internal.account.AccountService;
import dev.invitekit.internal.account.FounderConfirmations;
import dev.invitekit.internal.account.WebmailDomains;
import dev.invitekit.internal.contacts.ContactService;
import dev.invitekit.internal.contacts.Directory;
import dev.invitekit.internal.email.DomainNames;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.invite.InvitationMail;
import dev.invitekit.internal.invite.InvitationService;
import dev.invitekit.internal.license.LicenseService;
import dev.invitekit.internal.link.LinkService;
import dev.invitekit.internal.mail.BundleTemplates;
import dev.invitekit.internal.mail.MailComposer;
import dev.invitekit.internal.mail.MailDispatcher;
import dev.invitekit.internal.mail.OutboxPayload;
import dev.invitekit.internal.member.MemberService;
import dev.invitekit.internal.member.TrustedReadService;
import dev.invitekit.internal.password.Argon2idHasher;
import dev.invitekit.internal.ratelimit.RateLimiter;
import dev.invitekit.internal.ratelimit.TokenAttempts;
import dev.invitekit.internal.signup.FormRules;
import dev.invitekit.internal.signup.SignInService;
import dev.invitekit.internal.signup.SignupService;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.internal.url.AppUrls;
import dev.invitekit.invite.Invitations;
import dev.invitekit.license.Licenses;
import dev.invitekit.link.Links;
import dev.invitekit.member.Members;
import dev.invitekit.member.Users;
import dev.invitekit.outbox.MailOutbox;
import dev.invitekit.signup.Signup;
import dev.invitekit.spi.mail.MailSender;
import dev.invitekit.spi.mail.MailTemplates;
import dev.invitekit.spi.store.Store;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invitekit's one entry point: invitations by email and link, sign-up, licenses and contacts for a team
 * product. Build it once with {@link #builder()} and share it: it is immutable and thread-safe.
 *
 * <!-- snippet: ApiDocs#invitekit -->
 * <pre>{@code
 * Invitekit kit = Invitekit.builder()
 *     .store(new InMemoryStore())
 *     .mail(new ConsoleMailSender())
 *     .baseUrl(URI.create("https://app.example.com"))
 *     .build();
 * }</pre>
 *
 * <p>Each capability has its own sub-API: {@link #accounts()}, {@link #members()},
 * {@link #invitations()}, {@link #links()}, {@link #signup()}, {@link #licenses()} and
 * {@link #contacts()}, and {@link #mail()} for the mail outbox; {@link #trusted()} holds the unchecked
 * reads, for the app's trusted server-side code only (U7). Expected outcomes are values; only
 * infrastructure failures throw, as {@link InvitekitException}s. Close it when the app stops: that stops
 * the mail scheduler.
 */
public final class Invitekit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Invitekit.class);

  private final Accounts accounts;
  private final Members members;
  private final Invitations invitations;
  private final Links links;
  private final Signup signup;
  private final Licenses licenses;
  private final Contacts contacts;
  private final Users users;
  private final MailDispatcher mail;
  private final TrustedReads trusted;
  private final @Nullable ScheduledFuture<?> dispatching;
  private final @Nullable ScheduledExecutorService ownScheduler;

  private Invitekit(Services services, @Nullable ScheduledExecutorService scheduler, boolean ownsScheduler,
      Duration dispatchInterval) {
    this.accounts = services.accounts();
    this.trusted = services.trusted();
    this.members = services.members();
    this.invitations = services.invitations();
    this.links = services.links();
    this.signup = services.signup();
    this.licenses = services.licenses();
    this.contacts = services.contacts();
    this.users = services.users();
    this.mail = services.mail();
    this.ownScheduler = ownsScheduler ? scheduler : null;
    this.dispatching = scheduler == null ? null : scheduler.scheduleWithFixedDelay(this::dispatchGuarded,
        dispatchInterval.toMillis(), dispatchInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The sub-APIs, each wired with the collaborators it uses. */
  private record Services(Accounts accounts, TrustedReads trusted, Members members, Invitations invitations,
      Links links, Signup signup, Licenses licenses, Contacts contacts, Users users, MailDispatcher mail) {}

  /**
   * The scheduled dispatch: a failure is logged and the next run tries again; it never kills the schedule, which
   * a throwable escaping the task would do for good (ScheduledExecutorService), whatever its kind.
   */
  private void dispatchGuarded() {
    try {
      mail.dispatchDue();
    } catch (RuntimeException e) {
      LOG.warn("Mail dispatch failed; pending mail stays in the outbox and is tried again at the next run: {}",
          e.toString());
    } catch (Throwable e) {
      LOG.error("Mail dispatch failed with {}; pending mail stays in the outbox and is tried again at the next run",
          e.getClass().getName());
    }
  }

  /** A builder; {@code store}, {@code mail} and {@code baseUrl} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Company accounts and their invite policy (A1–A4). */
  public Accounts accounts() {
    return accounts;
  }

  /** Memberships, roles and invite permissions (U1–U6). */
  public Members members() {
    return members;
  }

  /** Invitations by email (I1–I11). */
  public Invitations invitations() {
    return invitations;
  }

  /** The shareable invite link (L1–L3). */
  public Links links() {
    return links;
  }

  /** Sign-up from an invitation (S1–S6). */
  public Signup signup() {
    return signup;
  }

  /** Pro+ licenses (P1–P4). */
  public Licenses licenses() {
    return licenses;
  }

  /** Who sees whom (C1–C3). */
  public Contacts contacts() {
    return contacts;
  }

  /** Identities: signing in with an email address and password (U1, S4). */
  public Users users() {
    return users;
  }

  /**
   * Reads without an acting user, <strong>for the app's own trusted server-side code only</strong> (U7):
   * never expose them to callers. Everything a caller asks for goes through the checked reads of
   * {@link #accounts()} and {@link #members()}, which take the acting user.
   */
  public TrustedReads trusted() {
    return trusted;
  }

  /** The mail outbox (SPEC §5): dispatching due mail, and what is pending or was given up. */
  public MailOutbox mail() {
    return mail;
  }

  /**
   * Stops sending mail: cancels the scheduled dispatch, and shuts down the scheduler if Invitekit created it (one
   * given with {@code mailScheduler} is the app's to shut down). Whatever is sending mail at that moment, a scheduled
   * or manual {@code mail().dispatchDue()} or a request delivering its mail after its commit, stops after the mail
   * it is sending, and its bookkeeping is done before this returns, so the store can be closed next: {@code close()}
   * waits up to 5 seconds for it, on an interrupted thread too (keeping its flag), then, on its own scheduler only,
   * interrupts it (otherwise it returns, logging that a send is still going). Called from inside a send (a provider
   * or an event listener closing the kit), it returns at once, as it cannot wait for itself. Afterwards nothing is
   * sent: {@code dispatchDue()} sends nothing, and mail recorded by a later request stays in the outbox (delivery
   * {@code NOT_SENT}) for the next start or another node. Idempotent.
   */
  @Override
  public void close() {
    if (dispatching != null) {
      dispatching.cancel(false);
    }
    boolean inside = mail.dispatchingOnThisThread();
    boolean finished = mail.stop(Duration.ofSeconds(5));
    if (!finished && !inside) {
      LOG.warn("Mail was still being sent 5 seconds after close(); what is not recorded is sent again when its lease "
          + "runs out");
    }
    if (ownScheduler != null) {
      ownScheduler.shutdown();
      if (!finished && !inside) {
        ownScheduler.shutdownNow();
      }
    }
  }

  /**
   * Configures and builds an {@link Invitekit}. Each setting is checked when it is given, with a message
   * that names it; {@link #build()} checks that the required ones were given.
   */
  public static final class Builder {
    private static final String DOCS = "see docs/getting-started.md";

    private @Nullable Store store;
    private @Nullable MailSender mail;
    private @Nullable URI baseUrl;
    private Clock clock = Clock.systemUTC();
    private ZoneId zone = ZoneOffset.UTC;
    private PasswordHashing passwordHashing = PasswordHashing.owasp();
    private int minimumPasswordLength = 15;
    private boolean secondFactorEnforced;
    private String productName = "Invitekit";
    private String invitationPath = "/invitations/{token}";
    private String linkPath = "/join/{token}";
    private String signInPath = "/sign-in";
    private String founderConfirmationPath = "/confirm-founder/{token}";
    private Duration founderConfirmationLifetime = FounderConfirmations.DEFAULT_LIFETIME;
    private Duration contactsCacheTtl = Duration.ofSeconds(30);
    private long contactsCacheAccounts = 10_000;
    private LongSupplier contactsCacheTicker = System::nanoTime;
    private long rateLimitKeys = 100_000;
    private int tokenAttemptsPerClient = 30;
    private int tokenAttemptsGlobal = 10_000;
    private Duration tokenAttemptWindow = Duration.ofHours(1);
    private @Nullable SecretKey outboxKey;
    private @Nullable ScheduledExecutorService mailScheduler;
    private boolean manualMailDispatch;
    private Duration mailDispatchInterval = Duration.ofSeconds(10);
    private MailDispatcher.Retry mailRetry = MailDispatcher.Retry.DEFAULT;
    private final List<MailTemplates> mailTemplates = new ArrayList<>();
    private final List<EventListener> listeners = new ArrayList<>();
    private final Set<String> additionalWebmail = new LinkedHashSet<>();
    private @Nullable Set<String> replacedWebmail;

    private Builder() {}

    /** The store provider (required): {@code new InMemoryStore()} from invitekit-store-memory, or your own. */
    public Builder store(Store store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The mail provider (required): {@code new ConsoleMailSender()} from invitekit-mail-memory, or your own. */
    public Builder mail(MailSender mail) {
      this.mail = Objects.requireNonNull(mail, "mail");
      return this;
    }

    /**
     * The absolute http(s) URL of the app (required); invitation and link URLs are built from it (I6, L1).
     *
     * @throws IllegalArgumentException if it is not an absolute http or https URL without user info, query or
     *     fragment
     */
    public Builder baseUrl(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      String scheme = baseUrl.getScheme();
      String authority = baseUrl.getRawAuthority();
      // Also an authority Java could not read as user info, host and port, such as a host with '_' (review 15b).
      if (baseUrl.getRawUserInfo() != null || (authority != null && authority.indexOf('@') >= 0)) {
        // Not echoed: it would be a password in every mailed link, and in this message.
        throw new IllegalArgumentException("baseUrl must not carry user info (user:password@): every mailed link"
            + " would show it");
      }
      if (!baseUrl.isAbsolute() || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
          || baseUrl.getHost() == null || baseUrl.getPort() > 65_535 || baseUrl.getRawQuery() != null
          || baseUrl.getRawFragment() != null) {
        throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL with a host, a port up to 65535 if"
            + " any, and no query or fragment, was " + baseUrl);
      }
      this.baseUrl = baseUrl;
      return this;
    }

    /** The clock every use case reads time from (default the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The zone in which "today" is decided for the age check (S2) and dates in mail (default UTC). */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Argon2id parameters (default {@link PasswordHashing#owasp()}, S4). Tests may pass
     * {@link PasswordHashing#insecureFastForTestsOnly()}.
     *
     * @throws IllegalStateException when they ask for {@link PasswordHashing.Implementation#NATIVE} and the
     *     native Argon2id cannot be used on this JVM; the message says why and what to do
     */
    public Builder passwordHashing(PasswordHashing parameters) {
      Objects.requireNonNull(parameters, "passwordHashing");
      Argon2idHasher.requireAvailable(parameters.implementation());
      this.passwordHashing = parameters;
      return this;
    }

    /**
     * The shortest password allowed, in characters (default 15, S4). Below 15 requires
     * {@link #secondFactorEnforced(boolean) secondFactorEnforced(true)}, and never below 8.
     *
     * @throws IllegalArgumentException if not 8 to 64
     */
    public Builder minimumPasswordLength(int length) {
      if (length < 8 || length > 64) {
        throw new IllegalArgumentException("minimum password length must be 8 to 64 (S4), was " + length);
      }
      this.minimumPasswordLength = length;
      return this;
    }

    /** Declares that the app enforces a second factor, which lets the minimum password length go down to 8 (S4). */
    public Builder secondFactorEnforced(boolean enforced) {
      this.secondFactorEnforced = enforced;
      return this;
    }

    /** The product name used in mail (default "Invitekit"). */
    public Builder productName(String name) {
      Objects.requireNonNull(name, "productName");
      if (name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("productName must be 1 to 100 characters without control characters");
      }
      this.productName = name.strip();
      return this;
    }

    /**
     * The paths, relative to the base URL, of invitation links, invite links and the sign-in page; the first
     * two must contain {@code {token}} (defaults {@code /invitations/{token}}, {@code /join/{token}},
     * {@code /sign-in}).
     *
     * @throws IllegalArgumentException if a path does not start with {@code /}, lacks a required {@code {token}},
     *     or is not URL text (RFC 3986; a query and a fragment may follow the path)
     */
    public Builder paths(String invitation, String link, String signIn) {
      this.invitationPath = path(invitation, "invitation path", true);
      this.linkPath = path(link, "link path", true);
      this.signInPath = path(signIn, "sign-in path", false);
      return this;
    }

    /**
     * The path, relative to the base URL, of the link in a founder's confirmation mail (A3); it must contain
     * {@code {token}} (default {@code /confirm-founder/{token}}). The app's page there passes the token to
     * {@code kit.accounts().confirmFounder(token)}.
     *
     * @throws IllegalArgumentException as {@link #paths} for a path
     */
    public Builder founderConfirmationPath(String path) {
      this.founderConfirmationPath = path(path, "founder confirmation path", true);
      return this;
    }

    /**
     * How long a founder has to confirm the address by mail before the unconfirmed sign-up expires (A3;
     * default 24 hours). An expired sign-up can no longer be confirmed, blocks nobody, and is discarded with
     * its account a week later.
     *
     * @throws IllegalArgumentException if not 10 minutes to 7 days
     */
    public Builder founderConfirmationLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "founderConfirmationLifetime");
      if (lifetime.compareTo(Duration.ofMinutes(10)) < 0 || lifetime.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException("founder confirmation lifetime must be 10 minutes to 7 days, was " + lifetime);
      }
      this.founderConfirmationLifetime = lifetime;
      return this;
    }

    /**
     * {@code path}, checked: it starts with {@code /}, contains {@code {token}} where {@code needsToken}, and is
     * otherwise URL text (RFC 3986, as {@link URI} reads it: a path, with a query and a fragment if the app's routes
     * need them), so that every link built from it is a valid URL (outside review 15: a {@code |} was accepted
     * here, and every invite then failed with the link, token and all, in its message).
     */
    private static String path(String path, String name, boolean needsToken) {
      Objects.requireNonNull(path, name);
      boolean valid = path.startsWith("/") && (!needsToken || path.contains("{token}"));
      if (valid) {
        try {
          // a token is base64url text, valid wherever the placeholder stands
          String url = needsToken ? path.replace("{token}", "T") : path;
          valid = new URI("http://host" + url).getRawPath().startsWith("/");
        } catch (URISyntaxException e) {
          valid = false;
        }
      }
      if (!valid) {
        throw new IllegalArgumentException(name + " must start with /" + (needsToken ? ", contain {token}" : "")
            + " and be URL text (RFC 3986: no spaces, and no characters such as | ^ \\ { } or a % without two hex"
            + " digits), was " + path);
      }
      return path;
    }

    /** Adds a listener for committed events (E1); called in the order added, guarded against its failures. */
    public Builder addListener(EventListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * How long the contacts directory may be cached, at most (default 30 seconds, C3), and for how many
     * accounts (default 10,000).
     */
    public Builder contactsCache(Duration ttl, long maximumAccounts) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("contacts cache time must be above zero and at most an hour, was " + ttl);
      }
      if (maximumAccounts < 1) {
        throw new IllegalArgumentException("contacts cache size must be at least 1, was " + maximumAccounts);
      }
      this.contactsCacheTtl = ttl;
      this.contactsCacheAccounts = maximumAccounts;
      return this;
    }

    /**
     * What the contacts cache measures its expiry by (C3): a reading of elapsed real time in nanoseconds,
     * like {@link System#nanoTime()}, which is the default. Staleness is bounded by real time, never by the
     * domain {@link #clock(Clock)}: with a fixed or hand-moved clock in tests, another node's membership
     * change still shows within the {@link #contactsCache(Duration, long) cache time}. Tests pass a fake
     * (an {@code AtomicLong::get}) to move it by hand. A plain JDK type, so no cache library appears in
     * Invitekit's API.
     */
    public Builder contactsCacheTicker(LongSupplier nanoTicker) {
      this.contactsCacheTicker = Objects.requireNonNull(nanoTicker, "contacts cache ticker");
      return this;
    }

    /**
     * The key that seals mail in the outbox (AES-256-GCM), 32 bytes from a secret store. Every node sharing
     * a store must use the same key, and it must survive restarts: mail recorded under one key can be sent
     * only by a node holding it. Without it, a random key per process is used, which suits the in-memory
     * store only (see docs/mail.md#the-outbox-key).
     *
     * @throws IllegalArgumentException if not exactly 32 bytes
     */
    public Builder outboxKey(byte[] key) {
      Objects.requireNonNull(key, "outboxKey");
      if (key.length != 32) {
        throw new IllegalArgumentException("outboxKey must be 32 bytes (AES-256), was " + key.length);
      }
      this.outboxKey = new SecretKeySpec(key.clone(), "AES");
      return this;
    }

    /**
     * {@link #outboxKey(byte[])} as an AES {@link SecretKey} of 256 bits.
     *
     * @throws IllegalArgumentException if it is not an AES key of 256 bits
     */
    public Builder outboxKey(SecretKey key) {
      Objects.requireNonNull(key, "outboxKey");
      byte[] encoded = key.getEncoded();
      if (!"AES".equalsIgnoreCase(key.getAlgorithm()) || encoded == null || encoded.length != 32) {
        throw new IllegalArgumentException("outboxKey must be an AES key of 256 bits");
      }
      this.outboxKey = key;
      return this;
    }

    /**
     * Runs scheduled mail dispatch on the app's scheduler instead of Invitekit's own daemon thread; the app
     * shuts it down ({@link Invitekit#close()} only cancels Invitekit's task).
     */
    public Builder mailScheduler(ScheduledExecutorService scheduler) {
      this.mailScheduler = Objects.requireNonNull(scheduler, "mailScheduler");
      this.manualMailDispatch = false;
      return this;
    }

    /**
     * No scheduled mail dispatch: the app calls {@code kit.mail().dispatchDue()} itself (tests, or a job
     * runner). Each use case still makes one immediate attempt at its own mail.
     */
    public Builder manualMailDispatch() {
      this.manualMailDispatch = true;
      this.mailScheduler = null;
      return this;
    }

    /**
     * How often scheduled dispatch looks for due mail (default 10 seconds).
     *
     * @throws IllegalArgumentException if not 100 ms to 1 hour
     */
    public Builder mailDispatchInterval(Duration interval) {
      Objects.requireNonNull(interval, "mailDispatchInterval");
      if (interval.compareTo(Duration.ofMillis(100)) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("mail dispatch interval must be 100 ms to 1 hour, was " + interval);
      }
      this.mailDispatchInterval = interval;
      return this;
    }

    /**
     * How failed mail is retried (SPEC §5): the wait before attempt n is uniformly random between zero and
     * {@code min(maxDelay, baseDelay × 2^(n-1))} (exponential backoff, full jitter); mail still failing
     * {@code giveUpAfter} after it was recorded is given up. Defaults 30 s, 30 min, 24 h.
     *
     * @throws IllegalArgumentException if baseDelay is under a second, maxDelay is below baseDelay or over
     *     giveUpAfter (no wait outlasts the give-up time), or giveUpAfter is under a minute or over 30 days (a
     *     nanosecond's give-up dropped mail at its second attempt, which greylisting servers expect; review 19)
     */
    public Builder mailRetry(Duration baseDelay, Duration maxDelay, Duration giveUpAfter) {
      Objects.requireNonNull(baseDelay, "baseDelay");
      Objects.requireNonNull(maxDelay, "maxDelay");
      Objects.requireNonNull(giveUpAfter, "giveUpAfter");
      if (baseDelay.compareTo(Duration.ofSeconds(1)) < 0 || maxDelay.compareTo(baseDelay) < 0
          || maxDelay.compareTo(giveUpAfter) > 0
          || giveUpAfter.compareTo(Duration.ofMinutes(1)) < 0 || giveUpAfter.compareTo(Duration.ofDays(30)) > 0) {
        throw new IllegalArgumentException("mail retry needs 1 second <= baseDelay <= maxDelay <= giveUpAfter, and "
            + "giveUpAfter from 1 minute to 30 days, was " + baseDelay + ", " + maxDelay + ", " + giveUpAfter);
      }
      this.mailRetry = new MailDispatcher.Retry(baseDelay, maxDelay, giveUpAfter);
      return this;
    }

    /**
     * Adds a source of the app's own mail templates, consulted key by key before the built-in ones (and
     * before sources added later): override any template, or add a locale (I6).
     */
    public Builder mailTemplates(MailTemplates templates) {
      mailTemplates.add(Objects.requireNonNull(templates, "mailTemplates"));
      return this;
    }

    /**
     * Adds the app's template bundle: {@code .properties} files in UTF-8 named like resource bundles
     * ({@code com/example/mail/invitekit_de.properties} for base name {@code com.example.mail.invitekit}),
     * found by {@code loader}; looked up for the mail's locale and its parents, never the JVM's default
     * locale (I6).
     */
    public Builder mailTemplateBundle(String baseName, ClassLoader loader) {
      mailTemplates.add(BundleTemplates.of(baseName, loader));
      return this;
    }

    /**
     * Limits on trying invitation and link tokens that turn out unknown or malformed (SPEC §5; defaults 30
     * per client key and 10,000 for everyone together per hour). Every token-taking call counts a miss:
     * {@code preview}, {@code createAccount}, {@code join}, {@code decline} and {@code redeem}; a known token
     * is not a miss. Every token is looked up first: a valid token is never counted and never refused,
     * whatever others send (issue 8 item 2). Past a limit a miss answers {@code TOO_MANY_ATTEMPTS} instead of
     * "unknown" until the window ends. The counts are kept in the store, so every node sharing the store
     * enforces the same limits. Per-client limits apply only when the app passes a client key (the
     * {@code clientKey} overloads): Invitekit never sees IP addresses. The global cap only changes what
     * misses answer; limit by IP address in front of the app as well.
     *
     * @throws IllegalArgumentException if a limit is below 1 or the window is not from one second to a day
     */
    public Builder tokenAttemptLimits(int perClient, int global, Duration window) {
      Objects.requireNonNull(window, "window");
      if (perClient < 1) {
        throw new IllegalArgumentException("token attempts per client must be at least 1, was " + perClient);
      }
      if (global < perClient) {
        throw new IllegalArgumentException("global token attempts must be at least the per-client limit ("
            + perClient + "), was " + global);
      }
      if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("token attempt window must be from one second to a day, was " + window);
      }
      this.tokenAttemptsPerClient = perClient;
      this.tokenAttemptsGlobal = global;
      this.tokenAttemptWindow = window;
      return this;
    }

    /**
     * Adds domains that can never be company domains (A4) to the shipped lists of public webmail and
     * disposable-mail domains (thousands of each, from maintained npm packages named in
     * {@code DOMAIN-LISTS.md}): for a national provider or an ISP the lists miss. Each entry is a domain,
     * normalized like every domain (UTS #46, lower case, one trailing dot dropped, U3). May be called more
     * than once; entries add up.
     *
     * @throws IllegalArgumentException naming the first entry that is not a domain
     */
    public Builder additionalWebmailDomains(Collection<String> domains) {
      additionalWebmail.addAll(normalizedDomains(domains, "additional webmail domain"));
      return this;
    }

    /**
     * Replaces the shipped lists of public webmail and disposable-mail domains (A4) with exactly these
     * domains, plus any given to {@link #additionalWebmailDomains}: for an app that keeps its own,
     * maintained list. An empty collection turns the A4 check off. Entries are normalized like every domain
     * (UTS #46, U3).
     *
     * @throws IllegalArgumentException naming the first entry that is not a domain
     */
    public Builder webmailDomains(Collection<String> domains) {
      replacedWebmail = normalizedDomains(domains, "webmail domain");
      return this;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
      Set<String> all = new LinkedHashSet<>(a);
      all.addAll(b);
      return all;
    }

    private static Set<String> normalizedDomains(Collection<String> domains, String what) {
      Objects.requireNonNull(domains, "domains");
      Set<String> normalized = new LinkedHashSet<>();
      for (String domain : domains) {
        Objects.requireNonNull(domain, what);
        if (!(DomainNames.check(domain) instanceof DomainNames.Valid valid)) {
          throw new IllegalArgumentException(what + " \"" + domain + "\" is not a domain name (A4, U3)");
        }
        normalized.add(valid.ascii());
      }
      return normalized;
    }

    /**
     * Builds the facade.
     *
     * @throws IllegalStateException naming each required setting that is missing
     */
    public Invitekit build() {
      Store store = this.store;
      MailSender mail = this.mail;
      URI baseUrl = this.baseUrl;
      List<String> missing = new ArrayList<>();
      if (store == null) {
        missing.add("store: add dev.invitekit:invitekit-store-memory and call .store(new InMemoryStore()), or give "
            + "your own Store");
      }
      if (mail == null) {
        missing.add("mail: add dev.invitekit:invitekit-mail-memory and call .mail(new ConsoleMailSender()), or give "
            + "your own MailSender");
      }
      if (baseUrl == null) {
        missing.add("baseUrl: call .baseUrl(URI.create(\"https://app.example.com\")) with your app's URL");
      }
      if (store == null || mail == null || baseUrl == null) {
        throw new IllegalStateException("Invitekit is missing required settings (" + DOCS + "): "
            + String.join("; ", missing));
      }
      if (minimumPasswordLength < 15 && !secondFactorEnforced) {
        throw new IllegalStateException("a minimum password length of " + minimumPasswordLength
            + " needs secondFactorEnforced(true): without a second factor NIST SP 800-63B asks for 15 (S4)");
      }
      if (passwordHashing.isInsecureForTests()) {
        LOG.warn("Invitekit uses {}: password hashes are weak. Never use this outside tests.", passwordHashing);
      }
      SecureRandom random = new SecureRandom();
      SecretKey key = outboxKey;
      if (key == null) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        key = new SecretKeySpec(bytes, "AES");
        LOG.warn("Invitekit has no outboxKey: pending mail is sealed under a random key of this process, so it "
            + "cannot survive a restart or be sent by another node. Fine for the in-memory store; set "
            + "outboxKey(…) for a shared store (see docs/mail.md#the-outbox-key).");
      }
      URI signIn = URI.create(baseUrl.toString().replaceAll("/+$", "") + signInPath);
      Services services = wire(store, mail, baseUrl, signIn, key, random);
      ScheduledExecutorService scheduler = manualMailDispatch ? null : mailScheduler;
      boolean owns = !manualMailDispatch && scheduler == null;
      if (owns) {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
          Thread thread = new Thread(runnable, "invitekit-mail-dispatcher");
          thread.setDaemon(true);
          return thread;
        });
      }
      return new Invitekit(services, scheduler, owns, mailDispatchInterval);
    }

    /**
     * Builds each collaborator once and gives every service exactly those it uses, by constructor: the one
     * place where the parts meet.
     */
    private Services wire(Store store, MailSender mail, URI baseUrl, URI signIn, SecretKey key, SecureRandom random) {
      UnitOfWork work = new UnitOfWork(store);
      EventBus events = new EventBus(listeners);
      Tokens tokens = new Tokens(random);
      Argon2idHasher hasher = new Argon2idHasher(passwordHashing, random);
      FormRules formRules = new FormRules(minimumPasswordLength);
      MailComposer composer = new MailComposer(productName, zone, signIn, mailTemplates);
      RateLimiter limiter = new RateLimiter(clock, rateLimitKeys);
      TokenAttempts tokenAttempts = new TokenAttempts(limiter, tokenAttemptsPerClient, tokenAttemptsGlobal,
          tokenAttemptWindow);
      Directory directory = new Directory(contactsCacheTicker, contactsCacheTtl, contactsCacheAccounts);
      AppUrls urls = new AppUrls(baseUrl, invitationPath, linkPath);
      MailDispatcher outbox = new MailDispatcher(work, clock, events, mail, new OutboxPayload(key, random), mailRetry);
      InvitationMail invitationMail = new InvitationMail(tokens, urls, composer, outbox);
      String base = baseUrl.toString();
      String confirmUrl = base.endsWith("/") ? base + founderConfirmationPath.substring(1) : base + founderConfirmationPath;
      WebmailDomains webmail = replacedWebmail == null ? WebmailDomains.shippedAnd(additionalWebmail)
          : WebmailDomains.only(union(replacedWebmail, additionalWebmail));
      return new Services(
          new AccountService(work, clock, zone, events, formRules, hasher, tokens, limiter, tokenAttempts, directory,
              composer, outbox, new FounderConfirmations(founderConfirmationLifetime, confirmUrl), webmail),
          new TrustedReadService(work),
          new MemberService(work, clock, events, directory),
          new InvitationService(work, clock, events, limiter, invitationMail, composer, outbox),
          new LinkService(work, clock, events, tokens, urls, limiter, tokenAttempts, invitationMail, composer, outbox),
          new SignupService(work, clock, zone, events, formRules, hasher, tokenAttempts, directory, composer, outbox),
          new LicenseService(work, clock, events),
          new ContactService(work, directory),
          new SignInService(work, clock, hasher),
          outbox);
    }
  }
}
