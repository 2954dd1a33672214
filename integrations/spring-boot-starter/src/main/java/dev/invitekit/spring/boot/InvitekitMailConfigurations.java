package dev.invitekit.spring.boot;

import static dev.invitekit.spring.boot.InvalidInvitekitPropertyException.check;

import dev.invitekit.Invitekit;
import dev.invitekit.mail.memory.ConsoleMailSender;
import dev.invitekit.mail.smtp.SmtpMailSender;
import dev.invitekit.spi.mail.MailSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The mail sender, in order of preference: the app's, SMTP when a host is configured, the console. None is built
 * when the app defines its own Invitekit.
 */
final class InvitekitMailConfigurations {
  private static final Logger LOG = LoggerFactory.getLogger(InvitekitAutoConfiguration.class);

  private InvitekitMailConfigurations() {}

  /** {@code invitekit.mail.smtp.host} or {@code spring.mail.host} is set. */
  static final class SmtpHostCondition extends AnyNestedCondition {
    SmtpHostCondition() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty(prefix = "invitekit.mail.smtp", name = "host")
    static final class InvitekitHost {}

    @ConditionalOnProperty(prefix = "spring.mail", name = "host")
    static final class SpringHost {}
  }

  /**
   * An {@link SmtpMailSender} from {@code invitekit.mail.smtp.*}, each unset value taken from Boot's
   * {@code spring.mail.*} where it has one (host, port, username, password, protocol smtps).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(SmtpMailSender.class)
  @ConditionalOnMissingBean({MailSender.class, Invitekit.class})
  @Conditional(SmtpHostCondition.class)
  static class Smtp {

    @Bean(destroyMethod = "close")
    SmtpMailSender invitekitMailSender(InvitekitProperties properties, Environment env) {
      InvitekitProperties.Smtp smtp = properties.getMail().getSmtp();
      SmtpMailSender.Builder b = SmtpMailSender.builder();
      String host = smtp.getHost() != null ? smtp.getHost() : env.getProperty("spring.mail.host");
      String hostProperty = smtp.getHost() != null ? "invitekit.mail.smtp.host" : "spring.mail.host";
      check(hostProperty, () -> b.host(host == null ? "" : host.strip()));
      boolean smtps = "smtps".equalsIgnoreCase(env.getProperty("spring.mail.protocol", ""));
      InvitekitProperties.SmtpSecurity security = smtp.getSecurity() != null ? smtp.getSecurity()
          : smtps ? InvitekitProperties.SmtpSecurity.SMTPS : InvitekitProperties.SmtpSecurity.STARTTLS_REQUIRED;
      b.security(SmtpMailSender.Security.valueOf(security.name()));
      Integer port = smtp.getPort() != null ? smtp.getPort() : env.getProperty("spring.mail.port", Integer.class);
      if (port != null) {
        check(smtp.getPort() != null ? "invitekit.mail.smtp.port" : "spring.mail.port", () -> b.port(port));
      } else if (security == InvitekitProperties.SmtpSecurity.SMTPS) {
        b.port(465);
      }
      String user = smtp.getUsername() != null ? smtp.getUsername() : env.getProperty("spring.mail.username");
      String password = smtp.getPassword() != null ? smtp.getPassword() : env.getProperty("spring.mail.password");
      if (user != null && !user.isBlank()) {
        if (password == null) {
          throw new InvalidInvitekitPropertyException("invitekit.mail.smtp.password",
              "is required with a username (or spring.mail.password)");
        }
        check("invitekit.mail.smtp.username", () -> b.auth(user, password));
      }
      String from = smtp.getFrom();
      if (from == null || from.isBlank()) {
        throw new InvalidInvitekitPropertyException("invitekit.mail.smtp.from",
            "is required with SMTP: the sender's address, such as invites@example.com");
      }
      check("invitekit.mail.smtp.connect-timeout",
          () -> b.timeouts(smtp.getConnectTimeout(), java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(30)));
      check("invitekit.mail.smtp.read-timeout",
          () -> b.timeouts(java.time.Duration.ofSeconds(10), smtp.getReadTimeout(), java.time.Duration.ofSeconds(30)));
      check("invitekit.mail.smtp.write-timeout",
          () -> b.timeouts(java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(30), smtp.getWriteTimeout()));
      b.timeouts(smtp.getConnectTimeout(), smtp.getReadTimeout(), smtp.getWriteTimeout());
      b.from(from.strip(), smtp.getFromName());
      SmtpMailSender[] built = new SmtpMailSender[1];
      check("invitekit.mail.smtp.from", () -> built[0] = b.build());
      return built[0];
    }
  }

  /** The console sender, when nothing better is configured; it warns that no mail leaves the app. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean({MailSender.class, Invitekit.class})
  static class Console {

    @Bean
    ConsoleMailSender invitekitMailSender(ConfigurableListableBeanFactory beans) {
      boolean smtp = ClassUtils.isPresent("dev.invitekit.mail.smtp.SmtpMailSender", beans.getBeanClassLoader());
      LOG.warn("Invitekit PRINTS MAIL TO THE CONSOLE: no invitation reaches anyone. For production {}set "
          + "invitekit.mail.smtp.host and invitekit.mail.smtp.from (or spring.mail.host), or define your own "
          + "MailSender bean (see docs/spring-boot.md).", smtp ? "" : "add dev.invitekit:invitekit-mail-smtp and ");
      return new ConsoleMailSender();
    }
  }
}
