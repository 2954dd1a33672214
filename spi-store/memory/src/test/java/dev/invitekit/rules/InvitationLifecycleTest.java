package dev.invitekit.rules;

import static dev.invitekit.rules.RulesFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.account.InvitePolicy.GuestInviters;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.InvitationPreview;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.signup.TokenStatus;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.StoredInvitation;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** An invitation's life after it is sent, through the public facade (SPEC I5, I7, I8, I9, I11). */
@DisplayName("Invitation life cycle (I5, I7–I9, I11)")
class InvitationLifecycleTest {

  private final RulesFixture f = new RulesFixture();
  private User bob;

  @BeforeEach
  void acmeWithBob() {
    f.createAcme();
    bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
    f.mailbox.clear();
    f.clearEvents();
  }

  /** Invites one address to Acme and returns the new invitation's id. */
  private InvitationId invite(User inviter, String address) {
    AddressOutcome outcome = f.invite(inviter.id(), address).outcomes().get(0);
    assertThat(outcome).isInstanceOf(AddressOutcome.Invited.class);
    return ((AddressOutcome.Invited) outcome).invitationId();
  }

  private InvitationId inviteByAda(String address) {
    return invite(f.ada(), address);
  }

  private Invitation find(InvitationId id) {
    return f.kit.invitations().find(f.adaId(), f.acmeId(), id).orElseThrow();
  }

  private static String sha256Hex(String token) throws Exception {
    return HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
  }

  @Nested
  @DisplayName("I5: bound, secret token, accepted at most once")
  class Token {

    @Test
    @DisplayName("I5: the token is 43 URL-safe characters (256 bits), separate from the id, different per "
        + "invitation, and appears only in the mailed link")
    void tokenShape() {
      InvitationId carl = inviteByAda("carl@acme.com");
      InvitationId dora = inviteByAda("dora@acme.com");
      String carlToken = f.tokenFor("carl@acme.com");

      assertThat(carlToken).hasSize(43).matches("[A-Za-z0-9_-]{43}");
      assertThat(carlToken).isNotEqualTo(f.tokenFor("dora@acme.com")).doesNotContain(carl.toString());
      assertThat(carl).isNotEqualTo(dora);
    }

    @Test
    @DisplayName("I5: the Invitation record has no token; find and list never expose it, not even in toString()")
    void readsNeverExposeTheToken() {
      InvitationId id = inviteByAda("carl@acme.com");
      String token = f.tokenFor("carl@acme.com");

      assertThat(Arrays.stream(Invitation.class.getRecordComponents()).map(RecordComponent::getName))
          .noneMatch(name -> name.toLowerCase().contains("token"));
      assertThat(find(id).toString()).doesNotContain(token);
      assertThat(f.kit.invitations().list(f.adaId(), f.acmeId()).toString()).doesNotContain(token);
    }

    @Test
    @DisplayName("I5: the store keeps only the token's SHA-256 digest, never the token")
    void storedAsDigest() throws Exception {
      InvitationId id = inviteByAda("carl@acme.com");
      String token = f.tokenFor("carl@acme.com");

      StoredInvitation stored = f.stored(id);

      assertThat(stored.tokenDigest()).isNotNull();
      assertThat(stored.tokenDigest().hex()).isNotEqualTo(token).isEqualTo(sha256Hex(token)).doesNotContain(token);
      assertThat(stored.toString()).doesNotContain(token).doesNotContain(stored.tokenDigest().hex());
    }

    @Test
    @DisplayName("I5: an invitation is accepted at most once: a second sign-up or join gets Unusable(ALREADY_USED)")
    void acceptedOnce() {
      InvitationId id = inviteByAda("carl@acme.com");
      String token = f.tokenFor("carl@acme.com");
      User carl = f.signUp("carl@acme.com", "Carl", "Quill").user();
      int members = f.kit.trusted().members(f.acmeId()).size();

      SignupResult again = f.kit.signup().createAccount(RulesFixture.signupRequest(token, "Carl", "Quill"));
      SignupResult join = f.kit.signup().join(dev.invitekit.secret.Token.of(token), carl.id());

      assertThat(again).isEqualTo(new SignupResult.Unusable(TokenStatus.ALREADY_USED));
      assertThat(join).isEqualTo(new SignupResult.Unusable(TokenStatus.ALREADY_USED));
      assertThat(f.kit.signup().preview(dev.invitekit.secret.Token.of(token))).isEqualTo(new PreviewResult.Unusable(TokenStatus.ALREADY_USED));
      Invitation accepted = find(id);
      assertThat(accepted.state()).isEqualTo(InvitationState.ACCEPTED);
      assertThat(accepted.acceptedBy()).isEqualTo(carl.id());
      assertThat(f.kit.trusted().members(f.acmeId())).hasSize(members);
      assertThat(f.events(InvitekitEvent.MemberJoined.class)).hasSize(1);
    }

