package dev.invitekit.internal.mail;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.invitekit.account.Account;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.Invitation;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.spi.mail.MailMessage;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import dev.invitekit.spi.mail.MailTemplates;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes every message Invitekit sends (I6, I11, L2, L3, S6) from the templates in
 * {@code dev/invitekit/internal/mail/messages*.properties} (English, German), after the app's own
 * {@link MailTemplates}: subject, text and HTML, localized by the invitation's or account's locale. Values from people (names, account names) are HTML-escaped in the
 * HTML part and stripped of line breaks in the subject.
 */
public final class MailComposer {
  private static final Logger LOG = LoggerFactory.getLogger(MailComposer.class);
  private static final BundleTemplates BUILT_IN = BundleTemplates.builtIn();

  private final String productName;
  private final List<MailTemplates> overrides;
  private final ZoneId zone;
  private final String messageIdDomain;
  private final URI signInUrl;
  /**
   * The long date format of each locale mail went out in, built once rather than per mail; bounded,
   * since an invitation's locale comes from the request.
   */
  private final Cache<Locale, DateTimeFormatter> dateFormats = Caffeine.newBuilder().maximumSize(64).build();
  /**
   * The last expiry date written, with its locale and instant: the invitations of one list share both, so
   * a list of 20 formats its date once rather than 20 times.
   */
  private volatile @Nullable FormattedDate lastDate;

  private record FormattedDate(Locale locale, java.time.Instant instant, String text) {}

  /** A composer for the given product name, time zone (for dates in mail) and sign-in URL. */
  public MailComposer(String productName, ZoneId zone, URI signInUrl) {
    this(productName, zone, signInUrl, List.of());
  }

  /**
   * A composer that consults {@code overrides}, in order and key by key, before the built-in templates.
   */
  public MailComposer(String productName, ZoneId zone, URI signInUrl, List<MailTemplates> overrides) {
    this.productName = productName;
    this.overrides = List.copyOf(overrides);
    this.zone = zone;
    this.signInUrl = signInUrl;
    String host = signInUrl.getHost();
    this.messageIdDomain = host == null || host.isBlank() ? "invitekit.invalid" : host;
  }

  /** An invitation with its "Create account" link (I6), or the reminder of one (I11). */
  public MailMessage invitation(Invitation invitation, Account account, User inviter, URI link, boolean reminder) {
    Map<String, String> values = common(account);
    values.put("inviterName", inviter.displayName());
    values.put("inviterEmail", inviter.email().toString());
    values.put("greetingName", invitation.displayName() == null ? "" : " " + invitation.displayName());
    values.put("roleName", text(invitation.locale(), "role." + invitation.role().name()));
    values.put("email", invitation.email().toString());
    values.put("expiresOn", date(invitation, invitation.locale()));
    values.put("link", link.toString());
    String key = reminder ? "reminder" : "invitation";
    return compose(reminder ? MailMessage.Kind.REMINDER : MailMessage.Kind.INVITATION, key, invitation.locale(),
        invitation.email(), invitation.displayName(), values, link);
  }

  /** The message proving a link redeemer owns the address (L3). */
  public MailMessage linkVerification(Invitation invitation, Account account, URI link) {
    Map<String, String> values = common(account);
    values.put("email", invitation.email().toString());
    values.put("expiresOn", date(invitation, invitation.locale()));
    values.put("link", link.toString());
    return compose(MailMessage.Kind.LINK_VERIFICATION, "verification", invitation.locale(), invitation.email(), null,
        values, link);
  }

  /** The answer to a link redeemer who already is a member (L3): a sign-in hint, no token. */
  public MailMessage alreadyMember(EmailAddress to, Account account) {
    Map<String, String> values = common(account);
    values.put("signInUrl", signInUrl.toString());
    return compose(MailMessage.Kind.ALREADY_MEMBER, "alreadyMember", account.locale(), to, null, values, signInUrl);
  }

  /**
   * The mail in which a founder proves the address before the account and identity can be used (A3): the
   * confirmation link, valid until {@code expiresAt}, for this address only.
   */
  public MailMessage founderConfirmation(Account account, User founder, URI link, java.time.Instant expiresAt) {
    Map<String, String> values = common(account);
    values.put("firstName", founder.firstName());
    values.put("email", founder.email().toString());
    values.put("expiresAt", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
        .withLocale(account.locale()).format(expiresAt.atZone(zone)));
    values.put("link", link.toString());
    return compose(MailMessage.Kind.FOUNDER_CONFIRMATION, "founderConfirmation", account.locale(), founder.email(),
        founder.displayName(), values, link);
  }

