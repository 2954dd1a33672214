package dev.invitekit.examples.webapp;

import dev.invitekit.mail.memory.ConsoleMailSender;
import dev.invitekit.spi.mail.MailSender;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * In the {@code prod} profile the app refuses to start on the development defaults, saying what to set: the
 * console sender prints every mail, tokens included, to the log, and the in-memory store (the starter's
 * choice without {@code spring.datasource.url}) forgets every account at a restart.
 */
@Component
@Profile("prod")
class ProductionChecks implements SmartInitializingSingleton {
  private final MailSender mail;
  private final Environment environment;

  ProductionChecks(MailSender mail, Environment environment) {
    this.mail = mail;
    this.environment = environment;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (mail instanceof ConsoleMailSender) {
      throw new IllegalStateException("The prod profile sends mail through SMTP, but no SMTP server is set: the console "
          + "sender would print every invitation link to the log. Set invitekit.mail.smtp.host and "
          + "invitekit.mail.smtp.from (see docs/spring-boot.md).");
    }
    String url = environment.getProperty("spring.datasource.url");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("The prod profile keeps its data in PostgreSQL, but spring.datasource.url is not "
          + "set: the in-memory store would lose every account at a restart.");
    }
  }
}
