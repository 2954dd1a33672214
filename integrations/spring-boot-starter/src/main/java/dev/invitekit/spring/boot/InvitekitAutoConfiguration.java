package dev.invitekit.spring.boot;

import static dev.invitekit.spring.boot.InvalidInvitekitPropertyException.check;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.event.EventListener;
import dev.invitekit.spi.mail.MailSender;
import dev.invitekit.spi.store.Store;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Base64;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configures one {@link Invitekit} from the {@code invitekit.*} properties ({@link InvitekitProperties})
 * and what the app already has (docs/spring-boot.md):
 * <ul>
 *   <li>the {@link Store}: the app's own; else a {@code JdbcStore} on the app's one {@code DataSource} when
 *       invitekit-store-jdbc is present (migrations applied at start-up unless the app's Flyway runs them);
 *       else the in-memory store, with a warning;</li>
 *   <li>the {@link MailSender}: the app's own; else an {@code SmtpMailSender} when invitekit-mail-smtp is present
 *       and {@code invitekit.mail.smtp.host} or {@code spring.mail.host} is set; else the console sender, with a
 *       warning;</li>
 *   <li>every {@link EventListener} bean, and a forwarder that publishes each event as a Spring application
 *       event; then every {@link InvitekitBuilderCustomizer}.</li>
 * </ul>
 * Each bean backs off when the app defines its own. The kit is closed (its mail scheduler stopped) with the
 * application context. A bad property stops the start with an {@link InvalidInvitekitPropertyException} naming
 * it.
 */
@SuppressWarnings("exports") // optional libraries (static requires) and package-private imports
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
    "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration"})
@ConditionalOnClass(Invitekit.class)
@EnableConfigurationProperties(InvitekitProperties.class)
@Import({
    InvitekitStoreConfigurations.Jdbc.class,
    InvitekitStoreConfigurations.InMemory.class,
    InvitekitMailConfigurations.Smtp.class,
    InvitekitMailConfigurations.Console.class,
    InvitekitObservabilityConfigurations.Metrics.class,
    InvitekitObservabilityConfigurations.HealthIndicator.class})
public class InvitekitAutoConfiguration {

  /** Created by Spring. */
  public InvitekitAutoConfiguration() {}

  /** The kit, closed with the context (which stops its mail scheduler). */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Invitekit invitekit(InvitekitProperties properties, Store store, MailSender mail,
      ApplicationEventPublisher publisher, ObjectProvider<EventListener> listeners,
      ObjectProvider<InvitekitBuilderCustomizer> customizers, ObjectProvider<MailSenderDecorator> decorators) {
    Invitekit.Builder builder = Invitekit.builder().store(store);
    MailSender sender = mail;
    for (MailSenderDecorator decorator : decorators.orderedStream().toList()) {
      sender = decorator.decorate(sender);
    }
    builder.mail(sender);
    apply(properties, builder);
    builder.addListener(new SpringEventForwarder(publisher));
    listeners.orderedStream().forEach(builder::addListener);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  /** Applies every {@code invitekit.*} setting to {@code builder}, naming the property of any bad value. */
  static void apply(InvitekitProperties p, Invitekit.Builder b) {
    String baseUrl = p.getBaseUrl();
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new InvalidInvitekitPropertyException("invitekit.base-url",
          "is required: the absolute http(s) URL of your app, such as https://app.example.com; invitation and "
              + "link URLs in mail are built from it");
    }
    check("invitekit.base-url", () -> b.baseUrl(baseUrl(baseUrl.strip())));
    check("invitekit.product-name", () -> b.productName(p.getProductName()));
    b.zone(p.getZone());
    String key = p.getOutboxKey();
    if (key != null && !key.isBlank()) {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(key.strip());
      } catch (IllegalArgumentException e) {
        // the decoder's message would quote part of the secret
        throw new InvalidInvitekitPropertyException("invitekit.outbox-key",
            "is not Base64: give 32 random bytes, Base64-encoded (openssl rand -base64 32)");
      }
      check("invitekit.outbox-key", () -> b.outboxKey(bytes));
    }

    InvitekitProperties.Paths paths = p.getPaths();
    check("invitekit.paths.invitation", () -> b.paths(paths.getInvitation(), "/join/{token}", "/sign-in"));
    check("invitekit.paths.link", () -> b.paths("/invitations/{token}", paths.getLink(), "/sign-in"));
    check("invitekit.paths.sign-in", () -> b.paths("/invitations/{token}", "/join/{token}", paths.getSignIn()));
    b.paths(paths.getInvitation(), paths.getLink(), paths.getSignIn());

