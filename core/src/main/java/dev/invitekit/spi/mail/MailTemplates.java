package dev.invitekit.spi.mail;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An app's own mail templates (I6), consulted key by key before the built-in ones: return a template to
 * override it, or null to keep Invitekit's. Keys are those of Invitekit's built-in
 * {@code messages.properties} (such as {@code invitation.subject}, {@code invitation.text},
 * {@code invitation.html}); see docs/mail.md. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface MailTemplates {

  /**
   * The template for {@code key} in {@code locale}, or null when this source has none. Look up the locale
   * and its parents ({@code de_CH}, {@code de}, then the base), never the JVM's default locale.
   */
  @Nullable String template(String key, Locale locale);
}