    @Test
    @DisplayName("I5: of eight concurrent sign-ups with one token exactly one joins; one user, one membership")
    void acceptedOnceUnderConcurrency() throws Exception {
      inviteByAda("carl@acme.com");
      String token = f.tokenFor("carl@acme.com");
      int threads = 8;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<SignupResult>> futures = new ArrayList<>();
      try {
        for (int i = 0; i < threads; i++) {
          futures.add(pool.submit(() -> {
            start.await();
            return f.kit.signup().createAccount(RulesFixture.signupRequest(token, "Carl", "Quill"));
          }));
        }
        start.countDown();
        List<SignupResult> results = new ArrayList<>();
        for (Future<SignupResult> future : futures) {
          results.add(future.get(30, TimeUnit.SECONDS));
        }

        assertThat(results).filteredOn(SignupResult.Joined.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(r -> !(r instanceof SignupResult.Joined))
            .allMatch(r -> r.equals(new SignupResult.Unusable(TokenStatus.ALREADY_USED))
                || r instanceof SignupResult.Invalid);
      } finally {
        pool.shutdownNow();
      }
      assertThat(f.kit.trusted().members(f.acmeId())).extracting(Membership::role)
          .containsExactly(Role.ADMIN, Role.COWORKER, Role.COWORKER);
      assertThat(f.events(InvitekitEvent.MemberJoined.class)).hasSize(1);
    }

    @Test
    @DisplayName("I5: an invitation is bound to its account, address and role: accepting gives exactly that")
    void boundToAccountAddressRole() {
      InvitationId id = invite(bob, "gina@partner.org");

      SignupResult.Joined gina = f.signUp("gina@partner.org", "Gina", "Partner");

      Invitation accepted = find(id);
      assertThat(gina.user().email()).isEqualTo(accepted.email());
      assertThat(gina.membership().accountId()).isEqualTo(accepted.accountId()).isEqualTo(f.acmeId());
      assertThat(gina.membership().role()).isEqualTo(accepted.role()).isEqualTo(Role.GUEST);
      assertThat(gina.membership().invitedBy()).isEqualTo(bob.id());
    }

    @Test
    @DisplayName("I5: admins find and list every invitation of the account; a co-worker only those they sent; a "
        + "non-member none")
    void whoSeesWhichInvitation() {
      InvitationId byAda = inviteByAda("carl@acme.com");
      InvitationId byBob = invite(bob, "gina@partner.org");
      InvitationId bobsOwn = f.kit.invitations().list(f.adaId(), f.acmeId()).get(0).id();

      assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).extracting(Invitation::id)
          .containsExactly(bobsOwn, byAda, byBob);
      assertThat(f.kit.invitations().list(bob.id(), f.acmeId())).extracting(Invitation::id).containsExactly(byBob);
      assertThat(f.kit.invitations().find(bob.id(), f.acmeId(), byAda)).isEmpty();
      assertThat(f.kit.invitations().find(bob.id(), f.acmeId(), byBob)).isPresent();
      assertThat(f.kit.invitations().list(UserId.random(), f.acmeId())).isEmpty();
    }

    @Test
    @DisplayName("I5: a revoked invitation's token cannot be previewed or used; nothing is created")
    void revokedCannotBeUsed() {
      InvitationId id = inviteByAda("carl@acme.com");
      String token = f.tokenFor("carl@acme.com");
      f.kit.invitations().revoke(f.adaId(), f.acmeId(), id);

      assertThat(f.kit.signup().preview(dev.invitekit.secret.Token.of(token))).isEqualTo(new PreviewResult.Unusable(TokenStatus.REVOKED));
      assertThat(f.kit.signup().createAccount(RulesFixture.signupRequest(token, "Carl", "Quill")))
          .isEqualTo(new SignupResult.Unusable(TokenStatus.REVOKED));
      assertThat(f.userExists("carl@acme.com")).isFalse();
    }
  }

  @Nested
  @DisplayName("I7: revoke and re-send")
  class RevokeAndResend {

