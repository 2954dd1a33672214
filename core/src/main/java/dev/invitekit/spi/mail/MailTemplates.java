package dev.invitekit.spi.mail;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An app's own mail templates (I6), consulted key by key before the built-in ones: return a template to
 * override it, or null to keep Invitekit's. Keys are {@code <message>.subject}, {@code .text} and
 * {@code .html} for the messages {@code invitation}, {@code reminder}, {@code verification},
 * {@code alreadyMember}, {@code welcome}, {@code notice.ACCEPTED|DECLINED|EXPIRED} and {@code share}, plus
 * {@code role.ADMIN|COWORKER|GUEST}; docs/mail.md#templates lists the placeholders. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface MailTemplates {

  /**
   * The template for {@code key} in {@code locale}, or null when this source has none. Look up the locale
   * and its parents ({@code de_CH}, {@code de}, then the base), never the JVM's default locale.
   */
  @Nullable String template(String key, Locale locale);
}
