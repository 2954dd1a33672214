package dev.invitekit.examples.quickstart.snippets;

import dev.invitekit.Invitekit;
import dev.invitekit.id.AccountId;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.smtp.SmtpMailSender;
import dev.invitekit.id.UserId;
import dev.invitekit.outbox.MailOutbox;
import dev.invitekit.outbox.OutboxMessage;
import dev.invitekit.spi.store.Store;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Properties;

/** The code docs/mail.md shows: SMTP, the outbox key, templates, driving the outbox, what operators see. */
public final class MailSetup {
  private MailSetup() {}

  /** Builds Invitekit on SMTP with a shared outbox key. */
  public static Invitekit smtp(Store store, String smtpPassword, String outboxKeyBase64) {
    // tag::smtp[]
    SmtpMailSender smtp = SmtpMailSender.builder()
        .host("smtp.example.com").port(587)              // STARTTLS required by default; Security.SMTPS for 465
        .auth("invites@example.com", smtpPassword)        // never shown by toString()
        .timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30))
        .from("invites@example.com", "Example Invites")
        .build();
    Invitekit kit = Invitekit.builder()
        .store(store)
        .mail(smtp)
        .baseUrl(URI.create("https://app.example.com"))
        .outboxKey(Base64.getDecoder().decode(outboxKeyBase64))  // 32 bytes, the same on every node
        .mailRetry(Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofHours(24))
        .build();
    // end::smtp[]
    return kit;
  }

  /** Adds the app's templates: a bundle, and one key from code. */
  public static Invitekit templates(Invitekit.Builder builder, Properties brandedHtml) {
    // tag::templates[]
    Invitekit kit = builder
        // com/example/mail/invites.properties, invites_de.properties, invites_fr.properties … (UTF-8)
        .mailTemplateBundle("com.example.mail.invites", MailSetup.class.getClassLoader())
        // or any source, key by key; null keeps Invitekit's template
        .mailTemplates((key, locale) -> locale.getLanguage().equals("en") ? brandedHtml.getProperty(key) : null)
        .build();
    // end::templates[]
    return kit;
  }

  /** A kit whose outbox the app drives itself, then closes. */
  public static MailOutbox.DispatchCounts manual(Invitekit.Builder builder) {
    // tag::manual[]
    try (Invitekit kit = builder.manualMailDispatch().build()) {  // no scheduler thread
      // … use the kit; then, from the app's own job runner, every few seconds:
      MailOutbox.DispatchCounts counts = kit.mail().dispatchDue();
      return counts;                                             // attempted, sent, retrying, gaveUp
    }
    // end::manual[]
  }

  /** What an operator looks at when mail fails. */
  public static void operator(Invitekit kit, UserId adminId, AccountId accountId) {
    // tag::operator[]
    for (OutboxMessage m : kit.mail().givenUp(accountId)) {     // never the content: it may hold a token
      System.out.println(m.messageId() + " to " + m.to() + " after " + m.attempts() + " attempts: "
          + m.lastError());
    }
    for (Invitation i : kit.invitations().list(adminId, accountId)) {
      if (i.delivery() == DeliveryStatus.FAILED_PERMANENT) {
        System.out.println(i.email() + " did not get the invitation; re-send it or ask for another address");
      }
    }
    // end::operator[]
  }

  /** Listens for delivery failures. */
  public static Invitekit.Builder listen(Invitekit.Builder builder) {
    // tag::listen[]
    builder.addListener(event -> {
      if (event instanceof InvitekitEvent.InvitationDeliveryFailed failed) {
        // retryable: the outbox is still trying; false: it gave up (FAILED_PERMANENT on the invitation)
        System.out.println("mail for invitation " + failed.invitationId() + " failed; still retrying: "
            + failed.retryable());
      }
    });
    // end::listen[]
    return builder;
  }

  /** Invites Dora with German mail, whatever the account's default locale. */
  public static InviteResult inviteInGerman(Invitekit kit, UserId adminId, AccountId accountId) {
    // tag::locale[]
    InviteResult result = kit.invitations().invite(
        InviteRequest.members(adminId, accountId, "dora@example.org").withLocale(Locale.GERMAN));
    // end::locale[]
    return result;
  }
}
