package dev.invitekit.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.invitekit.Invitekit;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.id.UserId;
import dev.invitekit.outbox.MailOutbox;
import dev.invitekit.outbox.OutboxMessage;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.store.memory.InMemoryStore;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invitekit over real SMTP (SPEC §4, §5, I6): GreenMail, a real SMTP server in the test's process, on a
 * loopback port; a fake loopback server where a 5xx reply is needed.
 */
@DisplayName("Invitekit over SMTP (GreenMail)")
class SmtpDeliveryTest {
  private static final Instant START = Instant.parse("2025-03-10T09:00:00Z");
  private static final String PASSWORD = "correct horse battery staple, 7 violet kiwis";
  private static final Pattern LINK = Pattern.compile("https://app\\.example\\.com/invitations/([A-Za-z0-9_-]{43})");

  @RegisterExtension
  final GreenMailExtension greenMail = new GreenMailExtension(
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  private final TestClock clock = new TestClock(START);
  private final List<InvitekitEvent> events = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private Invitekit kit;
  private UserId ada;
  private AccountId acme;

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private SmtpMailSender smtp(int port) {
    SmtpMailSender sender = SmtpMailSender.builder().host("127.0.0.1").port(port)
        .security(SmtpMailSender.Security.STARTTLS_OPTIONAL)
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5))
        .from("invites@app.example.com", "Acme Invites").build();
    toClose.add(sender);
    return sender;
  }

  private void acmeOn(dev.invitekit.spi.mail.MailSender sender) {
    InMemoryStore store = new InMemoryStore();
    // Acme is founded on the same store by a kit that keeps its mail, where Ada's confirmation link is read
    // (A3): this test is about the mail that follows, through SMTP.
    List<dev.invitekit.spi.mail.MailMessage> founding = new ArrayList<>();
    FounderConfirmation.Confirmed founded;
    try (Invitekit setup = Invitekit.builder().store(store).mail(message -> {
          founding.add(message);
          return new dev.invitekit.spi.mail.DeliveryResult.Delivered(message.messageId());
        }).baseUrl(URI.create("https://app.example.com")).clock(clock)
        .passwordHashing(PasswordHashing.insecureFastForTestsOnly()).outboxKey(new byte[32]).manualMailDispatch()
        .build()) {
      setup.accounts().create(new NewAccount("Acme", Plan.PRO, List.of("acme.com"), 0, Locale.ENGLISH, "ada@acme.com",
          "Ada", "Admin", LocalDate.of(1990, 5, 17), Password.of(PASSWORD), Password.of(PASSWORD)));
      String link = String.valueOf(founding.get(founding.size() - 1).actionUrl());
      founded = (FounderConfirmation.Confirmed) setup.accounts().confirmFounder(Token.of(link.substring(link.lastIndexOf('/') + 1)),
          Password.of(PASSWORD));
    }
    kit = Invitekit.builder().store(store).mail(sender).baseUrl(URI.create("https://app.example.com"))
        .clock(clock).passwordHashing(PasswordHashing.insecureFastForTestsOnly()).outboxKey(new byte[32])
        .manualMailDispatch().addListener(events::add)
        .mailRetry(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(24)).build();
    toClose.add(kit);
    FounderConfirmation.Confirmed created = founded;
    ada = created.founder().id();
    acme = created.account().id();
  }

  private List<AddressOutcome.Invited> invite(String addresses) {
    InviteResult result = kit.invitations().inviteByEmail(ada, acme, addresses);
    return ((InviteResult.InviteReport) result).outcomes().stream().filter(AddressOutcome.Invited.class::isInstance)
        .map(AddressOutcome.Invited.class::cast).toList();
  }

  private static List<MimeMessage> to(MimeMessage[] received, String address) throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage m : received) {
      if (Arrays.stream(m.getRecipients(Message.RecipientType.TO))
          .anyMatch(a -> ((InternetAddress) a).getAddress().equals(address))) {
        found.add(m);
      }
    }
    return found;
  }

  @Nested
  @DisplayName("I6, SPEC §4: what arrives")
  class WhatArrives {

    @Test
    @DisplayName("I6: an invitation arrives as valid multipart/alternative MIME, text and HTML in UTF-8, the Message-ID "
        + "its outbox id, and its Create account link signs Bob up (S6)")
    void invitationEndToEnd() throws Exception {
      acmeOn(smtp(greenMail.getSmtp().getPort()));

      List<AddressOutcome.Invited> invited = invite("Bob Stone <bob@acme.com>");

      assertThat(invited).singleElement().extracting(AddressOutcome.Invited::delivery).isEqualTo(DeliveryStatus.SENT);
      List<MimeMessage> received = to(greenMail.getReceivedMessages(), "bob@acme.com");
      assertThat(received).hasSize(1);
      MimeMessage mime = received.get(0);
      assertThat(mime.isMimeType("multipart/alternative")).isTrue();
      MimeMultipart parts = (MimeMultipart) mime.getContent();
      assertThat(parts.getCount()).isEqualTo(2);
      assertThat(parts.getBodyPart(0).getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("utf-8");
      assertThat(parts.getBodyPart(1).getContentType()).containsIgnoringCase("text/html").containsIgnoringCase("utf-8");
      assertThat(mime.getSubject()).isEqualTo("Ada Admin invited you to join Acme on Invitekit");
      assertThat(((InternetAddress) mime.getFrom()[0]).getAddress()).isEqualTo("invites@app.example.com");
      assertThat(((InternetAddress) mime.getRecipients(Message.RecipientType.TO)[0]).getPersonal()).isEqualTo("Bob Stone");
      String messageId = mime.getMessageID().replaceAll("^<|>$", "");
      assertThat(kit.mail().find(messageId)).get().extracting(OutboxMessage::status, OutboxMessage::invitationId)
          .containsExactly(OutboxMessage.Status.SENT, invited.get(0).invitationId());

      Matcher text = LINK.matcher(Mime.textPart(mime));
      assertThat(text.find()).as("the Create account link in the text part").isTrue();
      assertThat(Mime.htmlPart(mime)).contains("href=\"" + text.group() + "\"").contains("Create account");
      SignupResult joined = kit.signup().createAccount(new SignupRequest(Token.of(text.group(1)), LocalDate.of(1991, 1, 2),
          "Bob", "Stone", Password.of(PASSWORD), Password.of(PASSWORD)));
      assertThat(joined).isInstanceOf(SignupResult.Joined.class);
      assertThat(to(greenMail.getReceivedMessages(), "bob@acme.com")).extracting(MimeMessage::getSubject).contains("Welcome to Acme");
      assertThat(to(greenMail.getReceivedMessages(), "ada@acme.com")).extracting(MimeMessage::getSubject)
          .containsExactly("Bob Stone accepted your invitation to Acme");
    }

    @Test
    @DisplayName("I6: a German invitation arrives with an RFC 2047 encoded subject that decodes to its umlauts")
    void germanSubject() throws Exception {
      acmeOn(smtp(greenMail.getSmtp().getPort()));
      kit.invitations().invite(dev.invitekit.invite.InviteRequest.members(ada, acme, "dora@example.org")
          .withLocale(Locale.GERMAN));
      MimeMessage mime = to(greenMail.getReceivedMessages(), "dora@example.org").get(0);
      assertThat(mime.getHeader("Subject")[0]).startsWith("=?UTF-8?").doesNotContain("ä");
      assertThat(mime.getSubject()).isEqualTo("Ada Admin lädt Sie zu Acme auf Invitekit ein");
      assertThat(Mime.textPart(mime)).contains("Konto erstellen");
    }

    @Test
    @DisplayName("SPEC §5: CR/LF in a name or subject adds no header and no recipient: one message, one recipient, no Bcc")
    void headerInjection() throws Exception {
      SmtpMailSender sender = smtp(greenMail.getSmtp().getPort());
      MailMessage hostile = new MailMessage(MailMessage.Kind.INVITATION, EmailAddress.parse("eve@acme.com"),
          "Eve\r\nBcc: x@evil.example", "Hi\r\nBcc: y@evil.example\r\nX-Evil: 1", "text", "<p>html</p>", null,
          Map.of("X-Extra\r\nBcc", "z@evil.example", "X-Campaign", "a\r\nBcc: w@evil.example"), "hostile-1@app.example.com");

      assertThat(sender.send(hostile)).isEqualTo(new DeliveryResult.Delivered("hostile-1@app.example.com"));

      MimeMessage[] received = greenMail.getReceivedMessages();
      assertThat(received).hasSize(1);
      MimeMessage mime = received[0];
      assertThat(mime.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("eve@acme.com");
      assertThat(mime.getHeader("Bcc")).isNull();
      assertThat(mime.getHeader("X-Evil")).isNull();
      assertThat(mime.getSubject()).isEqualTo("Hi Bcc: y@evil.example X-Evil: 1");
      assertThat(((InternetAddress) mime.getRecipients(Message.RecipientType.TO)[0]).getPersonal())
          .isEqualTo("Eve Bcc: x@evil.example");
      assertThat(mime.getHeader("X-Campaign")[0]).doesNotContain("\r").doesNotContain("\n");
      assertThat(Mime.raw(mime)).doesNotContainPattern("(?m)^Bcc:");
    }

    @Test
    @DisplayName("SPEC §4: a burst of mail reuses one SMTP connection; the password never shows in toString")
    void burstAndToString() throws Exception {
      SmtpMailSender sender = SmtpMailSender.builder().host("127.0.0.1").port(greenMail.getSmtp().getPort())
          .security(SmtpMailSender.Security.STARTTLS_OPTIONAL).auth("invites", "s3cret-pa55")
          .from("invites@app.example.com").build();
      toClose.add(sender);
      assertThat(sender.toString()).doesNotContain("s3cret-pa55").contains("invites");
      SmtpMailSender plain = smtp(greenMail.getSmtp().getPort());
      acmeOn(plain);
      invite("a1@acme.com, a2@acme.com, a3@acme.com, a4@acme.com, a5@acme.com");
      assertThat(greenMail.getReceivedMessages()).hasSize(5);
    }
  }

  @Test
  @DisplayName("SPEC §4: a burst of sends within the idle time shares one connection; with no idle time each opens its own")
  void connectionReuse() throws Exception {
    try (FakeSmtpServer server = new FakeSmtpServer(rcpt -> "250 OK")) {
      SmtpMailSender reusing = smtp(server.port());
      for (int i = 0; i < 5; i++) {
        assertThat(reusing.send(plain("r" + i + "@acme.com"))).isInstanceOf(DeliveryResult.Delivered.class);
      }
      reusing.close();
      assertThat(server.connections.get()).isEqualTo(1);
      SmtpMailSender single = SmtpMailSender.builder().host("127.0.0.1").port(server.port())
          .security(SmtpMailSender.Security.STARTTLS_OPTIONAL).idleTimeout(Duration.ZERO).clock(clock)
          .from("invites@app.example.com").build();
      toClose.add(single);
      for (int i = 0; i < 3; i++) {
        clock.advance(Duration.ofSeconds(1));
        assertThat(single.send(plain("s" + i + "@acme.com"))).isInstanceOf(DeliveryResult.Delivered.class);
      }
      assertThat(server.connections.get()).isEqualTo(4);
      assertThat(server.accepted).hasSize(8);
    }
  }

  private static MailMessage plain(String to) {
    return new MailMessage(MailMessage.Kind.LINK_SHARE, EmailAddress.parse(to), null, "Join Acme", "text", "<p>html</p>",
        null, Map.of(), java.util.UUID.randomUUID() + "@app.example.com");
  }

  @Nested
  @DisplayName("SPEC §5: faults")
  class Faults {

    @Test
    @DisplayName("SPEC §5: a server down for a while: invitations stay pending and are retried with backoff; when it is "
        + "back on the same port every pending mail is delivered, none lost, duplicates recognizable by Message-ID")
    void serverDownThenBack() throws Exception {
      int port = greenMail.getSmtp().getPort();
      acmeOn(smtp(port));
      greenMail.stop();

      List<AddressOutcome.Invited> invited = invite("bob@acme.com, carl@acme.com, dora@example.org");

      assertThat(invited).hasSize(3).extracting(AddressOutcome.Invited::delivery)
          .containsOnly(DeliveryStatus.FAILED_RETRYABLE);
      assertThat(kit.mail().pending(acme)).hasSize(3).allSatisfy(m -> {
        assertThat(m.attempts()).isEqualTo(1);
        assertThat(m.lastError()).startsWith("connection refused");
      });
      for (int round = 2; round <= 4; round++) {
        clock.advance(Duration.ofMinutes(5));
        MailOutbox.DispatchCounts counts = kit.mail().dispatchDue();
        assertThat(counts.retrying()).isEqualTo(3);
        int expected = round;
        assertThat(kit.mail().pending(acme)).allSatisfy(m -> assertThat(m.attempts()).isEqualTo(expected));
      }
      assertThat(events).filteredOn(InvitekitEvent.InvitationDeliveryFailed.class::isInstance).hasSize(3);

      GreenMail back = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      back.start();
      try {
        clock.advance(Duration.ofMinutes(5));
        assertThat(kit.mail().dispatchDue()).isEqualTo(new MailOutbox.DispatchCounts(3, 3, 0, 0));
        assertThat(kit.mail().dispatchDue().attempted()).isZero();

        Map<String, List<String>> idsByRecipient = new java.util.TreeMap<>();
        for (MimeMessage m : back.getReceivedMessages()) {
          String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
          idsByRecipient.computeIfAbsent(to, k -> new ArrayList<>()).add(m.getMessageID());
        }
        assertThat(idsByRecipient).containsOnlyKeys("bob@acme.com", "carl@acme.com", "dora@example.org");
        assertThat(idsByRecipient.values()).allSatisfy(ids ->
            assertThat(ids.stream().distinct().collect(Collectors.toList())).as("one Message-ID per invitation")
                .hasSize(1));
        assertThat(kit.mail().pending(acme)).isEmpty();
        for (AddressOutcome.Invited i : invited) {
          Invitation stored = kit.invitations().find(ada, acme, i.invitationId()).orElseThrow();
          assertThat(stored.delivery()).isEqualTo(DeliveryStatus.SENT);
        }
      } finally {
        back.stop();
      }
    }

    @Test
    @DisplayName("SPEC §4, §5: a recipient refused with 550 marks that invitation FAILED_PERMANENT at once, given up with "
        + "the reply; a 451 is retried; the others are delivered")
    void refusedRecipient() throws Exception {
      try (FakeSmtpServer server = new FakeSmtpServer(rcpt -> rcpt.startsWith("nobody@") ? "550 5.1.1 no such user"
          : rcpt.startsWith("busy@") ? "451 4.3.2 try again later" : "250 OK")) {
        acmeOn(smtp(server.port()));

        List<AddressOutcome.Invited> invited = invite("bob@acme.com, nobody@acme.com, busy@acme.com, carl@acme.com");

        assertThat(invited).extracting(i -> i.address().toString(), AddressOutcome.Invited::delivery)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("bob@acme.com", DeliveryStatus.SENT),
                org.assertj.core.groups.Tuple.tuple("nobody@acme.com", DeliveryStatus.FAILED_PERMANENT),
                org.assertj.core.groups.Tuple.tuple("busy@acme.com", DeliveryStatus.FAILED_RETRYABLE),
                org.assertj.core.groups.Tuple.tuple("carl@acme.com", DeliveryStatus.SENT));
        assertThat(server.accepted).contains("bob@acme.com", "carl@acme.com").doesNotContain("nobody@acme.com");
        assertThat(kit.mail().givenUp(acme)).singleElement().satisfies(m -> {
          assertThat(m.invitationId()).isEqualTo(invited.get(1).invitationId());
          assertThat(m.lastError()).startsWith("SMTP 550");
          assertThat(m.attempts()).isEqualTo(1);
        });
        assertThat(kit.mail().pending(acme)).singleElement().satisfies(m -> assertThat(m.lastError()).startsWith("SMTP 451"));
        assertThat(events).filteredOn(InvitekitEvent.InvitationDeliveryFailed.class::isInstance)
            .map(e -> (InvitekitEvent.InvitationDeliveryFailed) e)
            .extracting(InvitekitEvent.InvitationDeliveryFailed::invitationId, InvitekitEvent.InvitationDeliveryFailed::retryable)
            .containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(invited.get(1).invitationId(), false),
                org.assertj.core.groups.Tuple.tuple(invited.get(2).invitationId(), true));
      }
    }
  }
}
