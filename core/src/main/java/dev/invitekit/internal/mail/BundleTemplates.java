package dev.invitekit.internal.mail;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.invitekit.spi.mail.MailTemplates;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Templates from {@code .properties} files named like resource bundles ({@code base_de_CH}, {@code base_de},
 * {@code base}), read as UTF-8. Unlike {@link ResourceBundle#getBundle(String, Locale)} it never falls back
 * to the JVM's default locale: English mail stays English on a German server. It reads the files itself
 * rather than through {@code ResourceBundle.getBundle(…, Control)}, which named modules may not call.
 */
public final class BundleTemplates implements MailTemplates {
  private static final ResourceBundle.Control NAMES =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final String baseName;
  private final Function<String, @Nullable InputStream> opener;
  /** What an absent file holds; never changed. */
  private static final Properties NO_FILE = new Properties();

  /**
   * The files read, by bundle name: only those that exist, so that the map holds at most the bundle's own
   * files however many locales requests name (an absent file is looked for again when its locale's chain
   * is built again).
   */
  private final Map<String, Properties> files = new ConcurrentHashMap<>();
  /**
   * Each locale's files, most specific first, found once: a mail asks for several keys and a list of 20
   * sends 20 mails in the same locale. Bounded, since a locale can come from a request.
   */
  private final Cache<Locale, List<Properties>> chains = Caffeine.newBuilder().maximumSize(64).build();

  private BundleTemplates(String baseName, Function<String, @Nullable InputStream> opener) {
    this.baseName = baseName;
    this.opener = opener;
  }

  /** Invitekit's own templates, {@code dev/invitekit/internal/mail/messages*.properties}. */
  static BundleTemplates builtIn() {
    return new BundleTemplates("dev.invitekit.internal.mail.messages",
        path -> MailComposer.class.getResourceAsStream("/" + path));
  }

  /** An app's bundle: {@code baseName} such as {@code com.example.mail.invitekit}, found by {@code loader}. */
  public static BundleTemplates of(String baseName, ClassLoader loader) {
    Objects.requireNonNull(baseName, "baseName");
    Objects.requireNonNull(loader, "loader");
    if (baseName.isBlank() || baseName.contains("/")) {
      throw new IllegalArgumentException("template bundle base name must be dotted, like com.example.mail, was "
          + baseName);
    }
    return new BundleTemplates(baseName, loader::getResourceAsStream);
  }

  @Override
  public @Nullable String template(String key, Locale locale) {
    for (Properties file : chains.get(locale, this::chain)) {
      String value = file.getProperty(key);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private List<Properties> chain(Locale locale) {
    List<Properties> chain = new ArrayList<>();
    for (Locale candidate : NAMES.getCandidateLocales(baseName, locale)) {
      chain.add(file(NAMES.toBundleName(baseName, candidate)));
    }
    return List.copyOf(chain);
  }

  private Properties file(String bundleName) {
    Properties found = files.computeIfAbsent(bundleName, this::read);
    return found == null ? NO_FILE : found;
  }

  /** The file's templates, or null where there is no such file (and nothing is kept). */
  private @Nullable Properties read(String bundleName) {
    try (InputStream in = opener.apply(bundleName.replace('.', '/') + ".properties")) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read mail templates " + bundleName, e);
    }
  }

  /** How many files are kept (tests: bounded by the bundle's files, whatever the locales asked for). */
  int filesKept() {
    return files.size();
  }

  @Override
  public String toString() {
    return "BundleTemplates[" + baseName + "]";
  }
}
