package dev.invitekit.examples.webapp;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.mail.memory.ConsoleMailSender;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailSender;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The prod profile refuses the development defaults, naming what to set (I6: no token in the logs). */
class ProductionChecksTest {
  private static final MailSender SMTP_LIKE = message -> new DeliveryResult.Delivered(message.messageId());

  @Test
  void theConsoleSenderIsRefused() {
    MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/app");
    assertThatThrownBy(() -> new ProductionChecks(new ConsoleMailSender(), environment).afterSingletonsInstantiated())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("invitekit.mail.smtp.host");
  }

  @Test
  void theInMemoryStoreIsRefused() {
    assertThatThrownBy(() -> new ProductionChecks(SMTP_LIKE, new MockEnvironment()).afterSingletonsInstantiated())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("spring.datasource.url");
  }

  @Test
  void smtpAndADatabasePass() {
    MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/app");
    assertThatCode(() -> new ProductionChecks(SMTP_LIKE, environment).afterSingletonsInstantiated())
        .doesNotThrowAnyException();
  }
}
