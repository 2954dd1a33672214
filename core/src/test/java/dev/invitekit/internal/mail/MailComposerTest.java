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
import dev.invitekit.id.LinkId;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.mail.MailMessage;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Mail composition (I6, I11, L2, L3, S6): templates, escaping, links. */
@DisplayName("I6: mail composition")
class MailComposerTest {

  private static final Instant NOW = Instant.parse("2025-03-10T09:00:00Z");
  private static final URI SIGN_IN = URI.create("https://app.example.com/sign-in");
  private static final URI LINK = URI.create("https://app.example.com/invite?token=Abc_123-xyz&lang=en");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z.]+\\}");

  private final MailComposer composer = new MailComposer("Teamspace", ZoneOffset.UTC, SIGN_IN);

  private static Account account(String name) {
    return new Account(AccountId.random(), name, Plan.PRO, List.of("acme.com"), 0, InvitePolicy.defaults(),
        Locale.ENGLISH, NOW);
  }

  private static User user(String first, String last, String email) {
    return new User(UserId.random(), EmailAddress.parse(email), first, last, NOW, NOW);
  }

  private static Invitation invitation(Account account, User inviter, String email, String displayName) {
    return new Invitation(InvitationId.random(), account.id(), EmailAddress.parse(email), displayName, Role.COWORKER,
        InvitationState.PENDING, inviter.id(), null, Locale.ENGLISH, NOW, NOW.plusSeconds(7 * 86400), NOW,
        DeliveryStatus.NOT_SENT, false, false, null);
  }

  private static void assertNoLineBreaks(MailMessage message) {
    assertThat(message.subject()).doesNotContain("\r", "\n", "\u0000", "\u2028");
    if (message.toName() != null) {
      assertThat(message.toName()).doesNotContain("\r", "\n", "\u0000", "\u2028");
    }
  }

  @Nested
  @DisplayName("I6: values from people")
  class Escaping {

    private final Account account = account("Eve\"><img src=x onerror=alert(1)>");
    private final User inviter = user("<script>alert(1)</script>", "O'Neil & Sons", "eve@acme.com");
    private final MailMessage message =
        composer.invitation(invitation(account, inviter, "bob@acme.com", "<b>Bob</b>"), account, inviter, LINK, false);

    @Test
    @DisplayName("I6: names and account names are HTML-escaped in the HTML part")
    void htmlEscaped() {
      assertThat(message.html())
          .contains("&lt;script&gt;alert(1)&lt;/script&gt; O&#39;Neil &amp; Sons")
          .contains("Eve&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
          .contains("Hello &lt;b&gt;Bob&lt;/b&gt;,")
          .doesNotContain("<script>", "<img", "<b>Bob");
    }

    @Test
    @DisplayName("I6: the same values appear verbatim in the text part")
    void textVerbatim() {
      assertThat(message.text())
          .contains("<script>alert(1)</script> O'Neil & Sons (eve@acme.com)")
          .contains("join Eve\"><img src=x onerror=alert(1)> on Teamspace")
          .contains("Hello <b>Bob</b>,");
    }

    @Test
    @DisplayName("I6: the HTML title is the escaped subject")
    void titleEscaped() {
      assertThat(message.html()).startsWith("<!DOCTYPE html><html lang=\"en\">")
          .contains("<title>&lt;script&gt;");
    }
  }

  @Nested
  @DisplayName("I6: header injection")
  class HeaderInjection {

    @Test
    @DisplayName("I6: CR/LF in an inviter's or account's name never reaches the subject")
    void subjectOneLine() {
      Account account = account("Acme\r\nBcc: victim@evil.example");
      User inviter = user("Eve\r\nX-Injected: yes", "Stone\n", "eve@acme.com");

      MailMessage message = composer.invitation(invitation(account, inviter, "bob@acme.com", null), account, inviter,
          LINK, false);

      assertNoLineBreaks(message);
      assertThat(message.subject()).isEqualTo("Eve  X-Injected: yes Stone invited you to join Acme  Bcc: victim@evil.example on Teamspace");
    }

    @Test
    @DisplayName("I6: CR/LF in the invitee's name never reaches toName")
    void toNameOneLine() {
      Account account = account("Acme");
      User inviter = user("Eve", "Stone", "eve@acme.com");

      MailMessage message = composer.invitation(
          invitation(account, inviter, "bob@acme.com", "Bob\r\nBcc: victim@evil.example\u0000"), account, inviter, LINK,
          false);

      assertNoLineBreaks(message);
      assertThat(message.toName()).isEqualTo("Bob  Bcc: victim@evil.example");
    }

    @Test
    @DisplayName("I6: a user's name with line breaks never reaches toName of a welcome or notice")
    void welcomeAndNotice() {
      Account account = account("Acme");
      User user = user("Bob\r\n", "\nBcc: x@evil.example", "bob@acme.com");
      Invitation invitation = invitation(account, user, "carol@acme.com", null);

      assertNoLineBreaks(composer.welcome(user, account, Role.COWORKER, Locale.ENGLISH));
      assertNoLineBreaks(composer.inviterNotice(user, invitation, account, MailComposer.Notice.ACCEPTED, "Carol\r\nX"));
    }
  }

  @Nested
  @DisplayName("I6: placeholders")
  class Placeholders {

    @Test
    @DisplayName("I6: a value that looks like a placeholder ({link}) stays literal and is never expanded")
    void placeholdersInValuesStayLiteral() {
      Account account = account("{link}");
      User inviter = user("{accountName}", "{productName}", "eve@acme.com");

      MailMessage message = composer.invitation(invitation(account, inviter, "bob@acme.com", "{inviterName}"), account,
          inviter, LINK, false);

      assertThat(message.subject()).isEqualTo("{accountName} {productName} invited you to join {link} on Teamspace");
      assertThat(message.text()).contains("Hello {inviterName},").contains("join {link} on Teamspace");
      assertThat(message.html()).contains("<strong>{link}</strong>");
      assertThat(message.text().split(Pattern.quote(LINK.toString()), -1)).hasSize(2);
    }

    @Test
    @DisplayName("Templates.render fills known placeholders in one pass and leaves unknown ones")
    void renderOnePass() {
      String out = Templates.render("{a} {b} {unknown} {", Map.of("a", "{b}", "b", "x\ny"), Templates.Escape.NONE);
      String subject = Templates.render("{a} {b}", Map.of("a", "{b}", "b", "x\ny"), Templates.Escape.SUBJECT);

      assertThat(out).isEqualTo("{b} x\ny {unknown} {");
      assertThat(subject).isEqualTo("{b} x y");
    }
  }

  @Nested
  @DisplayName("I6: the invitation link")
  class Link {

    @Test
    @DisplayName("I6: the invitation's actionUrl is the link, the text contains it and the HTML links to it escaped")
    void actionUrl() {
      Account account = account("Acme");
      User inviter = user("Eve", "Stone", "eve@acme.com");

      MailMessage message = composer.invitation(invitation(account, inviter, "bob@acme.com", "Bob"), account, inviter,
          LINK, false);

      assertThat(message.kind()).isEqualTo(MailMessage.Kind.INVITATION);
      assertThat(message.to()).isEqualTo(EmailAddress.parse("bob@acme.com"));
      assertThat(message.toName()).isEqualTo("Bob");
      assertThat(message.actionUrl()).isEqualTo(LINK);
      assertThat(message.text()).contains("\n" + LINK + "\n");
      assertThat(message.html()).contains("href=\"https://app.example.com/invite?token=Abc_123-xyz&amp;lang=en\"");
      assertThat(message.text()).contains("expires on March 17, 2025");
    }

    @Test
    @DisplayName("L3: the already-a-member answer carries no token, only the sign-in URL")
    void alreadyMemberHasNoToken() {
      MailMessage message = composer.alreadyMember(EmailAddress.parse("bob@acme.com"), account("Acme"));

      assertThat(message.actionUrl()).isEqualTo(SIGN_IN);
      assertThat(message.text() + message.html()).doesNotContain("token");
    }

    @Test
    @DisplayName("I6: message ids are unique, without angle brackets, in the sign-in host's domain")
    void messageIds() {
      MailMessage a = composer.alreadyMember(EmailAddress.parse("bob@acme.com"), account("Acme"));
      MailMessage b = composer.alreadyMember(EmailAddress.parse("bob@acme.com"), account("Acme"));

      assertThat(a.messageId()).isNotEqualTo(b.messageId()).endsWith("@app.example.com").doesNotContain("<", ">");
    }
  }

  @Test
  @DisplayName("I6, I11, L2, L3, S6: every kind of message is composed from existing templates, all placeholders filled")
  void everyKindHasTemplates() {
    Account account = account("Acme");
    User inviter = user("Eve", "Stone", "eve@acme.com");
    Invitation invitation = invitation(account, inviter, "bob@acme.com", "Bob");
    Invitation viaLink = new Invitation(InvitationId.random(), account.id(), EmailAddress.parse("dan@acme.com"), null,
        Role.COWORKER, InvitationState.PENDING, inviter.id(), LinkId.random(), Locale.ENGLISH, NOW, NOW, NOW,
        DeliveryStatus.NOT_SENT, false, false, null);
    List<MailMessage> messages = new ArrayList<>();
    messages.add(composer.invitation(invitation, account, inviter, LINK, false));
    messages.add(composer.invitation(invitation, account, inviter, LINK, true));
    messages.add(composer.linkVerification(viaLink, account, LINK));
    messages.add(composer.alreadyMember(EmailAddress.parse("dan@acme.com"), account));
    for (Role role : Role.values()) {
      messages.add(composer.welcome(inviter, account, role, Locale.ENGLISH));
    }
    for (MailComposer.Notice notice : MailComposer.Notice.values()) {
      messages.add(composer.inviterNotice(inviter, invitation, account, notice, null));
    }
    messages.add(composer.linkShare(inviter, account, LINK, EmailAddress.parse("fay@example.org")));
    messages.add(composer.founderConfirmation(account, inviter, LINK, NOW.plusSeconds(86_400)));

    Set<MailMessage.Kind> kinds = messages.stream().map(MailMessage::kind).collect(Collectors.toSet());
    assertThat(kinds).isEqualTo(EnumSet.allOf(MailMessage.Kind.class));
    assertThat(messages).allSatisfy(m -> {
      assertThat(m.subject()).isNotBlank();
      assertThat(m.text()).isNotBlank();
      assertThat(m.html()).startsWith("<!DOCTYPE html>").endsWith("</html>");
      assertThat(PLACEHOLDER.matcher(m.subject() + m.text() + m.html()).find())
          .as("unfilled placeholder in %s", m.kind()).isFalse();
      assertThat(m.headers()).isEmpty();
    });
    assertThat(messages.get(1).kind()).isEqualTo(MailMessage.Kind.REMINDER);
    assertThat(messages.get(1).subject()).startsWith("Reminder:");
    assertThat(messages.get(4).text()).contains("as an administrator");
  }

  @Test
  @DisplayName("L2: the link share's subject and text for a mailto: URI hold the link, the subject on one line")
  void linkShareSubjectAndText() {
    String[] parts = composer.linkShareSubjectAndText(user("Eve\n", "Stone", "eve@acme.com"), account("Acme\r\n"), LINK);

    assertThat(parts).hasSize(2);
    assertThat(parts[0]).isEqualTo("Join Acme on Teamspace");
    assertThat(parts[1]).contains(LINK.toString()).contains("Eve\n Stone invites you");
  }

  @Nested
  @DisplayName("I6: the expiry date written once per list is still each invitation's own")
  class ExpiryDate {
    private Invitation expiring(Invitation base, Instant expiresAt, Locale locale) {
      return new Invitation(base.id(), base.accountId(), base.email(), base.displayName(), base.role(), base.state(),
          base.invitedBy(), base.viaLink(), locale, base.createdAt(), expiresAt, base.updatedAt(), base.delivery(),
          base.ageCheckLocked(), base.reminded(), base.acceptedBy());
    }

    @Test
    @DisplayName("I6: invitations alternating between expiries and locales each state their own date")
    void eachInvitationItsOwnDate_I6() {
      Account acme = account("Acme");
      User dana = user("Dana", "Whitfield", "dana@acme.com");
      Invitation base = invitation(acme, dana, "new@acme.com", null);
      Instant march = Instant.parse("2025-03-17T09:00:00Z");
      Instant april = Instant.parse("2025-04-02T09:00:00Z");
      record Case(Instant expiresAt, Locale locale, String date) {}
      List<Case> cases = List.of(new Case(march, Locale.ENGLISH, "March 17, 2025"),
          new Case(march, Locale.ENGLISH, "March 17, 2025"), new Case(april, Locale.ENGLISH, "April 2, 2025"),
          new Case(april, Locale.GERMAN, "2. April 2025"), new Case(march, Locale.ENGLISH, "March 17, 2025"));
      for (Case c : cases) {
        MailMessage mail = composer.invitation(expiring(base, c.expiresAt(), c.locale()), acme, dana, LINK, false);
        assertThat(mail.text()).as("%s in %s", c.expiresAt(), c.locale()).contains(c.date());
      }
    }
  }
}
