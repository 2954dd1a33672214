package dev.invitekit.spi.mail;

/**
 * Delivers composed messages: the mail SPI (SPEC §4). Implementations must be thread-safe. Report
 * failures as {@link DeliveryResult.Failed}, telling transient from permanent. Anything thrown instead (a
 * checked exception not declared, a linkage error, a stack overflow; not the JVM's own failures, such as
 * running out of memory) is treated as a transient failure, and so is a null result: the mail stays in the
 * outbox and is tried again.
 */
@FunctionalInterface
public interface MailSender {

  /** Delivers one message and says what happened. */
  DeliveryResult send(MailMessage message);
}
