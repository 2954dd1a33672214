package dev.invitekit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.account.PolicyChange;
import dev.invitekit.contacts.Contact;
import dev.invitekit.examples.quickstart.snippets.Concepts;
import dev.invitekit.examples.quickstart.snippets.Embedding;
import dev.invitekit.examples.quickstart.snippets.MailSetup;
import dev.invitekit.examples.quickstart.snippets.GettingStarted;
import dev.invitekit.examples.quickstart.snippets.GettingStarted.Founded;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.license.LicenseResult;
import dev.invitekit.link.InviteLink;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.SignupResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The docs' snippets do what the docs say: compiled is not enough (STYLE: "compiled and tested"). Each
 * test runs snippet methods on a kit for tests and checks their outcome.
 */
@DisplayName("The docs' snippets do what the docs say")
class SnippetsRunTest {
  private static final String PASSWORD = "a ferry to the blue lighthouse";

  private final RecordingMailbox mailbox = new RecordingMailbox();
  private Invitekit kit;
  private Founded acme;

  @BeforeEach
  void foundAcme() {
    kit = GettingStarted.forTests(mailbox);
    assertThat(GettingStarted.account(kit, PASSWORD)).isTrue();
    acme = GettingStarted.confirm(kit, GettingStarted.founderTokenFromMail(mailbox), PASSWORD).orElseThrow();
  }

  private UserId signUpBob() {
    GettingStarted.invite(kit, acme.founderId(), acme.accountId());
    SignupResult result = GettingStarted.signup(kit, GettingStarted.tokenFromMail(mailbox), "orange kayak under the bridge");
    assertThat(result).isInstanceOf(SignupResult.Joined.class);
    return ((SignupResult.Joined) result).user().id();
  }

  @Test
  @DisplayName("the builders of README and getting started build a kit")
  void builders() {
    assertThat(Embedding.build()).isNotNull();
    assertThat(GettingStarted.builder()).isNotNull();
  }

  @Test
  @DisplayName("getting started: the pasted list gets its outcomes, and Bob signs up from his mail (I4, S1, S6)")
  void gettingStarted() {
    InviteResult result = GettingStarted.invite(kit, acme.founderId(), acme.accountId());
    assertThat(result).isInstanceOfSatisfying(InviteResult.InviteReport.class, report -> {
      assertThat(report.outcomes(AddressOutcome.Invited.class)).extracting(o -> o.address().toString())
          .containsExactly("bob@acme.com", "ann@example.org");
      assertThat(report.outcomes(AddressOutcome.Invalid.class)).extracting(AddressOutcome::input)
          .containsExactly("not-an-address");
    });
    String token = GettingStarted.tokenFromMail(mailbox);
    assertThat(GettingStarted.preview(kit, token)).isInstanceOf(PreviewResult.Valid.class);
    assertThat(GettingStarted.signup(kit, token, "orange kayak under the bridge"))
        .isInstanceOfSatisfying(SignupResult.Joined.class, j -> assertThat(j.membership().role()).isEqualTo(Role.COWORKER));
    assertThat(GettingStarted.preview(kit, token)).isEqualTo(new PreviewResult.Unusable(
        dev.invitekit.signup.TokenStatus.ALREADY_USED));
  }

  @Test
  @DisplayName("README: the embedding snippet invites the list")
  void readmeInvite() {
    Embedding.invite(kit, acme.founderId(), acme.accountId());
    assertThat(mailbox.lastLink("bob@acme.com")).isPresent();
    assertThat(mailbox.lastLink("ann@example.org")).isPresent();
  }

  @Test
  @DisplayName("concepts: policy, admin invitation, permission, licenses and contacts (A2, U4, U6, P1, C1)")
  void concepts() {
    assertThat(Concepts.policy(kit, acme.founderId(), acme.accountId())).isInstanceOf(PolicyChange.Changed.class);
    assertThat(Concepts.inviteAdmin(kit, acme.founderId(), acme.accountId()))
        .isInstanceOfSatisfying(InviteResult.InviteReport.class, r -> assertThat(r.outcomes())
            .singleElement().isInstanceOfSatisfying(AddressOutcome.Invited.class,
                i -> assertThat(i.role()).isEqualTo(Role.ADMIN)));
    UserId bob = signUpBob();
    assertThat(Concepts.license(kit, acme.founderId(), acme.accountId(), bob))
        .isInstanceOf(LicenseResult.Assigned.class);
    assertThat(Concepts.contacts(kit, bob, acme.accountId())).extracting(Contact::name)
        .containsExactly("Dana Whitfield");
    assertThat(Concepts.permission(kit, acme.founderId(), acme.accountId(), bob))
        .isInstanceOfSatisfying(MemberChange.Changed.class, c -> assertThat(c.membership().mayInvite()).isFalse());
    assertThat(mailbox.to("frank@acme.com")).isEmpty();
  }

