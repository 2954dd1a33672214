package dev.invitekit.mail.memory;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.spi.mail.MailMessage;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds MailMessage values for the tests, the way core composes them. */
final class Messages {

  static final String LINK = "https://app.example.com/invitations/abc";

  private Messages() {}

  /** The invitation from the brief: to a@acme.com, named Ann, with its "Create account" link. */
  static MailMessage invitation() {
    return new MailMessage(MailMessage.Kind.INVITATION, EmailAddress.parse("a@acme.com"), "Ann", "Subject",
        "text " + LINK, "<p>html</p>", URI.create(LINK), Map.of(), "id-1@invitekit");
  }

  /** An invitation to {@code to} whose link ends in {@code token}. */
  static MailMessage invitation(String to, String token, String messageId) {
    String link = "https://app.example.com/invitations/" + token;
    return new MailMessage(MailMessage.Kind.INVITATION, EmailAddress.parse(to), null, "Join Acme",
        "Create account: " + link, "<p><a href=\"" + link + "\">Create account</a></p>", URI.create(link),
        Map.of(), messageId);
  }

  /** A message of {@code kind} to {@code to} without a link. */
  static MailMessage withoutLink(MailMessage.Kind kind, String to, String messageId) {
    return message(kind, to, null, messageId);
  }

  static MailMessage message(MailMessage.Kind kind, String to, @Nullable URI link, String messageId) {
    return new MailMessage(kind, EmailAddress.parse(to), null, kind + " subject", kind + " text",
        "<p>" + kind + "</p>", link, Map.of(), messageId);
  }
}
