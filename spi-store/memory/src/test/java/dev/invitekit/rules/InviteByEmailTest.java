package dev.invitekit.rules;

import static dev.invitekit.rules.RulesFixture.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.invitekit.Invitekit;
import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Token;
import dev.invitekit.account.InvitePolicy.GuestInviters;
import dev.invitekit.email.AddressProblem;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.mail.MailSender;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Inviting a pasted list of addresses, through the public facade (SPEC I1–I4, I6, I10, §5). */
@DisplayName("Inviting by email (I1–I4, I6, I10, mail failures)")
class InviteByEmailTest {

  private final RulesFixture f = new RulesFixture();

  @BeforeEach
  void acme() {
    f.createAcme();
    f.clearEvents();
  }

  private Invitation find(InvitationId id) {
    return f.kit.invitations().find(f.adaId(), f.acmeId(), id).orElseThrow();
  }

  private static String addresses(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> String.format("p%02d@acme.com", i))
        .collect(Collectors.joining("; "));
  }

  @Nested
  @DisplayName("I1: one pasted string, separators and named mailboxes")
  class Parsing {

    @Test
    @DisplayName("I1: semicolons, commas, newlines and spaces separate; named mailboxes keep their names; a "
        + "separator inside quotes or angle brackets does not split")
    void mixedSeparatorsAndNamedMailboxes() {
      String pasted = "Ann Lee <ann@example.org>; \"Lee, Bob\" <bob@acme.com>,\n  carl@acme.com  ;;\n"
          + "\"Dora; D.\" <dora@partner.org>,";

      InviteResult.InviteReport report = f.invite(f.adaId(), pasted);

      List<AddressOutcome.Invited> invited = report.outcomes(AddressOutcome.Invited.class);
      assertThat(report.outcomes()).hasSize(4).allMatch(AddressOutcome.Invited.class::isInstance);
      assertThat(invited).extracting(AddressOutcome.Invited::input).containsExactly(
          "Ann Lee <ann@example.org>", "\"Lee, Bob\" <bob@acme.com>", "carl@acme.com", "\"Dora; D.\" <dora@partner.org>");
      assertThat(invited).extracting(i -> i.address().toString())
          .containsExactly("ann@example.org", "bob@acme.com", "carl@acme.com", "dora@partner.org");
      assertThat(invited).extracting(i -> find(i.invitationId()).displayName())
          .containsExactly("Ann Lee", "Lee, Bob", null, "Dora; D.");
      assertThat(f.mailbox.last("bob@acme.com").orElseThrow().toName()).isEqualTo("Lee, Bob");
      assertThat(f.mailbox.count()).isEqualTo(4);
    }

    @Test
    @DisplayName("I1/I4: entries that are not addresses come back Invalid with their reason, in input order")
    void invalidEntries() {
      InviteResult.InviteReport report = f.invite(f.adaId(), "not-an-address; ann@; carl@acme.com; <bob@acme.com");

      assertThat(report.outcomes()).hasSize(4);
      assertThat(report.outcomes().get(0)).isEqualTo(new AddressOutcome.Invalid("not-an-address", AddressProblem.MISSING_AT));
      assertThat(report.outcomes().get(1)).isEqualTo(new AddressOutcome.Invalid("ann@", AddressProblem.INVALID_DOMAIN));
      assertThat(report.outcomes().get(2)).isInstanceOf(AddressOutcome.Invited.class);
      assertThat(report.outcomes().get(3)).isInstanceOfSatisfying(AddressOutcome.Invalid.class, i -> {
        assertThat(i.input()).isEqualTo("<bob@acme.com");
        assertThat(i.problem()).isEqualTo(AddressProblem.UNBALANCED_ANGLE_BRACKET);
        assertThat(i.reason()).isEqualTo(AddressProblem.UNBALANCED_ANGLE_BRACKET.message());
      });
      assertThat(f.mailbox.all()).extracting(m -> m.to().toString()).containsExactly("carl@acme.com");
    }
  }

  @Nested
  @DisplayName("I2: at most 20 distinct addresses per request")
  class Limit {

    @Test
    @DisplayName("I2: more than 20 distinct addresses are refused as a whole, naming the limit and the count; "
        + "nothing is created or sent")
    void twentyOneRefused() {
      InviteResult result = f.kit.invitations().inviteByEmail(f.adaId(), f.acmeId(), addresses(21));

      assertThat(result).isEqualTo(new InviteResult.TooManyAddresses(20, 21));
      assertThat(((InviteResult.TooManyAddresses) result).message()).contains("20").contains("21");
      assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).isEmpty();
      assertThat(f.mailbox.count()).isZero();
      assertThat(f.mailbox.failedAttempts()).isEmpty();
      assertThat(f.events()).isEmpty();
    }

    @Test
    @DisplayName("I2: exactly 20 distinct addresses are all invited")
    void twentyAccepted() {
      InviteResult.InviteReport report = f.invite(f.adaId(), addresses(20));

      assertThat(report.outcomes()).hasSize(20).allMatch(AddressOutcome.Invited.class::isInstance);
      assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).hasSize(20);
      assertThat(f.mailbox.count()).isEqualTo(20);
    }

    @Test
    @DisplayName("I2/I3: duplicates do not count towards the limit: 20 distinct among 25 entries are invited")
    void duplicatesDoNotCount() {
      String pasted = addresses(20) + "; P01@ACME.com; \"P 2\" <p02@acme.com>, p03@Acme.Com\n p04@acme.com, p05@acme.com";

      InviteResult.InviteReport report = f.invite(f.adaId(), pasted);

      assertThat(report.outcomes()).hasSize(20).allMatch(AddressOutcome.Invited.class::isInstance);
      assertThat(f.mailbox.count()).isEqualTo(20);
    }
  }

  @Test
  @DisplayName("I3: duplicates compared case-insensitively collapse to one outcome, one invitation and one mail, "
      + "keeping the first spelling")
  void duplicatesCollapse() {
    InviteResult.InviteReport report = f.invite(f.adaId(), "Bob@Acme.com; bob@acme.com, BOB@ACME.COM; Bob S <bob@acme.com>");

    assertThat(report.outcomes()).singleElement().isInstanceOfSatisfying(AddressOutcome.Invited.class, i -> {
      assertThat(i.input()).isEqualTo("Bob@Acme.com");
      assertThat(i.address()).isEqualTo(EmailAddress.parse("bob@acme.com"));
    });
    assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).hasSize(1);
    assertThat(f.mailbox.to("bob@acme.com")).hasSize(1);
    assertThat(f.events(InvitekitEvent.Invited.class)).hasSize(1);
  }

  @Nested
  @DisplayName("I4: every address gets its own outcome")
  class Outcomes {

    @Test
    @DisplayName("I4: one request yields Invited, Resent, AlreadyMember, Invalid, NotAllowed and RateLimited, in "
        + "input order, and the bad ones never spoil the rest")
    void everyOutcomeKindInOneRequest() {
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
      AddressOutcome.Invited carl = f.invite(f.adaId(), "carl@acme.com").outcomes(AddressOutcome.Invited.class).get(0);
      String carlsFirstToken = f.tokenFor("carl@acme.com");
      // Ada has used 2 of 3 invitations this hour (Bob, Carl); re-sending does not count towards it.
      f.updateAcmePolicy(p -> p.withRateLimits(3, 1000, 3).withGuestInviters(GuestInviters.NO_ONE));
      f.mailbox.clear();

      InviteResult.InviteReport report = f.invite(f.adaId(),
          "bob@acme.com; carl@acme.com; not-an-address; eve@partner.org; dan@acme.com; fay@acme.com");

      List<AddressOutcome> outcomes = report.outcomes();
      assertThat(report.replayed()).isFalse();
      assertThat(outcomes).extracting(AddressOutcome::input).containsExactly(
          "bob@acme.com", "carl@acme.com", "not-an-address", "eve@partner.org", "dan@acme.com", "fay@acme.com");
      assertThat(outcomes.get(0)).isEqualTo(
          new AddressOutcome.AlreadyMember("bob@acme.com", bob.email(), Role.COWORKER));
      assertThat(outcomes.get(1)).isEqualTo(new AddressOutcome.Resent("carl@acme.com",
          EmailAddress.parse("carl@acme.com"), carl.invitationId(), DeliveryStatus.SENT));
      assertThat(outcomes.get(2)).isEqualTo(new AddressOutcome.Invalid("not-an-address", AddressProblem.MISSING_AT));
      assertThat(outcomes.get(3)).isInstanceOfSatisfying(AddressOutcome.NotAllowed.class, n -> {
        assertThat(n.address()).isEqualTo(EmailAddress.parse("eve@partner.org"));
        assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.GUESTS_NOT_ALLOWED);
      });
      assertThat(outcomes.get(4)).isInstanceOfSatisfying(AddressOutcome.Invited.class, i -> {
        assertThat(i.address()).isEqualTo(EmailAddress.parse("dan@acme.com"));
        assertThat(i.role()).isEqualTo(Role.COWORKER);
        assertThat(i.delivery()).isEqualTo(DeliveryStatus.SENT);
      });
      assertThat(outcomes.get(5)).isInstanceOfSatisfying(AddressOutcome.RateLimited.class, r -> {
        assertThat(r.address()).isEqualTo(EmailAddress.parse("fay@acme.com"));
        assertThat(r.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
      });
      assertThat(f.mailbox.all()).extracting(m -> m.to().toString()).containsExactlyInAnyOrder(
          "carl@acme.com", "dan@acme.com");
      assertThat(f.tokenFor("carl@acme.com")).isNotEqualTo(carlsFirstToken);
      assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).extracting(i -> i.email().toString())
          .containsExactlyInAnyOrder("bob@acme.com", "carl@acme.com", "dan@acme.com");
    }

    @Test
    @DisplayName("I4/A2: a rate-limited address can be invited once the window has passed")
    void rateLimitWindowPasses() {
      f.updateAcmePolicy(p -> p.withRateLimits(1, 1000, 3));
      f.invite(f.adaId(), "bob@acme.com");
      AddressOutcome.RateLimited limited =
          (AddressOutcome.RateLimited) f.invite(f.adaId(), "carl@acme.com").outcomes().get(0);

      f.advance(limited.retryAfter());

      assertThat(f.invite(f.adaId(), "carl@acme.com").outcomes()).singleElement()
          .isInstanceOf(AddressOutcome.Invited.class);
    }
  }

  @Nested
  @DisplayName("I6: the invitation email")
  class Email {

    @Test
    @DisplayName("I6: the mail carries a \"Create account\" link https://app.example.com/invitations/<token>, a "
        + "subject, and text and HTML parts naming the inviter and the account")
    void invitationMail() {
      f.invite(f.adaId(), "Bob Stone <bob@acme.com>");

      MailMessage mail = f.mailbox.last("bob@acme.com").orElseThrow();
      String token = RecordingMailbox.tokenOf(mail.actionUrl());

      assertThat(mail.kind()).isEqualTo(MailMessage.Kind.INVITATION);
      assertThat(mail.to()).isEqualTo(EmailAddress.parse("bob@acme.com"));
      assertThat(mail.toName()).isEqualTo("Bob Stone");
      assertThat(mail.actionUrl()).isEqualTo(URI.create("https://app.example.com/invitations/" + token));
      assertThat(mail.subject()).isEqualTo("Ada Admin invited you to join Acme on Invitekit");
      assertThat(mail.text()).contains(mail.actionUrl().toString()).contains("Ada Admin").contains("Acme")
          .contains("Hello Bob Stone");
      assertThat(mail.html()).contains("href=\"" + mail.actionUrl() + "\"").contains("Create account")
          .contains("Ada Admin").contains("Acme");
      assertThat(mail.messageId()).isNotBlank().doesNotContain("<").doesNotContain(">");
    }

    @Test
    @DisplayName("I6: the link is built from the configured base URL, path included")
    void linkFromBaseUrl() {
      Invitekit other = f.anotherNode(b -> b.baseUrl(URI.create("https://teams.example.net/acme-app/")));

      other.invitations().inviteByEmail(f.adaId(), f.acmeId(), "bob@acme.com");

      URI link = f.lastTokenLink("bob@acme.com").orElseThrow();
      assertThat(link).isEqualTo(URI.create("https://teams.example.net/acme-app/invitations/"
          + RecordingMailbox.tokenOf(link)));
    }

    @Test
    @DisplayName("I6: a display name with markup is escaped in the HTML part")
    void htmlEscaping() {
      f.invite(f.adaId(), "\"<b>Bob</b>\" <bob@acme.com>");

      MailMessage mail = f.mailbox.last("bob@acme.com").orElseThrow();

      assertThat(mail.html()).doesNotContain("<b>Bob</b>").contains("&lt;b&gt;Bob&lt;/b&gt;");
    }
  }

  @Nested
  @DisplayName("I10: idempotency keys")
  class Idempotency {

    @Test
    @DisplayName("I10: the same request with the same key returns the first report, replayed=true, with the same "
        + "invitation ids, and sends and records nothing again")
    void sameKeyReplays() {
      InviteRequest request = InviteRequest.members(f.adaId(), f.acmeId(), "bob@acme.com; gina@partner.org; nope")
          .withIdempotencyKey("paste-42");
      InviteResult.InviteReport first = RulesFixture.report(f.kit.invitations().invite(request));
      int mails = f.mailbox.count();
      List<Invitation> invitations = f.kit.invitations().list(f.adaId(), f.acmeId());
      List<InvitekitEvent> events = f.events();

      InviteResult.InviteReport second = RulesFixture.report(f.kit.invitations().invite(request));

      assertThat(first.replayed()).isFalse();
      assertThat(second.replayed()).isTrue();
      assertThat(second.outcomes()).isEqualTo(first.outcomes());
      assertThat(second.outcomes(AddressOutcome.Invited.class)).extracting(AddressOutcome.Invited::invitationId)
          .containsExactlyElementsOf(first.outcomes(AddressOutcome.Invited.class).stream()
              .map(AddressOutcome.Invited::invitationId).toList())
          .hasSize(2);
      assertThat(f.mailbox.count()).isEqualTo(mails);
      assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).isEqualTo(invitations);
      assertThat(f.events()).isEqualTo(events);
    }

    @Test
    @DisplayName("I10: a replay keeps refusals with their reasons and admins exactly")
    void replayKeepsRefusals() {
      InviteRequest request = InviteRequest.members(f.adaId(), f.acmeId(), "gina@partner.org; grace@acme.com")
          .asAdmins().withIdempotencyKey("admins-1");
      InviteResult.InviteReport first = RulesFixture.report(f.kit.invitations().invite(request));

      InviteResult.InviteReport second = RulesFixture.report(f.kit.invitations().invite(request));

      assertThat(first.outcomes().get(0)).isInstanceOf(AddressOutcome.NotAllowed.class);
      assertThat(second.outcomes()).isEqualTo(first.outcomes());
      assertThat(second.replayed()).isTrue();
    }

    @Test
    @DisplayName("I10: the same key with a different list is refused with a typed outcome (issue 9 item 3); "
        + "nothing is sent")
    void sameKeyDifferentList() {
      f.kit.invitations().invite(InviteRequest.members(f.adaId(), f.acmeId(), "bob@acme.com").withIdempotencyKey("k"));
      int mails = f.mailbox.count();

      assertThat(f.kit.invitations().invite(
          InviteRequest.members(f.adaId(), f.acmeId(), "carl@acme.com").withIdempotencyKey("k")))
          .isEqualTo(new InviteResult.IdempotencyKeyReused("k"));
      assertThat(f.mailbox.count()).isEqualTo(mails);
      assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).hasSize(1);
    }

    @Test
    @DisplayName("I10: eight concurrent requests with one key: one does the work, the others replay it; each "
        + "address is invited and mailed once")
    void sameKeyConcurrently() throws Exception {
      InviteRequest request = InviteRequest.members(f.adaId(), f.acmeId(), "bob@acme.com; carl@acme.com")
          .withIdempotencyKey("double-click");
      int threads = 8;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<InviteResult>> futures = new ArrayList<>();
      List<InviteResult.InviteReport> reports = new ArrayList<>();
      try {
        for (int i = 0; i < threads; i++) {
          futures.add(pool.submit(() -> {
            start.await();
            return f.kit.invitations().invite(request);
          }));
        }
        start.countDown();
        for (Future<InviteResult> future : futures) {
          reports.add(RulesFixture.report(future.get(30, TimeUnit.SECONDS)));
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(reports).filteredOn(r -> !r.replayed()).hasSize(1);
      InviteResult.InviteReport original = reports.stream().filter(r -> !r.replayed()).findFirst().orElseThrow();
      assertThat(original.outcomes()).hasSize(2).allMatch(AddressOutcome.Invited.class::isInstance);
      assertThat(reports).allSatisfy(r -> assertThat(r.outcomes(AddressOutcome.Invited.class))
          .extracting(AddressOutcome.Invited::invitationId)
          .isEqualTo(original.outcomes(AddressOutcome.Invited.class).stream()
              .map(AddressOutcome.Invited::invitationId).toList()));
      assertThat(f.mailbox.to("bob@acme.com")).hasSize(1);
      assertThat(f.mailbox.to("carl@acme.com")).hasSize(1);
      assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).hasSize(2);
      assertThat(f.events(InvitekitEvent.Invited.class)).hasSize(2);
      assertThat(f.events(InvitekitEvent.InvitationResent.class)).isEmpty();
    }

    @Test
    @DisplayName("I10: without a key, repeating a request re-sends (I4) instead of replaying")
    void noKeyNoReplay() {
      f.invite(f.adaId(), "bob@acme.com");

      InviteResult.InviteReport again = f.invite(f.adaId(), "bob@acme.com");

      assertThat(again.replayed()).isFalse();
      assertThat(again.outcomes()).singleElement().isInstanceOf(AddressOutcome.Resent.class);
      assertThat(f.mailbox.to("bob@acme.com")).hasSize(2);
    }
  }

  @Nested
  @DisplayName("SPEC §5: a failing mail server loses nothing")
  class MailFailures {

    @Test
    @DisplayName("§5: a transient failure leaves the invitation recorded as FAILED_RETRYABLE, publishes "
        + "InvitationDeliveryFailed, and a re-send then delivers")
    void transientFailureThenResend() {
      f.mailbox.failNext(1, DeliveryResult.Failed.transientFailure("down"));

      InviteResult.InviteReport report = f.invite(f.adaId(), "bob@acme.com");

      AddressOutcome.Invited invited = (AddressOutcome.Invited) report.outcomes().get(0);
      assertThat(invited.delivery()).isEqualTo(DeliveryStatus.FAILED_RETRYABLE);
      Invitation recorded = find(invited.invitationId());
      assertThat(recorded.state()).isEqualTo(InvitationState.PENDING);
      assertThat(recorded.delivery()).isEqualTo(DeliveryStatus.FAILED_RETRYABLE);
      assertThat(f.mailbox.all()).isEmpty();
      assertThat(f.mailbox.failedAttempts()).singleElement()
          .satisfies(m -> assertThat(m.kind()).isEqualTo(MailMessage.Kind.INVITATION));
      assertThat(f.events()).containsExactly(
          new InvitekitEvent.Invited(START, f.acmeId(), invited.invitationId(), invited.address(), Role.COWORKER,
              f.adaId(), null),
          new InvitekitEvent.InvitationDeliveryFailed(START, f.acmeId(), invited.invitationId(), true));

      InvitationChange resent = f.kit.invitations().resend(f.adaId(), f.acmeId(), invited.invitationId());

      assertThat(resent).isInstanceOfSatisfying(InvitationChange.Changed.class,
          c -> assertThat(c.invitation().delivery()).isEqualTo(DeliveryStatus.SENT));
      assertThat(find(invited.invitationId()).delivery()).isEqualTo(DeliveryStatus.SENT);
      assertThat(f.mailbox.to("bob@acme.com")).singleElement()
          .satisfies(m -> assertThat(m.kind()).isEqualTo(MailMessage.Kind.INVITATION));
      assertThat(f.kit.signup().preview(Token.of(f.tokenFor("bob@acme.com")))).isInstanceOf(PreviewResult.Valid.class);
    }

    @Test
    @DisplayName("§5: a permanent failure is recorded as FAILED_PERMANENT and reported as not retryable")
    void permanentFailure() {
      f.mailbox.failNext(1, DeliveryResult.Failed.permanentFailure("550 no such mailbox"));

      AddressOutcome.Invited invited = (AddressOutcome.Invited) f.invite(f.adaId(), "bob@acme.com").outcomes().get(0);

      assertThat(invited.delivery()).isEqualTo(DeliveryStatus.FAILED_PERMANENT);
      assertThat(find(invited.invitationId()).delivery()).isEqualTo(DeliveryStatus.FAILED_PERMANENT);
      assertThat(f.events(InvitekitEvent.InvitationDeliveryFailed.class)).containsExactly(
          new InvitekitEvent.InvitationDeliveryFailed(START, f.acmeId(), invited.invitationId(), false));
    }

    @Test
    @DisplayName("§5/I4: one failed delivery does not spoil the other addresses of the request")
    void oneFailureAmongMany() {
      f.mailbox.failNext(1, DeliveryResult.Failed.transientFailure("down"));

      InviteResult.InviteReport report = f.invite(f.adaId(), "bob@acme.com; carl@acme.com");

      assertThat(report.outcomes(AddressOutcome.Invited.class)).extracting(AddressOutcome.Invited::delivery)
          .containsExactly(DeliveryStatus.FAILED_RETRYABLE, DeliveryStatus.SENT);
      assertThat(f.mailbox.all()).extracting(m -> m.to().toString()).containsExactly("carl@acme.com");
    }

    @Test
    @DisplayName("§5: a mail provider that throws counts as a transient failure; the invitation stays recorded")
    void throwingProviderIsTransientFailure() {
      MailSender broken = mock(MailSender.class);
      when(broken.send(any())).thenThrow(new IllegalStateException("connection reset"));
      Invitekit kit = f.anotherNode(b -> b.mail(broken));

      InviteResult result = kit.invitations().inviteByEmail(f.adaId(), f.acmeId(), "bob@acme.com");

      AddressOutcome.Invited invited = (AddressOutcome.Invited) RulesFixture.report(result).outcomes().get(0);
      assertThat(invited.delivery()).isEqualTo(DeliveryStatus.FAILED_RETRYABLE);
      assertThat(find(invited.invitationId()).delivery()).isEqualTo(DeliveryStatus.FAILED_RETRYABLE);
    }
  }
}