  @Test
  @DisplayName("concepts: the invite link is shared, rotated and redeemed (L1-L3)")
  void links() {
    UserId bob = signUpBob();
    Concepts.links(kit, bob, acme.founderId(), acme.accountId());
    LinkAccess access = kit.links().current(bob, acme.accountId());
    assertThat(access).isInstanceOf(LinkAccess.Available.class);
    InviteLink link = ((LinkAccess.Available) access).link();
    assertThat(Concepts.redeem(kit, RecordingMailbox.tokenOf(link.url())))
        .isInstanceOf(Redemption.CheckYourEmail.class);
    assertThat(mailbox.lastLink("erin@acme.com")).isPresent();
  }

  @Test
  @DisplayName("concepts: an invitation is re-sent and revoked (I7)")
  void lifeCycle() {
    GettingStarted.invite(kit, acme.founderId(), acme.accountId());
    var invitation = kit.invitations().list(acme.founderId(), acme.accountId()).get(0);
    Concepts.lifeCycle(kit, acme.founderId(), acme.accountId(), invitation.id());
    assertThat(kit.invitations().find(acme.founderId(), acme.accountId(), invitation.id()).orElseThrow().state())
        .isEqualTo(InvitationState.REVOKED);
  }

  @Test
  @DisplayName("security: limits, client keys and sign-in as docs/security.md shows them (A2, S4, §5)")
  void security() {
    assertThat(dev.invitekit.examples.quickstart.snippets.Security.limits()).isNotNull();
    assertThat(dev.invitekit.examples.quickstart.snippets.Security.rateLimits(kit, acme.founderId(), acme.accountId()))
        .isInstanceOf(PolicyChange.Changed.class);
    assertThat(dev.invitekit.examples.quickstart.snippets.Security.preview(kit, "x".repeat(43), "203.0.113.7"))
        .isEqualTo(new PreviewResult.Unusable(dev.invitekit.signup.TokenStatus.UNKNOWN));
    assertThat(dev.invitekit.examples.quickstart.snippets.Security.signIn(kit, "nobody@acme.com", PASSWORD)).isEmpty();
  }

  @Test
  @DisplayName("concepts: the audit-log listener hears each committed change as JSON (E1)")
  void listener() {
    List<String> auditLog = new ArrayList<>();
    Invitekit audited = Concepts.listener(auditLog);
    assertThat(GettingStarted.account(audited, PASSWORD)).isTrue();
    // A3: founding an account first records it unconfirmed and mails the founder; that is the change heard.
    assertThat(auditLog).singleElement().asString().startsWith("{\"type\":\"founder-confirmation-sent\"");
  }

  @Test
  @DisplayName("docs/mail.md: the SMTP kit builds, templates apply key by key, a German invitation is German, the "
      + "outbox can be driven by hand, and the operator view runs")
  void mailDoc() {
    try (Invitekit smtpKit = MailSetup.smtp(new dev.invitekit.store.memory.InMemoryStore(), "pw",
        java.util.Base64.getEncoder().encodeToString(new byte[32]))) {
      assertThat(smtpKit.mail()).isNotNull();
    }
    java.util.Properties branded = new java.util.Properties();
    branded.setProperty("invitation.subject", "Join {accountName} now");
    try (Invitekit branding = MailSetup.templates(MailSetup.listen(Invitekit.builder()
        .store(new dev.invitekit.store.memory.InMemoryStore()).mail(mailbox)
        .baseUrl(java.net.URI.create("https://app.example.com")).manualMailDispatch()), branded)) {
      assertThat(branding).isNotNull();
    }
    assertThat(MailSetup.inviteInGerman(kit, acme.founderId(), acme.accountId()))
        .isInstanceOf(dev.invitekit.invite.InviteResult.InviteReport.class);
    assertThat(mailbox.last("dora@example.org")).get().extracting(m -> m.subject()).asString().contains("lädt Sie");
    MailSetup.operator(kit, acme.founderId(), acme.accountId());
    assertThat(MailSetup.manual(Invitekit.builder().store(new dev.invitekit.store.memory.InMemoryStore()).mail(mailbox)
        .baseUrl(java.net.URI.create("https://app.example.com"))).attempted()).isZero();
  }
}