    InvitekitProperties.Password password = p.getPassword();
    check("invitekit.password.minimum-length", () -> b.minimumPasswordLength(password.getMinimumLength()));
    if (password.getMinimumLength() < 15 && !password.isSecondFactorEnforced()) {
      throw new InvalidInvitekitPropertyException("invitekit.password.minimum-length",
          "a minimum of " + password.getMinimumLength() + " needs invitekit.password.second-factor-enforced=true: "
              + "without a second factor NIST SP 800-63B asks for 15 (S4)");
    }
    b.secondFactorEnforced(password.isSecondFactorEnforced());
    InvitekitProperties.Hashing hashing = password.getHashing();
    if (hashing.isInsecureFastForTestsOnly()) {
      check("invitekit.password.hashing.implementation", () -> b.passwordHashing(
          PasswordHashing.insecureFastForTestsOnly().withImplementation(hashing.getImplementation())));
    } else {
      int m = PasswordHashing.OWASP_MEMORY_KIB;
      int t = PasswordHashing.OWASP_ITERATIONS;
      check("invitekit.password.hashing.memory-kib", () -> PasswordHashing.argon2id(hashing.getMemoryKib(), t, 1));
      check("invitekit.password.hashing.iterations", () -> PasswordHashing.argon2id(m, hashing.getIterations(), 1));
      check("invitekit.password.hashing.parallelism", () -> PasswordHashing.argon2id(m, t, hashing.getParallelism()));
      check("invitekit.password.hashing.implementation", () -> b.passwordHashing(PasswordHashing.argon2id(
          hashing.getMemoryKib(), hashing.getIterations(), hashing.getParallelism())
          .withImplementation(hashing.getImplementation())));
    }

    InvitekitProperties.Cache cache = p.getContacts().getCache();
    check("invitekit.contacts.cache.ttl", () -> b.contactsCache(cache.getTtl(), 10_000));
    check("invitekit.contacts.cache.maximum-accounts",
        () -> b.contactsCache(Duration.ofSeconds(30), cache.getMaximumAccounts()));
    b.contactsCache(cache.getTtl(), cache.getMaximumAccounts());

    InvitekitProperties.TokenAttempts attempts = p.getTokenAttempts();
    int perClient = attempts.getPerClient();
    check("invitekit.token-attempts.per-client",
        () -> b.tokenAttemptLimits(perClient, Math.max(perClient, 1), Duration.ofHours(1)));
    check("invitekit.token-attempts.global",
        () -> b.tokenAttemptLimits(perClient, attempts.getGlobal(), Duration.ofHours(1)));
    check("invitekit.token-attempts.window",
        () -> b.tokenAttemptLimits(perClient, attempts.getGlobal(), attempts.getWindow()));

    InvitekitProperties.Mail mail = p.getMail();
    check("invitekit.mail.dispatch-interval", () -> b.mailDispatchInterval(mail.getDispatchInterval()));
    if (mail.isManualDispatch()) {
      b.manualMailDispatch();
    }
    InvitekitProperties.Retry retry = mail.getRetry();
    if (retry.getBaseDelay() == null || retry.getBaseDelay().compareTo(Duration.ofSeconds(1)) < 0) {
      throw new InvalidInvitekitPropertyException("invitekit.mail.retry.base-delay",
          "must be at least 1 second, was " + retry.getBaseDelay());
    }
    if (retry.getMaxDelay() == null || retry.getMaxDelay().compareTo(retry.getBaseDelay()) < 0) {
      throw new InvalidInvitekitPropertyException("invitekit.mail.retry.max-delay",
          "must be at least invitekit.mail.retry.base-delay (" + retry.getBaseDelay() + "), was "
              + retry.getMaxDelay());
    }
    check("invitekit.mail.retry.give-up-after",
        () -> b.mailRetry(retry.getBaseDelay(), retry.getMaxDelay(), retry.getGiveUpAfter()));
    String bundle = mail.getTemplateBundle();
    if (bundle != null && !bundle.isBlank()) {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      check("invitekit.mail.template-bundle", () -> b.mailTemplateBundle(bundle.strip(),
          loader != null ? loader : InvitekitAutoConfiguration.class.getClassLoader()));
    }
  }

  /**
   * The base URL's text as a {@link URI}; when it is not one, a reason that does not repeat the text, which may hold
   * a password (outside review 15b).
   */
  private static URI baseUrl(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL: " + e.getReason() + " at index " + e.getIndex());
    }
  }
}
