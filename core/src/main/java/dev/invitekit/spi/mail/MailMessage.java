package dev.invitekit.spi.mail;

import dev.invitekit.secret.Secret;
import dev.invitekit.email.EmailAddress;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One composed message for a mail provider to deliver (SPEC §4). Core composes it (templates, links,
 * localization); the provider only delivers. Its text and HTML may hold a secret link, so
 * {@link #toString()} shows neither.
 *
 * @param kind what the message is for
 * @param to the recipient
 * @param toName the recipient's display name, or null; providers must strip CR/LF before using it in a
 *     header
 * @param subject the subject line
 * @param text the plain-text part
 * @param html the HTML part; every user-supplied value in it is already HTML-escaped
 * @param actionUrl the message's main link ("Create account"), or null; it may carry a token
 * @param headers extra headers, such as {@code List-Unsubscribe}; never CR/LF in names or values
 * @param messageId a stable, globally unique id, without angle brackets, so a duplicate delivery can be
 *     recognized
 */
public record MailMessage(
    Kind kind,
    EmailAddress to,
    @Nullable String toName,
    String subject,
    String text,
    String html,
    @Nullable URI actionUrl,
    Map<String, String> headers,
    String messageId) {

  /** What a message is for. */
  public enum Kind {
    /** An invitation with its "Create account" link (I6). */
    INVITATION,
    /** A reminder before an invitation expires (I11). */
    REMINDER,
    /** Someone redeemed a link and must prove they own the address (L3). */
    LINK_VERIFICATION,
    /** Someone who already is a member redeemed a link (L3): a sign-in hint, no token. */
    ALREADY_MEMBER,
    /** Welcome after joining (S6). */
    WELCOME,
    /** The inviter is told an invitation was accepted, declined or expired (I11). */
    INVITER_NOTICE,
    /** The invite link shared by email (L2). */
    LINK_SHARE,
    /** A founder proves the address before the new account and identity can be used (A3). */
    FOUNDER_CONFIRMATION
  }

  /** Requires every non-optional component and copies the headers. */
  public MailMessage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(messageId, "messageId");
  }

  /**
   * {@code text} with this message's link, and anything of the token in it, taken out: for a provider that logs or
   * returns a server's reply, which may quote the link it refused (SPEC §5). Invitekit applies it to every
   * {@link DeliveryResult.Failed#detail()} before logging or keeping it; a provider applies it itself before its own
   * logging, and before it cuts or folds a reply, so that no part of the token escapes the match.
   *
   * <p>The link, exactly as sent, becomes {@code [link]}. A token is a run of 43 or more URL-safe Base64 characters
   * in the link's path, query or fragment (Invitekit's are 43, I5), wherever the app's paths put it, with any text
   * glued to it. Wherever 8 or more consecutive characters of it show in {@code text}, in any case, the run that
   * holds them becomes {@code [redacted]}: the token quoted alone, cut short, split over reply lines, lower-cased,
   * percent-encoded, written as HTML character references, or inside Base64 (a body line quoted in its transfer
   * encoding, either alphabet). Pieces under 8 characters stay, as do the app's path words shorter than a token and a
   * link with no token (a sign-in link). It errs on the side of removing: text joined to the token by {@code -} or
   * {@code _} ({@code /accept-invitation-{token}}) counts as part of it, as does any other run of 43 or more such
   * characters in the link (a long query value), so reply words sharing 8 characters with them are removed too.
   * Linear in the text's length.
   *
   * @param text a provider's text, such as a server's reply
   * @return the text without the link or any part of its token of 8 characters or more
   */
  public String redact(String text) {
    Objects.requireNonNull(text, "text");
    return actionUrl == null ? text : TokenRedaction.redact(text, actionUrl);
  }

  /** Shows kind, recipient, subject and id; never the parts or the link, which may hold a token. */
  @Override
  public String toString() {
    return "MailMessage[kind=" + kind + ", to=" + to + ", subject=" + subject + ", messageId=" + messageId
        + ", body=" + Secret.REDACTED + "]";
  }
}
