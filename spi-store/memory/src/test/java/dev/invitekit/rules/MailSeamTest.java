package dev.invitekit.rules;

import static dev.invitekit.rules.RulesFixture.ADA_EMAIL;
import static dev.invitekit.rules.RulesFixture.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import dev.invitekit.Invitekit;
import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Token;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.link.InviteLink;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.link.ShareResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.MemberChange;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.mail.MailSender;
import dev.invitekit.spi.store.TokenDigest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.mockito.stubbing.Answer;

/**
 * Invitekit at the mail seam (SPEC §4, §5): a mocked {@link MailSender} shows exactly which messages go
 * out, and what a failing provider leaves behind.
 */
@DisplayName("The mail seam (SPEC §4, §5)")
class MailSeamTest {
  private static final String INVITATION_URL = "https://app\\.example\\.com/invitations/[A-Za-z0-9_-]{43}";
  private static final Answer<DeliveryResult> DELIVERED =
      invocation -> new DeliveryResult.Delivered(invocation.<MailMessage>getArgument(0).messageId());
  private static final EmailAddress BOB = EmailAddress.parse("bob@acme.com");
  private static final EmailAddress DORA = EmailAddress.parse("dora@example.org");

  private MailSender sender;
  private RulesFixture fx;
  private UserId ada;
  private AccountId acme;

  @BeforeEach
  void acmeWithAMockedMailSender() {
    sender = mock(MailSender.class);
    doAnswer(DELIVERED).when(sender).send(any());
    fx = new RulesFixture(builder -> builder.mail(sender));
    fx.createAcme();
    ada = fx.adaId();
    acme = fx.acmeId();
  }

  /** Every message the mock was asked to send, in order, and no other interaction. */
  private List<MailMessage> sent(int count) {
    ArgumentCaptor<MailMessage> captor = ArgumentCaptor.forClass(MailMessage.class);
    verify(sender, times(count)).send(captor.capture());
    verifyNoMoreInteractions(sender);
    return captor.getAllValues();
  }

  private Invitation invitation(InviteResult result) {
    AddressOutcome.Invited invited = invited(result);
    return fx.kit.invitations().find(ada, acme, invited.invitationId()).orElseThrow();
  }

  private static AddressOutcome.Invited invited(InviteResult result) {
    assertThat(RulesFixture.report(result).outcomes()).singleElement().isInstanceOf(AddressOutcome.Invited.class);
    return (AddressOutcome.Invited) RulesFixture.report(result).outcomes().get(0);
  }

  /** Signs Bob up through the mocked sender: the token comes from the captured invitation. */
  private UserId bobJoins() {
    fx.kit.invitations().inviteByEmail(ada, acme, "bob@acme.com");
    URI link = sent(1).get(0).actionUrl();
    SignupResult result = fx.kit.signup().createAccount(
        RulesFixture.signupRequest(RecordingMailbox.tokenOf(link), "Bob", "Stone"));
    assertThat(result).isInstanceOf(SignupResult.Joined.class);
    clearInvocations(sender);
    return ((SignupResult.Joined) result).user().id();
  }

  /** What providers throw besides runtime exceptions: review 16 found each reached the caller raw. */
  static Stream<Throwable> providerThrowables() {
    return Stream.of(new NoClassDefFoundError("jakarta/mail/Session"), new StackOverflowError(),
        new IOException("connection reset"), new AssertionError("provider bug"));
  }

