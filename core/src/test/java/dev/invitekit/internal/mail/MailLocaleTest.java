package dev.invitekit.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.Plan;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.mail.MailTemplates;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** I6: localized templates, the app's overrides, and no fallback to the JVM's default locale. */
@DisplayName("I6: mail locales and the app's templates")
class MailLocaleTest {
  private static final Instant NOW = Instant.parse("2025-03-10T09:00:00Z");
  private static final URI SIGN_IN = URI.create("https://app.example.com/sign-in");
  private static final URI LINK = URI.create("https://app.example.com/invitations/abc");
  private final Locale jvmDefault = Locale.getDefault();

  @AfterEach
  void restoreDefaultLocale() {
    Locale.setDefault(jvmDefault);
  }

  private static Account account() {
    return new Account(AccountId.random(), "Acme", Plan.PRO, List.of("acme.com"), 0, InvitePolicy.defaults(),
        Locale.ENGLISH, NOW);
  }

  private static User ada() {
    return new User(UserId.random(), EmailAddress.parse("ada@acme.com"), "Ada", "Admin", NOW, NOW);
  }

  private static MailMessage invitationIn(MailComposer composer, Locale locale) {
    Account account = account();
    User ada = ada();
    Invitation invitation = new Invitation(InvitationId.random(), account.id(), EmailAddress.parse("bob@acme.com"),
        null, Role.COWORKER, InvitationState.PENDING, ada.id(), null, locale, NOW, NOW.plusSeconds(7 * 86400), NOW,
        DeliveryStatus.NOT_SENT, false, false, null);
    return composer.invitation(invitation, account, ada, LINK, false);
  }

  @Test
  @DisplayName("I6: a German invitation is German, in subject, text, HTML and date; a Swiss German one falls back to German")
  void german() {
    MailComposer composer = new MailComposer("Teamspace", ZoneOffset.UTC, SIGN_IN);
    for (Locale locale : List.of(Locale.GERMAN, Locale.forLanguageTag("de-CH"))) {
      MailMessage mail = invitationIn(composer, locale);
      assertThat(mail.subject()).isEqualTo("Ada Admin lädt Sie zu Acme auf Teamspace ein");
      assertThat(mail.text()).contains("Konto erstellen:\n" + LINK).contains("als Kolleg:in").contains("17. März 2025");
      assertThat(mail.html()).contains(">Konto erstellen</a>").contains("lang=\"" + locale.toLanguageTag() + "\"");
    }
  }

  @Test
  @DisplayName("I6: on a German JVM an English (or unknown-locale) invitation stays English: no fallback to the default locale")
  void noDefaultLocaleFallback() {
    Locale.setDefault(Locale.GERMANY);
    MailComposer composer = new MailComposer("Teamspace", ZoneOffset.UTC, SIGN_IN);
    assertThat(invitationIn(composer, Locale.ENGLISH).subject()).isEqualTo("Ada Admin invited you to join Acme on Teamspace");
    assertThat(invitationIn(composer, Locale.forLanguageTag("fr")).subject())
        .isEqualTo("Ada Admin invited you to join Acme on Teamspace");
  }

  @Test
  @DisplayName("I6: the app's bundle overrides one key for one locale and adds a locale; every other key stays built-in")
  void appBundle() {
    Locale.setDefault(Locale.forLanguageTag("sv"));
    MailComposer composer = new MailComposer("Teamspace", ZoneOffset.UTC, SIGN_IN,
        List.of(BundleTemplates.of("dev.invitekit.testmail.custom", MailLocaleTest.class.getClassLoader())));
    MailMessage german = invitationIn(composer, Locale.GERMAN);
    assertThat(german.subject()).isEqualTo("Komm zu Acme!");
    assertThat(german.text()).contains("Konto erstellen");
    assertThat(invitationIn(composer, Locale.ENGLISH).subject()).as("sv is the JVM default, never a fallback")
        .isEqualTo("Ada Admin invited you to join Acme on Teamspace");
    MailMessage swedishWelcome = composer.welcome(ada(), account(), Role.COWORKER, Locale.forLanguageTag("sv"));
    assertThat(swedishWelcome.subject()).isEqualTo("Välkommen till Acme");
    assertThat(swedishWelcome.text()).contains("you joined Acme");
  }

  @Test
  @DisplayName("I6: a MailTemplates source comes first, key by key; one that throws is skipped, not fatal")
  void templateSources() {
    Properties mine = new Properties();
    mine.setProperty("invitation.html", "<p>{inviterName} says hi: <a href=\"{link}\">join</a></p>");
    MailTemplates throwing = (key, locale) -> {
      throw new IllegalStateException("broken source");
    };
    MailComposer composer = new MailComposer("Teamspace", ZoneOffset.UTC, SIGN_IN,
        List.of(throwing, (key, locale) -> mine.getProperty(key)));
    MailMessage mail = invitationIn(composer, Locale.ENGLISH);
    assertThat(mail.html()).contains("Ada Admin says hi: <a href=\"" + LINK + "\">join</a>");
    assertThat(mail.subject()).isEqualTo("Ada Admin invited you to join Acme on Teamspace");
  }

  @Test
  @DisplayName("I6: English and German bundles have the same keys")
  void sameKeys() throws Exception {
    Properties en = new Properties();
    Properties de = new Properties();
    try (var in = MailComposer.class.getResourceAsStream("messages.properties")) {
      en.load(in);
    }
    try (var in = MailComposer.class.getResourceAsStream("messages_de.properties")) {
      de.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(de.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
  }

  @Test
  @DisplayName("I6: locales named by requests, however many, keep only the bundle's own files in memory")
  void requestLocalesKeepOnlyTheBundlesFiles() {
    BundleTemplates templates = BundleTemplates.builtIn();
    for (int i = 0; i < 5_000; i++) {
      Locale asked = new Locale("en", "US", "p" + i);
      assertThat(templates.template("invitation.subject", asked)).as("the English template, for %s", asked)
          .isEqualTo(templates.template("invitation.subject", Locale.ENGLISH));
      assertThat(templates.template("invitation.subject", new Locale("de", "CH", "p" + i)))
          .isEqualTo(templates.template("invitation.subject", Locale.GERMAN));
    }
    // messages.properties and messages_de.properties: the only files of the built-in bundle that exist
    assertThat(templates.filesKept()).isEqualTo(2);
  }
}