    @Test
    @DisplayName("I7: the inviter revokes their pending invitation: REVOKED, announced, token dead at once")
    void inviterRevokes() {
      InvitationId id = invite(bob, "gina@partner.org");
      String token = f.tokenFor("gina@partner.org");
      f.advance(Duration.ofMinutes(3));

      InvitationChange change = f.kit.invitations().revoke(bob.id(), f.acmeId(), id);

      assertThat(change).isInstanceOfSatisfying(InvitationChange.Changed.class, c -> {
        assertThat(c.invitation().id()).isEqualTo(id);
        assertThat(c.invitation().state()).isEqualTo(InvitationState.REVOKED);
      });
      assertThat(find(id).state()).isEqualTo(InvitationState.REVOKED);
      assertThat(f.events(InvitekitEvent.InvitationRevoked.class)).containsExactly(
          new InvitekitEvent.InvitationRevoked(START.plus(Duration.ofMinutes(3)), f.acmeId(), id, bob.id()));
      assertThat(f.kit.signup().preview(dev.invitekit.secret.Token.of(token))).isEqualTo(new PreviewResult.Unusable(TokenStatus.REVOKED));
    }

    @Test
    @DisplayName("I7: an admin may revoke someone else's invitation")
    void adminRevokes() {
      InvitationId id = invite(bob, "gina@partner.org");

      assertThat(f.kit.invitations().revoke(f.adaId(), f.acmeId(), id)).isInstanceOf(InvitationChange.Changed.class);
      assertThat(find(id).state()).isEqualTo(InvitationState.REVOKED);
    }

    @Test
    @DisplayName("I7: another co-worker may neither revoke nor re-send it (ADMINS_ONLY, naming the admins); it stays "
        + "pending")
    void othersRefused() {
      User carl = f.inviteAndSignUp(f.adaId(), "carl@acme.com", "Carl", "Quill").user();
      InvitationId id = invite(bob, "gina@partner.org");
      int mails = f.mailbox.count();

      for (InvitationChange change : List.of(f.kit.invitations().revoke(carl.id(), f.acmeId(), id),
          f.kit.invitations().resend(carl.id(), f.acmeId(), id))) {
        assertThat(change).isInstanceOfSatisfying(InvitationChange.NotAllowed.class, n -> {
          assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY);
          assertThat(n.refusal().adminsToContact())
              .containsExactly(new AdminContact("Ada Admin", EmailAddress.parse("ada@acme.com")));
        });
      }
      assertThat(find(id).state()).isEqualTo(InvitationState.PENDING);
      assertThat(f.mailbox.count()).isEqualTo(mails);
    }