  private static TokenDigest sha256(String token) throws Exception {
    return TokenDigest.of(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
  }

  @Nested
  @DisplayName("SPEC §5: a failing mail provider loses nothing")
  class FailingProvider {

    @Test
    @DisplayName("SPEC §5: a provider that throws is a transient failure: the invitation was recorded before sending "
        + "and stays, delivery FAILED_RETRYABLE; a re-send delivers it")
    void throwingProvider() {
      AtomicBoolean recordedBeforeSending = new AtomicBoolean();
      doAnswer(invocation -> {
        MailMessage message = invocation.getArgument(0);
        recordedBeforeSending.set(fx.store.inTransaction(tx -> tx.invitations().findOpen(acme, message.to())).isPresent());
        throw new RuntimeException("connection refused");
      }).when(sender).send(any());

      InviteResult result = fx.kit.invitations().inviteByEmail(ada, acme, "bob@acme.com");

      assertThat(invited(result).delivery()).isEqualTo(DeliveryStatus.FAILED_RETRYABLE);
      assertThat(recordedBeforeSending).isTrue();
      Invitation recorded = invitation(result);
      assertThat(recorded.state()).isEqualTo(InvitationState.PENDING);
      assertThat(recorded.delivery()).isEqualTo(DeliveryStatus.FAILED_RETRYABLE);
      assertThat(fx.events(InvitekitEvent.InvitationDeliveryFailed.class)).containsExactly(
          new InvitekitEvent.InvitationDeliveryFailed(START, acme, recorded.id(), true));

      doAnswer(DELIVERED).when(sender).send(any());
      InvitationChange resent = fx.kit.invitations().resend(ada, acme, recorded.id());

      assertThat(resent).isInstanceOf(InvitationChange.Changed.class);
      assertThat(((InvitationChange.Changed) resent).invitation().delivery()).isEqualTo(DeliveryStatus.SENT);
      assertThat(fx.kit.invitations().find(ada, acme, recorded.id()).orElseThrow().delivery())
          .isEqualTo(DeliveryStatus.SENT);
      assertThat(sent(2)).extracting(MailMessage::kind, MailMessage::to).containsOnly(
          tuple(MailMessage.Kind.INVITATION, BOB));
    }

    @Test
    @DisplayName("SPEC §4, §5: a permanent failure reported by the provider is FAILED_PERMANENT; the invitation stays "
        + "recorded")
    void permanentFailure() {
      doReturn(DeliveryResult.Failed.permanentFailure("550 5.1.1 no such mailbox")).when(sender).send(any());

      InviteResult result = fx.kit.invitations().inviteByEmail(ada, acme, "bob@acme.com");

      assertThat(invited(result).delivery()).isEqualTo(DeliveryStatus.FAILED_PERMANENT);
      Invitation recorded = invitation(result);
      assertThat(recorded.state()).isEqualTo(InvitationState.PENDING);
      assertThat(recorded.delivery()).isEqualTo(DeliveryStatus.FAILED_PERMANENT);
      assertThat(fx.events(InvitekitEvent.InvitationDeliveryFailed.class)).containsExactly(
          new InvitekitEvent.InvitationDeliveryFailed(START, acme, recorded.id(), false));
    }

    @Test
    @DisplayName("SPEC §5: a throwing provider during a link redemption still answers CheckYourEmail; the invitation "
        + "is recorded as FAILED_RETRYABLE")
    void throwingProviderDuringRedemption() {
      UserId bob = bobJoins();
      InviteLink link = ((LinkAccess.Available) fx.kit.links().current(bob, acme)).link();
      doThrow(new IllegalStateException("smtp down")).when(sender).send(any());

      Redemption answer = fx.kit.links().redeem(Token.of(RecordingMailbox.tokenOf(link.url())), "carl@acme.com");

      assertThat(answer).isInstanceOf(Redemption.CheckYourEmail.class);
      Invitation recorded = fx.kit.invitations().list(ada, acme).stream()
          .filter(i -> i.email().equals(EmailAddress.parse("carl@acme.com"))).findFirst().orElseThrow();
      assertThat(recorded.state()).isEqualTo(InvitationState.PENDING);
      assertThat(recorded.delivery()).isEqualTo(DeliveryStatus.FAILED_RETRYABLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.invitekit.rules.MailSeamTest#providerThrowables")
    @DisplayName("SPEC §5: whatever else a provider throws (an undeclared checked exception, a linkage error, a "
        + "stack overflow) is a transient failure too: the caller learns the invitation is recorded, and the next "
        + "dispatch delivers it")
    void providerThrowingAnythingElse(Throwable thrown) {
      doAnswer(invocation -> {
        throw thrown;
      }).when(sender).send(any());

      InviteResult result = fx.kit.invitations().inviteByEmail(ada, acme, "bob@acme.com");

      assertThat(invited(result).delivery()).isEqualTo(DeliveryStatus.FAILED_RETRYABLE);
      assertThat(invitation(result).delivery()).isEqualTo(DeliveryStatus.FAILED_RETRYABLE);
      doAnswer(DELIVERED).when(sender).send(any());
      fx.advance(Duration.ofHours(1));
      assertThat(fx.kit.mail().dispatchDue().sent()).isEqualTo(1);
      assertThat(invitation(result).delivery()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    @DisplayName("SPEC §5: a provider answering null has not delivered: FAILED_RETRYABLE, the mail kept and delivered "
        + "by the next dispatch")
    void providerAnsweringNull() {
      doReturn(null).when(sender).send(any());

      InviteResult result = fx.kit.invitations().inviteByEmail(ada, acme, "bob@acme.com");

      assertThat(invited(result).delivery()).isEqualTo(DeliveryStatus.FAILED_RETRYABLE);
      doAnswer(DELIVERED).when(sender).send(any());
      fx.advance(Duration.ofHours(1));
      assertThat(fx.kit.mail().dispatchDue().sent()).isEqualTo(1);
      assertThat(invitation(result).delivery()).isEqualTo(DeliveryStatus.SENT);
      assertThat(sent(2)).extracting(MailMessage::to).containsOnly(BOB);
    }

    @Test
    @DisplayName("SPEC §4: a transient failure reported by the provider is FAILED_RETRYABLE")
    void transientFailure() {
      doReturn(DeliveryResult.Failed.transientFailure("421 try again later")).when(sender).send(any());

      InviteResult result = fx.kit.invitations().inviteByEmail(ada, acme, "bob@acme.com");

      assertThat(invited(result).delivery()).isEqualTo(DeliveryStatus.FAILED_RETRYABLE);
      assertThat(invitation(result).delivery()).isEqualTo(DeliveryStatus.FAILED_RETRYABLE);
    }
  }

  @Nested
  @DisplayName("I6, L2, L3, S6: exactly the right messages")
  class ExactMessages {

    @Test
    @DisplayName("I6: one INVITATION per address; its actionUrl carries the token and its text holds the link")
    void invitationMessages() throws Exception {
      InviteResult result = fx.kit.invitations().inviteByEmail(ada, acme, "bob@acme.com; Dora Lee <dora@example.org>");

      List<MailMessage> messages = sent(2);

      assertThat(messages).extracting(MailMessage::kind).containsOnly(MailMessage.Kind.INVITATION);
      assertThat(messages).extracting(MailMessage::to).containsExactlyInAnyOrder(BOB, DORA);
      for (MailMessage message : messages) {
        URI link = message.actionUrl();
        assertThat(link).isNotNull();
        assertThat(link.toString()).matches(INVITATION_URL);
        String token = RecordingMailbox.tokenOf(link);
        assertThat(message.text()).contains(link.toString());
        assertThat(message.html()).contains(link.toString());
        assertThat(message.toString()).doesNotContain(token);

        AddressOutcome.Invited outcome = RulesFixture.report(result).outcomes(AddressOutcome.Invited.class).stream()
            .filter(o -> o.address().equals(message.to())).findFirst().orElseThrow();
        assertThat(fx.stored(outcome.invitationId()).tokenDigest()).as("the token, stored only as its digest (I5)")
            .isEqualTo(sha256(token));
        PreviewResult preview = fx.kit.signup().preview(Token.of(token));
        assertThat(preview).isInstanceOf(PreviewResult.Valid.class);
        assertThat(((PreviewResult.Valid) preview).preview().invitedEmail()).isEqualTo(message.to());
      }
      assertThat(messages).filteredOn(m -> m.to().equals(DORA)).singleElement()
          .extracting(MailMessage::toName).isEqualTo("Dora Lee");
      assertThat(messages).extracting(MailMessage::messageId).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("S6, I11: a sign-up sends a WELCOME to the new member and a notice to the inviter, nothing else")
    void signupMessages() {
      fx.kit.invitations().inviteByEmail(ada, acme, "bob@acme.com");
      String token = RecordingMailbox.tokenOf(sent(1).get(0).actionUrl());
      clearInvocations(sender);

      fx.kit.signup().createAccount(RulesFixture.signupRequest(token, "Bob", "Stone"));

      List<MailMessage> messages = sent(2);
      assertThat(messages).extracting(MailMessage::kind, MailMessage::to).containsExactlyInAnyOrder(
          tuple(MailMessage.Kind.WELCOME, BOB),
          tuple(MailMessage.Kind.INVITER_NOTICE, EmailAddress.parse(ADA_EMAIL)));
      assertThat(messages).allSatisfy(m -> assertThat(m.text()).doesNotContain(token));
    }

    @Test
    @DisplayName("L3: redeeming a link sends a LINK_VERIFICATION with a sign-up link to a new address, and an "
        + "ALREADY_MEMBER hint without a token to a member")
    void redemptionMessages() {
      UserId bob = bobJoins();
      InviteLink link = ((LinkAccess.Available) fx.kit.links().current(bob, acme)).link();
      String linkToken = RecordingMailbox.tokenOf(link.url());

      assertThat(fx.kit.links().redeem(Token.of(linkToken), "carl@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
      assertThat(fx.kit.links().redeem(Token.of(linkToken), "bob@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);

      List<MailMessage> messages = sent(2);
      MailMessage verification = messages.get(0);
      assertThat(verification.kind()).isEqualTo(MailMessage.Kind.LINK_VERIFICATION);
      assertThat(verification.to()).isEqualTo(EmailAddress.parse("carl@acme.com"));
      assertThat(verification.actionUrl()).isNotNull();
      assertThat(verification.actionUrl().toString()).matches(INVITATION_URL);
      assertThat(verification.text()).contains(verification.actionUrl().toString());
      MailMessage hint = messages.get(1);
      assertThat(hint.kind()).isEqualTo(MailMessage.Kind.ALREADY_MEMBER);
      assertThat(hint.to()).isEqualTo(BOB);
      assertThat(String.valueOf(hint.actionUrl())).doesNotContain("/invitations/")
          .doesNotContainPattern("[A-Za-z0-9_-]{43}");
      assertThat(hint.text()).doesNotContain("/invitations/").doesNotContain(linkToken);
    }

    @Test
    @DisplayName("L2: sharing with send=true sends one LINK_SHARE with the link to each recipient; send=false sends "
        + "nothing")
    void shareMessages() {
      UserId bob = bobJoins();

      assertThat(fx.kit.links().share(bob, acme, "carl@acme.com, dora@example.org", false))
          .isInstanceOf(ShareResult.Shared.class);
      verifyNoInteractions(sender);
      ShareResult shared = fx.kit.links().share(bob, acme, "carl@acme.com, dora@example.org", true);

      URI link = ((LinkAccess.Available) fx.kit.links().current(bob, acme)).link().url();
      assertThat(shared).isInstanceOf(ShareResult.Shared.class);
      List<MailMessage> messages = sent(2);
      assertThat(messages).extracting(MailMessage::to)
          .containsExactlyInAnyOrder(EmailAddress.parse("carl@acme.com"), DORA);
      assertThat(messages).allSatisfy(m -> {
        assertThat(m.kind()).isEqualTo(MailMessage.Kind.LINK_SHARE);
        assertThat(m.text()).contains(link.toString());
      });
    }
  }

  @Nested
  @DisplayName("U6: a refused request sends nothing")
  class RefusedRequests {

    @Test
    @DisplayName("U6: a member whose invite permission is off is refused, told which admins to ask, and nothing "
        + "reaches the mail provider or the store")
    void refusedRequestSendsNothing() {
      UserId bob = bobJoins();
      assertThat(fx.kit.members().setInvitePermission(ada, acme, bob, false)).isInstanceOf(MemberChange.Changed.class);
      MailSender untouched = mock(MailSender.class);
      Invitekit node = fx.anotherNode(builder -> builder.mail(untouched));
      int invitationsBefore = fx.kit.invitations().list(ada, acme).size();

      InviteResult invite = node.invitations().inviteByEmail(bob, acme, "carl@acme.com, dora@example.org");
      ShareResult share = node.links().share(bob, acme, "carl@acme.com", true);

      assertThat(invite).isInstanceOf(InviteResult.NotPermitted.class);
      Refusal refusal = ((InviteResult.NotPermitted) invite).refusal();
      assertThat(refusal.reason()).isEqualTo(Refusal.Reason.INVITE_PERMISSION_DISABLED);
      assertThat(refusal.message()).isNotBlank();
      assertThat(refusal.adminsToContact())
          .containsExactly(new AdminContact("Ada Admin", EmailAddress.parse(ADA_EMAIL)));
      assertThat(share).isInstanceOf(ShareResult.NotAllowed.class);
      verifyNoInteractions(untouched);
      verifyNoInteractions(sender);
      assertThat(fx.kit.invitations().list(ada, acme)).hasSize(invitationsBefore);
    }

    @Test
    @DisplayName("U6: the same member allowed again can invite: the refusal came from the permission, not the setup")
    void permissionBackOnSends() {
      UserId bob = bobJoins();
      fx.kit.members().setInvitePermission(ada, acme, bob, false);
      fx.kit.members().setInvitePermission(ada, acme, bob, true);

      InviteResult invite = fx.kit.invitations().inviteByEmail(bob, acme, "carl@acme.com");

      assertThat(invited(invite).delivery()).isEqualTo(DeliveryStatus.SENT);
      assertThat(sent(1)).extracting(MailMessage::kind).containsExactly(MailMessage.Kind.INVITATION);
    }
  }
}
