package dev.invitekit.spring.boot;

import dev.invitekit.spi.mail.MailSender;

/**
 * Wraps the mail sender the auto-configured kit uses (the metrics time each delivery this way). A type of
 * its own so that the auto-configuration names no Micrometer class.
 */
@FunctionalInterface
interface MailSenderDecorator {

  /** {@code sender}, decorated. */
  MailSender decorate(MailSender sender);
}