    @Test
    @DisplayName("I7: revoking twice gives NotOpen(REVOKED); an unknown id NotFound; a non-member NotAllowed")
    void revokeEdgeCases() {
      InvitationId id = inviteByAda("carl@acme.com");
      f.kit.invitations().revoke(f.adaId(), f.acmeId(), id);

      assertThat(f.kit.invitations().revoke(f.adaId(), f.acmeId(), id))
          .isEqualTo(new InvitationChange.NotOpen(InvitationState.REVOKED));
      assertThat(f.kit.invitations().revoke(f.adaId(), f.acmeId(), InvitationId.random()))
          .isEqualTo(new InvitationChange.NotFound());
      assertThat(f.kit.invitations().revoke(UserId.random(), f.acmeId(), id))
          .isInstanceOfSatisfying(InvitationChange.NotAllowed.class,
              n -> assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.NOT_A_MEMBER));
      assertThat(f.kit.invitations().resend(f.adaId(), f.acmeId(), id))
          .isEqualTo(new InvitationChange.NotOpen(InvitationState.REVOKED));
    }

    @Test
    @DisplayName("I7: re-sending issues a fresh token (the old link previews SUPERSEDED, issue 9 item 6), renews the "
        + "expiry and is announced")
    void resendIssuesFreshToken() {
      InvitationId id = inviteByAda("carl@acme.com");
      String oldToken = f.tokenFor("carl@acme.com");
      f.advance(Duration.ofDays(2));
      Instant now = START.plus(Duration.ofDays(2));

      InvitationChange change = f.kit.invitations().resend(f.adaId(), f.acmeId(), id);

      assertThat(change).isInstanceOfSatisfying(InvitationChange.Changed.class, c -> {
        assertThat(c.invitation().state()).isEqualTo(InvitationState.PENDING);
        assertThat(c.invitation().expiresAt()).isEqualTo(now.plus(Duration.ofDays(7)));
        assertThat(c.invitation().delivery()).isEqualTo(DeliveryStatus.SENT);
      });
      assertThat(find(id).expiresAt()).isEqualTo(now.plus(Duration.ofDays(7)));
      String newToken = f.tokenFor("carl@acme.com");
      assertThat(newToken).isNotEqualTo(oldToken);
      assertThat(f.mailbox.to("carl@acme.com")).hasSize(2)
          .allSatisfy(m -> assertThat(m.kind()).isEqualTo(MailMessage.Kind.INVITATION));
      assertThat(f.kit.signup().preview(dev.invitekit.secret.Token.of(oldToken))).isEqualTo(new PreviewResult.Unusable(TokenStatus.SUPERSEDED));
      assertThat(f.kit.signup().preview(dev.invitekit.secret.Token.of(newToken))).isInstanceOf(PreviewResult.Valid.class);
      assertThat(f.events(InvitekitEvent.InvitationResent.class)).containsExactly(
          new InvitekitEvent.InvitationResent(now, f.acmeId(), id, f.adaId()));
    }

    @Test
    @DisplayName("I7: re-sends are rate-limited per invitation: past resendsPerInvitationPerDay the answer is "
        + "RateLimited and nothing is sent, until the day has passed")
    void resendRateLimited() {
      InvitationId id = inviteByAda("carl@acme.com");
      for (int i = 0; i < 3; i++) {
        assertThat(f.kit.invitations().resend(f.adaId(), f.acmeId(), id)).isInstanceOf(InvitationChange.Changed.class);
      }
      String lastToken = f.tokenFor("carl@acme.com");
      int mails = f.mailbox.count();

      InvitationChange fourth = f.kit.invitations().resend(f.adaId(), f.acmeId(), id);

      assertThat(fourth).isInstanceOfSatisfying(InvitationChange.RateLimited.class,
          r -> assertThat(r.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofDays(1)));
      assertThat(f.mailbox.count()).isEqualTo(mails);
      assertThat(f.kit.signup().preview(dev.invitekit.secret.Token.of(lastToken))).isInstanceOf(PreviewResult.Valid.class);

      f.advance(((InvitationChange.RateLimited) fourth).retryAfter());
      assertThat(f.kit.invitations().resend(f.adaId(), f.acmeId(), id)).isInstanceOf(InvitationChange.Changed.class);
    }
  }

  @Nested
  @DisplayName("I8: what the inviter can no longer grant, the invitation no longer grants")
  class Recheck {

    private void assertRefusedAndNothingCreated(String address, InvitationId id, String first) {
      String token = f.tokenFor(address);
      f.clearEvents();

      SignupResult result = f.kit.signup().createAccount(RulesFixture.signupRequest(token, first, "Quill"));

      assertThat(result).isInstanceOfSatisfying(SignupResult.NotAllowed.class, n -> {
        assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.INVITER_NO_LONGER_ALLOWED);
        assertThat(n.refusal().adminsToContact()).extracting(AdminContact::name).contains("Ada Admin");
      });
      assertThat(f.userExists(address)).isFalse();
      assertThat(find(id).state()).isEqualTo(InvitationState.PENDING);
      assertThat(f.events()).isEmpty();
    }

    @Test
    @DisplayName("I8: the inviter was removed before the accept: NotAllowed INVITER_NO_LONGER_ALLOWED, nothing created")
    void inviterRemoved() {
      InvitationId id = invite(bob, "carl@acme.com");
      assertThat(f.kit.members().remove(f.adaId(), f.acmeId(), bob.id())).isInstanceOf(MemberChange.Changed.class);
      assertThat(f.kit.trusted().membership(f.acmeId(), bob.id())).isEmpty();

      assertRefusedAndNothingCreated("carl@acme.com", id, "Carl");
    }

    @Test
    @DisplayName("I8: an admin who invited an admin was demoted before the accept: NotAllowed, nothing created")
    void inviterDemoted() {
      f.kit.members().changeRole(f.adaId(), f.acmeId(), bob.id(), Role.ADMIN);
      AddressOutcome outcome = RulesFixture.report(f.kit.invitations().invite(
          InviteRequest.members(bob.id(), f.acmeId(), "hank@acme.com").asAdmins())).outcomes().get(0);
      InvitationId id = ((AddressOutcome.Invited) outcome).invitationId();
      f.kit.members().changeRole(f.adaId(), f.acmeId(), bob.id(), Role.COWORKER);

      assertRefusedAndNothingCreated("hank@acme.com", id, "Hank");
    }

    @Test
    @DisplayName("I8: the inviter's permission was disabled before the accept: NotAllowed; turned back on, the same "
        + "invitation works")
    void inviterPermissionDisabled() {
      InvitationId id = invite(bob, "carl@acme.com");
      f.kit.members().setInvitePermission(f.adaId(), f.acmeId(), bob.id(), false);

      assertRefusedAndNothingCreated("carl@acme.com", id, "Carl");

      f.kit.members().setInvitePermission(f.adaId(), f.acmeId(), bob.id(), true);
      assertThat(f.signUp("carl@acme.com", "Carl", "Quill").membership().invitedBy()).isEqualTo(bob.id());
    }

    @Test
    @DisplayName("I8: the policy changed before the accept (guests by admins only): a co-worker's guest invitation "
        + "no longer admits")
    void policyChanged() {
      InvitationId id = invite(bob, "gina@partner.org");
      f.updateAcmePolicy(p -> p.withGuestInviters(GuestInviters.ADMINS_ONLY));

      assertRefusedAndNothingCreated("gina@partner.org", id, "Gina");
    }
  }

  @Nested
  @DisplayName("I9: looking never changes an invitation")
  class Looking {

    @Test
    @DisplayName("I9: previewing twice shows the same invitation and changes nothing: state, expiry, events, mail")
    void previewTwice() {
      InvitationId id = inviteByAda("carl@acme.com");
      String token = f.tokenFor("carl@acme.com");
      Invitation before = find(id);
      List<InvitekitEvent> events = f.events();
      int mails = f.mailbox.count();
      f.advance(Duration.ofHours(1));

      PreviewResult first = f.kit.signup().preview(dev.invitekit.secret.Token.of(token));
      PreviewResult second = f.kit.signup().preview(dev.invitekit.secret.Token.of(token));

      assertThat(first).isEqualTo(second).isEqualTo(new PreviewResult.Valid(new InvitationPreview("Acme", "Ada Admin",
          EmailAddress.parse("ada@acme.com"), EmailAddress.parse("carl@acme.com"), Role.COWORKER,
          START.plus(Duration.ofDays(7)))));
      assertThat(find(id)).isEqualTo(before);
      assertThat(f.events()).isEqualTo(events);
      assertThat(f.mailbox.count()).isEqualTo(mails);
      assertThat(f.signUp("carl@acme.com", "Carl", "Quill").membership().role()).isEqualTo(Role.COWORKER);
    }

    @Test
    @DisplayName("I9: previewing past the expiry says EXPIRED but leaves the stored invitation as it was")
    void previewAfterExpiry() {
      InvitationId id = inviteByAda("carl@acme.com");
      Invitation before = find(id);
      f.advance(Duration.ofDays(8));

      assertThat(f.kit.signup().preview(dev.invitekit.secret.Token.of(f.tokenFor("carl@acme.com"))))
          .isEqualTo(new PreviewResult.Unusable(TokenStatus.EXPIRED));
      assertThat(find(id)).isEqualTo(before);
    }
  }

  @Nested
  @DisplayName("I11: decline, notices, expiry and reminders")
  class Notices {

    private List<MailMessage> noticesToAda() {
      return f.mailbox.to("ada@acme.com").stream().filter(m -> m.kind() == MailMessage.Kind.INVITER_NOTICE).toList();
    }

    @Test
    @DisplayName("I11: the invitee declines: DECLINED, announced, the inviter gets an INVITER_NOTICE, the token is "
        + "dead")
    void decline() {
      InvitationId id = inviteByAda("carl@acme.com");
      String token = f.tokenFor("carl@acme.com");
      f.advance(Duration.ofHours(2));

      PreviewResult declined = f.kit.signup().decline(dev.invitekit.secret.Token.of(token));

      assertThat(declined).isInstanceOfSatisfying(PreviewResult.Valid.class,
          v -> assertThat(v.preview().invitedEmail()).isEqualTo(EmailAddress.parse("carl@acme.com")));
      assertThat(find(id).state()).isEqualTo(InvitationState.DECLINED);
      assertThat(f.events(InvitekitEvent.InvitationDeclined.class)).containsExactly(
          new InvitekitEvent.InvitationDeclined(START.plus(Duration.ofHours(2)), f.acmeId(), id));
      assertThat(noticesToAda()).singleElement().satisfies(m -> {
        assertThat(m.subject()).contains("carl@acme.com").contains("declined");
        assertThat(m.actionUrl()).isNull();
      });
      assertThat(f.kit.signup().decline(dev.invitekit.secret.Token.of(token))).isEqualTo(new PreviewResult.Unusable(TokenStatus.DECLINED));
      assertThat(f.kit.signup().createAccount(RulesFixture.signupRequest(token, "Carl", "Quill")))
          .isEqualTo(new SignupResult.Unusable(TokenStatus.DECLINED));
    }

    @Test
    @DisplayName("I11: when the invitee joins, the inviter gets an INVITER_NOTICE and the invitee a WELCOME")
    void acceptedNotice() {
      inviteByAda("carl@acme.com");

      f.signUp("carl@acme.com", "Carl", "Quill");

      assertThat(noticesToAda()).singleElement()
          .satisfies(m -> assertThat(m.subject()).contains("Carl Quill").contains("accepted"));
      assertThat(f.mailbox.last("carl@acme.com").orElseThrow().kind()).isEqualTo(MailMessage.Kind.WELCOME);
    }

    @Test
    @DisplayName("I11: expireDue after the lifetime marks the invitation EXPIRED, announces it and tells the inviter; "
        + "not before, and only once")
    void expiry() {
      InvitationId id = inviteByAda("carl@acme.com");
      String token = f.tokenFor("carl@acme.com");
      f.advance(Duration.ofDays(6));
      assertThat(f.kit.invitations().expireDue()).isZero();
      assertThat(find(id).state()).isEqualTo(InvitationState.PENDING);

      f.advance(Duration.ofDays(2));
      Instant now = START.plus(Duration.ofDays(8));

      assertThat(f.kit.invitations().expireDue()).isEqualTo(1);
      assertThat(find(id).state()).isEqualTo(InvitationState.EXPIRED);
      assertThat(f.events(InvitekitEvent.InvitationExpired.class)).containsExactly(
          new InvitekitEvent.InvitationExpired(now, f.acmeId(), id));
      assertThat(noticesToAda()).singleElement()
          .satisfies(m -> assertThat(m.subject()).contains("carl@acme.com").contains("expired"));
      assertThat(f.kit.signup().preview(dev.invitekit.secret.Token.of(token))).isEqualTo(new PreviewResult.Unusable(TokenStatus.EXPIRED));
      assertThat(f.kit.invitations().expireDue()).isZero();
      assertThat(noticesToAda()).hasSize(1);
    }

    @Test
    @DisplayName("I11: with a reminder 2 days before expiry, sendReminders after 5.5 days mails one REMINDER with a "
        + "fresh working link; a second call sends none")
    void reminder() {
      f.updateAcmePolicy(p -> p.withNotices(true, Duration.ofDays(2)));
      InvitationId id = inviteByAda("carl@acme.com");
      String first = f.tokenFor("carl@acme.com");
      f.advance(Duration.ofDays(4));
      assertThat(f.kit.invitations().sendReminders()).isZero();
      f.advance(Duration.ofHours(36));
      f.clearEvents();

      assertThat(f.kit.invitations().sendReminders()).isEqualTo(1);

      MailMessage reminder = f.mailbox.last("carl@acme.com").orElseThrow();
      assertThat(reminder.kind()).isEqualTo(MailMessage.Kind.REMINDER);
      assertThat(reminder.subject()).startsWith("Reminder:");
      String fresh = f.tokenFor("carl@acme.com");
      assertThat(fresh).isNotEqualTo(first);
      assertThat(reminder.actionUrl().toString()).isEqualTo("https://app.example.com/invitations/" + fresh);
      assertThat(f.kit.signup().preview(dev.invitekit.secret.Token.of(fresh))).isInstanceOf(PreviewResult.Valid.class);
      Invitation reminded = find(id);
      assertThat(reminded.reminded()).isTrue();
      assertThat(reminded.expiresAt()).isEqualTo(START.plus(Duration.ofDays(7)));
      assertThat(f.events()).containsExactly(new InvitekitEvent.InvitationResent(
          START.plus(Duration.ofHours(4 * 24 + 36)), f.acmeId(), id, null));

      assertThat(f.kit.invitations().sendReminders()).isZero();
      assertThat(f.mailbox.to("carl@acme.com")).filteredOn(m -> m.kind() == MailMessage.Kind.REMINDER).hasSize(1);
    }
  }
}
