package dev.invitekit.spi.mail;

/**
 * Delivers composed messages: the mail SPI (SPEC §4). Implementations must be thread-safe. Report
 * failures as {@link DeliveryResult.Failed}, telling transient from permanent; an exception thrown
 * instead is treated as a transient failure.
 */
@FunctionalInterface
public interface MailSender {

  /** Delivers one message and says what happened. */
  DeliveryResult send(MailMessage message);
}