  /** Welcome after joining (S6). */
  public MailMessage welcome(User user, Account account, Role role, Locale locale) {
    Map<String, String> values = common(account);
    values.put("firstName", user.firstName());
    values.put("roleName", text(locale, "role." + role.name()));
    values.put("signInUrl", signInUrl.toString());
    return compose(MailMessage.Kind.WELCOME, "welcome", locale, user.email(), user.displayName(), values, signInUrl);
  }

  /** What the inviter is told about their invitation (I11). */
  public enum Notice {
    /** The invitee joined. */
    ACCEPTED,
    /** The invitee declined. */
    DECLINED,
    /** The invitation expired unused. */
    EXPIRED
  }

  /** The inviter's notice (I11). */
  public MailMessage inviterNotice(User inviter, Invitation invitation, Account account, Notice notice,
      @Nullable String inviteeName) {
    Map<String, String> values = common(account);
    values.put("firstName", inviter.firstName());
    values.put("email", invitation.email().toString());
    values.put("inviteeName", inviteeName == null ? invitation.email().toString() : inviteeName);
    return compose(MailMessage.Kind.INVITER_NOTICE, "notice." + notice.name(), account.locale(), inviter.email(),
        inviter.displayName(), values, null);
  }

  /** The invite link shared by email (L2), to one recipient. */
  public MailMessage linkShare(User sharer, Account account, URI link, EmailAddress to) {
    return compose(MailMessage.Kind.LINK_SHARE, "share", account.locale(), to, null, shareValues(sharer, account, link),
        link);
  }

  /** The subject and text body of a link share, for a {@code mailto:} URI (L2). */
  public String[] linkShareSubjectAndText(User sharer, Account account, URI link) {
    Map<String, String> values = shareValues(sharer, account, link);
    return new String[] {
      Templates.render(text(account.locale(), "share.subject"), values, Templates.Escape.SUBJECT),
      Templates.render(text(account.locale(), "share.text"), values, Templates.Escape.NONE)
    };
  }

  private Map<String, String> shareValues(User sharer, Account account, URI link) {
    Map<String, String> values = common(account);
    values.put("inviterName", sharer.displayName());
    values.put("link", link.toString());
    return values;
  }

  private Map<String, String> common(Account account) {
    Map<String, String> values = new HashMap<>();
    values.put("accountName", account.name());
    values.put("productName", productName);
    return values;
  }

  private String date(Invitation invitation, Locale locale) {
    FormattedDate last = lastDate;
    if (last != null && last.instant().equals(invitation.expiresAt()) && last.locale().equals(locale)) {
      return last.text();
    }
    String text = dateFormats.get(locale, l -> DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(l))
        .format(invitation.expiresAt().atZone(zone));
    lastDate = new FormattedDate(locale, invitation.expiresAt(), text);
    return text;
  }

  private MailMessage compose(MailMessage.Kind kind, String key, Locale locale, EmailAddress to,
      @Nullable String toName, Map<String, String> values, @Nullable URI actionUrl) {
    String subject = Templates.render(text(locale, key + ".subject"), values, Templates.Escape.SUBJECT);
    String text = Templates.render(text(locale, key + ".text"), values, Templates.Escape.NONE);
    String html = Templates.htmlDocument(subject,
        Templates.render(text(locale, key + ".html"), values, Templates.Escape.HTML), locale);
    return new MailMessage(kind, to, toName == null ? null : Templates.oneLine(toName), subject, text, html, actionUrl,
        Map.of(), UUID.randomUUID() + "@" + messageIdDomain);
  }

  private String text(Locale locale, String key) {
    for (MailTemplates source : overrides) {
      String value;
      try {
        value = source.template(key, locale);
      } catch (RuntimeException e) {
        // The app's template source is user code: a failing one must not stop an invitation (STYLE: guarded).
        LOG.warn("Mail template source {} failed for {} in {}; using the built-in template", source, key, locale, e);
        value = null;
      }
      if (value != null) {
        return value;
      }
    }
    String value = BUILT_IN.template(key, locale);
    if (value == null) {
      throw new IllegalStateException("mail template " + key + " is missing from the built-in templates for " + locale);
    }
    return value;
  }
}
