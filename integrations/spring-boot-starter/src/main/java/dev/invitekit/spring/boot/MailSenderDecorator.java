package dev.invitekit.spring.boot;

import dev.invitekit.spi.mail.MailSender;

/**
 * A bean of this type wraps the mail sender the auto-configured kit uses, in
 * {@link org.springframework.core.annotation.Order} order ({@link InvitekitMetrics} times each delivery this
 * way). A type of its own so that the auto-configuration names no Micrometer class.
 */
@FunctionalInterface
public interface MailSenderDecorator {

  /** {@code sender}, decorated. */
  MailSender decorate(MailSender sender);
}
