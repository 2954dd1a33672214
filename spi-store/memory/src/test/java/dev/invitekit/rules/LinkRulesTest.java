package dev.invitekit.rules;

import static dev.invitekit.rules.RulesFixture.ADA_EMAIL;
import static dev.invitekit.rules.RulesFixture.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Token;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.link.InviteLink;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.LinkJoin;
import dev.invitekit.link.LinkJoins;
import dev.invitekit.link.Redemption;
import dev.invitekit.link.ShareResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.mail.MailMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/** Behaviour of invite links through the public facade (L1–L3), on the in-memory store. */
@DisplayName("Invite links (L1–L3)")
class LinkRulesTest {
  /** A link URL: the base URL, the default link path, and a 43-character URL-safe token (I5, L1). */
  private static final String LINK_URL = "https://app\\.example\\.com/join/[A-Za-z0-9_-]{43}";
  /** An invitation URL with its token (I6, L3). */
  private static final String INVITATION_URL = "https://app\\.example\\.com/invitations/[A-Za-z0-9_-]{43}";
  private static final AdminContact ADA_CONTACT = new AdminContact("Ada Admin", EmailAddress.parse(ADA_EMAIL));

  private RulesFixture fx;
  private UserId ada;
  private AccountId acme;
  private UserId bob;

  @BeforeEach
  void acmeWithAdaAndBob() {
    fx = new RulesFixture();
    fx.createAcme();
    ada = fx.adaId();
    acme = fx.acmeId();
    bob = fx.inviteAndSignUp(ada, "bob@acme.com", "Bob", "Stone").user().id();
    fx.mailbox.clear();
    fx.clearEvents();
  }

  private InviteLink link(UserId member) {
    return available(fx.kit.links().current(member, acme));
  }

  private static InviteLink available(LinkAccess access) {
    assertThat(access).isInstanceOf(LinkAccess.Available.class);
    return ((LinkAccess.Available) access).link();
  }

  private static Refusal refusal(LinkAccess access) {
    assertThat(access).isInstanceOf(LinkAccess.NotAllowed.class);
    return ((LinkAccess.NotAllowed) access).refusal();
  }

  private static String token(InviteLink link) {
    return RecordingMailbox.tokenOf(link.url());
  }

  private Redemption redeem(InviteLink link, String email) {
    return fx.kit.links().redeem(Token.of(token(link)), email);
  }

  private static Redemption refused(Redemption.Reason reason) {
    return new Redemption.Refused(reason);
  }

  /** The only invitation of Acme to {@code address}, as an admin sees it. */
  private Invitation invitationTo(String address) {
    EmailAddress email = EmailAddress.parse(address);
    List<Invitation> all = fx.kit.invitations().list(ada, acme).stream()
        .filter(i -> i.email().equals(email)).toList();
    assertThat(all).as("invitations to %s", address).hasSize(1);
    return all.get(0);
  }

  @Nested
  @DisplayName("L1: the account's invite link")
  class TheLink {

    @Test
    @DisplayName("L1: a member allowed to invite gets the current link, the same one each time, "
        + "at https://app.example.com/join/<43-character token>")
    void memberGetsTheSameLinkEveryTime() {
      InviteLink first = link(bob);
      InviteLink again = link(bob);
      InviteLink adminsView = link(ada);

      assertThat(first.url().toString()).matches(LINK_URL);
      assertThat(again).isEqualTo(first);
      assertThat(adminsView.id()).isEqualTo(first.id());
      assertThat(adminsView.url()).isEqualTo(first.url());
      assertThat(first.accountId()).isEqualTo(acme);
      assertThat(first.createdBy()).isEqualTo(bob);
      assertThat(first.createdAt()).isEqualTo(START);
      assertThat(first.expiresAt()).isEqualTo(START.plus(Duration.ofDays(30)));
      assertThat(first.active()).isTrue();
      assertThat(first.uses()).isZero();
      assertThat(first.toString()).doesNotContain(token(first));
      assertThat(fx.events(InvitekitEvent.LinkCreated.class)).singleElement()
          .isEqualTo(new InvitekitEvent.LinkCreated(START, acme, first.id(), bob));
    }

    @Test
    @DisplayName("L1: a co-worker may not rotate the link, is told which admins can, and the link stays")
    void coworkerCannotRotate() {
      InviteLink before = link(bob);

      Refusal refusal = refusal(fx.kit.links().rotate(bob, acme));

      assertThat(refusal.reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY);
      assertThat(refusal.adminsToContact()).containsExactly(ADA_CONTACT);
      assertThat(link(bob)).isEqualTo(before);
      assertThat(redeem(before, "carl@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
    }

    @Test
    @DisplayName("L1: after an admin rotates the link, the old URL is refused LINK_EXPIRED at once and the new one works")
    void rotationStopsTheOldLinkAtOnce() {
      InviteLink old = link(bob);

      InviteLink rotated = available(fx.kit.links().rotate(ada, acme));

      assertThat(rotated.url().toString()).matches(LINK_URL);
      assertThat(rotated.url()).isNotEqualTo(old.url());
      assertThat(rotated.id()).isNotEqualTo(old.id());
      assertThat(redeem(old, "carl@acme.com")).isEqualTo(refused(Redemption.Reason.LINK_EXPIRED));
      assertThat(fx.mailbox.to("carl@acme.com")).isEmpty();
      assertThat(redeem(rotated, "carl@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
      assertThat(link(bob).url()).as("everyone now gets the new link").isEqualTo(rotated.url());
      assertThat(fx.events(InvitekitEvent.LinkRotated.class)).singleElement()
          .isEqualTo(new InvitekitEvent.LinkRotated(START, acme, old.id(), rotated.id(), ada));
    }

    @Test
    @DisplayName("L1: with links turned off, nobody gets the link (LINKS_DISABLED) and the URL already shared is refused")
    void linksOff() {
      InviteLink shared = link(bob);

      fx.updateAcmePolicy(p -> p.withLinksEnabled(false));

      Refusal refusal = refusal(fx.kit.links().current(bob, acme));
      assertThat(refusal.reason()).isEqualTo(Refusal.Reason.LINKS_DISABLED);
      assertThat(refusal.message()).isNotBlank();
      assertThat(refusal.adminsToContact()).containsExactly(ADA_CONTACT);
      assertThat(refusal(fx.kit.links().current(ada, acme)).reason()).isEqualTo(Refusal.Reason.LINKS_DISABLED);
      assertThat(redeem(shared, "carl@acme.com")).isEqualTo(refused(Redemption.Reason.LINK_EXPIRED));
      assertThat(fx.mailbox.all()).isEmpty();
    }

    @Test
    @DisplayName("L1: turning links back on gives a new link; the URL shared before they were turned off stays dead")
    void linksBackOnDoNotReviveTheOldUrl() {
      InviteLink shared = link(bob);
      fx.updateAcmePolicy(p -> p.withLinksEnabled(false));

      fx.updateAcmePolicy(p -> p.withLinksEnabled(true));

      InviteLink fresh = link(bob);
      assertThat(fresh.url()).isNotEqualTo(shared.url());
      assertThat(redeem(shared, "carl@acme.com")).isEqualTo(refused(Redemption.Reason.LINK_EXPIRED));
      assertThat(redeem(fresh, "carl@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
    }

    @Test
    @DisplayName("L1: a link stops working when the lifetime set by the policy runs out; the next request gets a new link")
    void linkExpiresWithItsPolicyLifetime() {
      fx.updateAcmePolicy(p -> p.withLinkLimits(Duration.ofDays(2), 5));
      InviteLink link = link(bob);
      assertThat(link.expiresAt()).isEqualTo(START.plus(Duration.ofDays(2)));
      assertThat(link.useLimit()).isEqualTo(5);

      fx.advance(Duration.ofDays(2).minusSeconds(1));
      assertThat(redeem(link, "carl@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);

      fx.advance(Duration.ofSeconds(1));
      assertThat(redeem(link, "dora@acme.com")).isEqualTo(refused(Redemption.Reason.LINK_EXPIRED));
      assertThat(fx.mailbox.to("dora@acme.com")).isEmpty();

      InviteLink fresh = link(bob);
      assertThat(fresh.url()).isNotEqualTo(link.url());
      assertThat(fresh.expiresAt()).isEqualTo(START.plus(Duration.ofDays(4)));
      assertThat(redeem(fresh, "dora@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
    }

    @Test
    @DisplayName("L1: the account records who joined through its link, and only admins may read the record")
    void recordsWhoJoinedThroughTheLink() {
      InviteLink link = link(bob);
      assertThat(redeem(link, "carl@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
      fx.advance(Duration.ofHours(1));

      SignupResult.Joined carl = fx.signUp("carl@acme.com", "Carl", "Lind");

      assertThat(carl.membership().role()).isEqualTo(Role.COWORKER);
      assertThat(carl.membership().joinedVia()).isEqualTo(link.id());
      assertThat(fx.kit.links().joins(ada, acme)).isEqualTo(new LinkJoins.Listed(
          List.of(new LinkJoin(link.id(), carl.user().id(), START.plus(Duration.ofHours(1))))));
      // Issue 9.12: a co-worker gets a typed refusal, not an empty list.
      assertThat(fx.kit.links().joins(bob, acme)).as("a co-worker does not see the record")
          .isInstanceOf(LinkJoins.NotAllowed.class);
    }

    @Test
    @DisplayName("L1: when approval is required, a redemption waits as AWAITING_APPROVAL and no link is mailed until an admin approves")
    void approvalRequired() {
      fx.updateAcmePolicy(p -> p.withLinkApprovalRequired(true));
      InviteLink link = link(bob);

      assertThat(redeem(link, "carl@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);

      Invitation waiting = invitationTo("carl@acme.com");
      assertThat(waiting.state()).isEqualTo(InvitationState.AWAITING_APPROVAL);
      assertThat(waiting.viaLink()).isEqualTo(link.id());
      assertThat(waiting.delivery()).isEqualTo(DeliveryStatus.NOT_SENT);
      assertThat(fx.mailbox.to("carl@acme.com")).as("nothing with a link before approval").isEmpty();
      assertThat(fx.kit.links().approve(bob, acme, waiting.id())).isInstanceOf(InvitationChange.NotAllowed.class);
      assertThat(fx.mailbox.to("carl@acme.com")).isEmpty();

      InvitationChange change = fx.kit.links().approve(ada, acme, waiting.id());

      assertThat(change).isInstanceOf(InvitationChange.Changed.class);
      Invitation approved = ((InvitationChange.Changed) change).invitation();
      assertThat(approved.state()).isEqualTo(InvitationState.PENDING);
      assertThat(approved.delivery()).isEqualTo(DeliveryStatus.SENT);
      assertThat(fx.mailbox.to("carl@acme.com")).singleElement().satisfies(m -> {
        assertThat(m.kind()).isEqualTo(MailMessage.Kind.LINK_VERIFICATION);
        assertThat(m.actionUrl()).isNotNull();
        assertThat(m.actionUrl().toString()).matches(INVITATION_URL);
      });
      assertThat(fx.signUp("carl@acme.com", "Carl", "Lind").membership().joinedVia()).isEqualTo(link.id());
    }

    @Test
    @DisplayName("L1: an admin's denial revokes a redemption awaiting approval (REVOKED) and nothing is sent")
    void denial() {
      fx.updateAcmePolicy(p -> p.withLinkApprovalRequired(true));
      InviteLink link = link(bob);
      assertThat(redeem(link, "carl@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
      Invitation waiting = invitationTo("carl@acme.com");

      InvitationChange change = fx.kit.links().deny(ada, acme, waiting.id());

      assertThat(change).isInstanceOf(InvitationChange.Changed.class);
      assertThat(((InvitationChange.Changed) change).invitation().state()).isEqualTo(InvitationState.REVOKED);
      assertThat(invitationTo("carl@acme.com").state()).isEqualTo(InvitationState.REVOKED);
      assertThat(fx.kit.links().approve(ada, acme, waiting.id()))
          .isEqualTo(new InvitationChange.NotOpen(InvitationState.REVOKED));
      assertThat(fx.mailbox.all()).isEmpty();
      assertThat(fx.events(InvitekitEvent.InvitationRevoked.class)).singleElement()
          .isEqualTo(new InvitekitEvent.InvitationRevoked(START, acme, waiting.id(), ada));
    }

    @Test
    @DisplayName("L1, U6: a member whose invite permission is off is refused the link and told which admins to ask")
    void memberWithoutInvitePermission() {
      assertThat(fx.kit.members().setInvitePermission(ada, acme, bob, false)).isInstanceOf(MemberChange.Changed.class);

      Refusal refusal = refusal(fx.kit.links().current(bob, acme));

      assertThat(refusal.reason()).isEqualTo(Refusal.Reason.INVITE_PERMISSION_DISABLED);
      assertThat(refusal.message()).isNotBlank();
      assertThat(refusal.adminsToContact()).containsExactly(ADA_CONTACT);
      ShareResult share = fx.kit.links().share(bob, acme, "carl@acme.com", true);
      assertThat(share).isInstanceOf(ShareResult.NotAllowed.class);
      assertThat(((ShareResult.NotAllowed) share).refusal().reason()).isEqualTo(Refusal.Reason.INVITE_PERMISSION_DISABLED);
      assertThat(fx.mailbox.all()).isEmpty();
      assertThat(fx.events(InvitekitEvent.LinkCreated.class)).isEmpty();
    }

    @Test
    @DisplayName("L1, A2: when only admins may invite co-workers, a co-worker is refused the link (ADMINS_ONLY)")
    void coworkersNotAllowedToInvite() {
      fx.updateAcmePolicy(p -> p.withCoworkerInviters(InvitePolicy.CoworkerInviters.ADMINS_ONLY));

      Refusal refusal = refusal(fx.kit.links().current(bob, acme));

      assertThat(refusal.reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY);
      assertThat(refusal.adminsToContact()).containsExactly(ADA_CONTACT);
      assertThat(link(ada).url().toString()).matches(LINK_URL);
    }
  }

  @Nested
  @DisplayName("L2: share via email")
  class ShareViaEmail {

    @Test
    @DisplayName("L2: without sending, share builds a parseable mailto: URI (RFC 6068) to both addresses, "
        + "with a percent-encoded subject and the percent-encoded link in the body, and sends nothing")
    void mailtoUri() {
      InviteLink link = link(bob);

      ShareResult result = fx.kit.links().share(bob, acme, "carl@acme.com; Dora Lee <dora@example.org>", false);

      assertThat(result).isInstanceOf(ShareResult.Shared.class);
      ShareResult.Shared shared = (ShareResult.Shared) result;
      String mailto = shared.mailto().toString();
      assertThat(mailto).startsWith("mailto:").contains("carl@acme.com").contains("dora@example.org");
      assertThatCode(() -> new URI(mailto)).doesNotThrowAnyException();

      String raw = shared.mailto().getRawSchemeSpecificPart();
      String[] toAndQuery = raw.split("\\?", 2);
      assertThat(toAndQuery[0].split(",")).containsExactlyInAnyOrder("carl@acme.com", "dora@example.org");
      Map<String, String> fields = new LinkedHashMap<>();
      for (String field : toAndQuery[1].split("&")) {
        String[] nameAndValue = field.split("=", 2);
        fields.put(nameAndValue[0], nameAndValue[1]);
      }
      assertThat(fields).containsOnlyKeys("subject", "body");
      // RFC 6068 hfvalue: unreserved, percent-encoded, and a few delimiters; no space, '/', '?', '&' or '='.
      String hfvalue = "[A-Za-z0-9\\-._~%!$'()*+,;:@]+";
      assertThat(fields.get("subject")).matches(hfvalue).contains("%20");
      assertThat(decode(fields.get("subject"))).contains("Acme");
      assertThat(fields.get("body")).matches(hfvalue);
      assertThat(decode(fields.get("body"))).contains(link.url().toString());
      assertThat(shared.mailto().getSchemeSpecificPart()).as("java.net.URI decodes it the same way")
          .contains(link.url().toString());

      assertThat(shared.recipients())
          .containsExactly(EmailAddress.parse("carl@acme.com"), EmailAddress.parse("dora@example.org"));
      assertThat(shared.unusable()).isEmpty();
      assertThat(shared.deliveries()).isEmpty();
      assertThat(fx.mailbox.all()).isEmpty();
    }

    @Test
    @DisplayName("L2: sharing with send=true mails one LINK_SHARE message holding the link to each recipient")
    void sendThroughTheMailProvider() {
      InviteLink link = link(bob);

      ShareResult result = fx.kit.links().share(bob, acme, "carl@acme.com, dora@example.org", true);

      assertThat(result).isInstanceOf(ShareResult.Shared.class);
      EmailAddress carl = EmailAddress.parse("carl@acme.com");
      EmailAddress dora = EmailAddress.parse("dora@example.org");
      assertThat(((ShareResult.Shared) result).deliveries())
          .isEqualTo(Map.of(carl, DeliveryStatus.SENT, dora, DeliveryStatus.SENT));
      assertThat(fx.mailbox.all()).hasSize(2).allSatisfy(m -> {
        assertThat(m.kind()).isEqualTo(MailMessage.Kind.LINK_SHARE);
        assertThat(m.text()).contains(link.url().toString());
        assertThat(m.actionUrl()).isEqualTo(link.url());
      });
      assertThat(fx.mailbox.all()).extracting(MailMessage::to).containsExactlyInAnyOrder(carl, dora);
    }

    @Test
    @DisplayName("L2, I2: a share to 21 distinct addresses is refused as a whole (TooManyAddresses 20/21) and nothing is sent")
    void twentyOneRecipients() {
      String twentyOne = IntStream.rangeClosed(1, 21).mapToObj(i -> "p" + i + "@acme.com")
          .collect(Collectors.joining(", "));

      ShareResult result = fx.kit.links().share(bob, acme, twentyOne + ", P1@ACME.com", true);

      assertThat(result).isEqualTo(new ShareResult.TooManyAddresses(20, 21));
      assertThat(fx.mailbox.all()).isEmpty();
      String twenty = IntStream.rangeClosed(1, 20).mapToObj(i -> "p" + i + "@acme.com")
          .collect(Collectors.joining(", "));
      assertThat(fx.kit.links().share(bob, acme, twenty, false)).isInstanceOf(ShareResult.Shared.class);
    }

    @Test
    @DisplayName("L2, I2: a share counts only valid addresses toward the 20 (a typo is listed as unusable), and "
        + "past 200 entries it is refused as a whole (TooManyEntries)")
    void shareCountsOnlyValidAddresses_I2_issue9_4() {
      String twenty = IntStream.rangeClosed(1, 20).mapToObj(i -> "p" + i + "@acme.com")
          .collect(Collectors.joining(", "));

      ShareResult result = fx.kit.links().share(bob, acme, twenty + ", p21@@acme", false);

      assertThat(result).isInstanceOfSatisfying(ShareResult.Shared.class, shared -> {
        assertThat(shared.recipients()).hasSize(20);
        assertThat(shared.unusable()).singleElement().satisfies(u -> assertThat(u.input()).contains("p21@@acme"));
      });
      String entries = IntStream.rangeClosed(1, 201).mapToObj(i -> "typo" + i + "@@acme")
          .collect(Collectors.joining(", "));
      assertThat(fx.kit.links().share(bob, acme, entries, true)).isEqualTo(new ShareResult.TooManyEntries(200, 201));
      assertThat(fx.mailbox.all()).isEmpty();
    }
  }

  @Nested
  @DisplayName("L3: redeeming a link")
  class Redeeming {

    @Test
    @DisplayName("L3: a company address gets CheckYourEmail, a LINK_VERIFICATION mail with a sign-up link, "
        + "and the link's use count goes up by one")
    void companyAddress() {
      InviteLink link = link(bob);

      Redemption answer = redeem(link, "Carl@Acme.com");

      assertThat(answer).isInstanceOf(Redemption.CheckYourEmail.class);
      assertThat(((Redemption.CheckYourEmail) answer).message()).isNotBlank();
      List<MailMessage> toCarl = fx.mailbox.to("carl@acme.com");
      assertThat(toCarl).hasSize(1);
      MailMessage mail = toCarl.get(0);
      assertThat(mail.kind()).isEqualTo(MailMessage.Kind.LINK_VERIFICATION);
      assertThat(mail.actionUrl()).isNotNull();
      assertThat(mail.actionUrl().toString()).matches(INVITATION_URL);
      assertThat(mail.text()).contains(mail.actionUrl().toString());
      assertThat(link(bob).uses()).isEqualTo(1);

      PreviewResult preview = fx.kit.signup().preview(Token.of(RecordingMailbox.tokenOf(mail.actionUrl())));
      assertThat(preview).isInstanceOf(PreviewResult.Valid.class);
      PreviewResult.Valid valid = (PreviewResult.Valid) preview;
      assertThat(valid.preview().invitedEmail()).isEqualTo(EmailAddress.parse("carl@acme.com"));
      assertThat(valid.preview().accountName()).isEqualTo("Acme");
      assertThat(valid.preview().role()).isEqualTo(Role.COWORKER);
      Invitation invitation = invitationTo("carl@acme.com");
      assertThat(fx.events(InvitekitEvent.LinkRedeemed.class)).singleElement()
          .isEqualTo(new InvitekitEvent.LinkRedeemed(START, acme, link.id(), invitation.id()));
    }

    @Test
    @DisplayName("L3, U5: an outside address is refused NOT_A_COMPANY_ADDRESS; nothing is sent and the count stays")
    void outsideAddressRefused() {
      InviteLink link = link(bob);

      Redemption answer = redeem(link, "dora@example.org");

      assertThat(answer).isEqualTo(refused(Redemption.Reason.NOT_A_COMPANY_ADDRESS));
      assertThat(((Redemption.Refused) answer).message()).isNotBlank();
      assertThat(fx.mailbox.all()).isEmpty();
      assertThat(link(bob).uses()).isZero();
      assertThat(fx.kit.invitations().list(ada, acme)).noneMatch(i -> i.email().domain().equals("example.org"));
    }

    @Test
    @DisplayName("L3, U5: where the policy lets links admit guests, an outside address is invited and joins as GUEST")
    void linksAdmitGuests() {
      fx.updateAcmePolicy(p -> p.withLinksAdmitGuests(true));
      InviteLink link = link(bob);

      assertThat(redeem(link, "dora@example.org")).isInstanceOf(Redemption.CheckYourEmail.class);

      assertThat(fx.mailbox.to("dora@example.org")).singleElement()
          .extracting(MailMessage::kind).isEqualTo(MailMessage.Kind.LINK_VERIFICATION);
      assertThat(link(bob).uses()).isEqualTo(1);
      assertThat(fx.signUp("dora@example.org", "Dora", "Lee").membership().role()).isEqualTo(Role.GUEST);
    }

    @Test
    @DisplayName("L3: a new address, an address with an identity elsewhere and a member's address all get the very same "
        + "answer; the member gets an ALREADY_MEMBER mail without a token")
    void noAccountEnumeration() {
      fx.createProAccount("Globex", "globex.com", "gina@globex.com", "Gina", "Marsh");
      fx.updateAcmePolicy(p -> p.withLinksAdmitGuests(true));
      fx.mailbox.clear();
      InviteLink link = link(ada);

      Redemption forNewcomer = redeem(link, "carl@acme.com");
      Redemption forIdentityElsewhere = redeem(link, "gina@globex.com");
      Redemption forMember = redeem(link, "bob@acme.com");

      assertThat(forNewcomer).isInstanceOf(Redemption.CheckYourEmail.class);
      assertThat(forIdentityElsewhere).isEqualTo(forNewcomer);
      assertThat(forMember).isEqualTo(forNewcomer);
      assertThat(((Redemption.CheckYourEmail) forMember).message())
          .isEqualTo(((Redemption.CheckYourEmail) forNewcomer).message());

      assertThat(fx.mailbox.to("gina@globex.com")).singleElement()
          .extracting(MailMessage::kind).isEqualTo(MailMessage.Kind.LINK_VERIFICATION);
      List<MailMessage> toBobs = fx.mailbox.to("bob@acme.com");
      assertThat(toBobs).hasSize(1);
      MailMessage toBob = toBobs.get(0);
      assertThat(toBob.kind()).isEqualTo(MailMessage.Kind.ALREADY_MEMBER);
      assertThat(Optional.ofNullable(toBob.actionUrl()).map(URI::toString).orElse("")).as("a sign-in hint at most")
          .doesNotContain("/invitations/").doesNotContain("/join/").doesNotContainPattern("[A-Za-z0-9_-]{43}");
      assertThat(toBob.text()).doesNotContain("/invitations/").doesNotContain(token(link))
          .doesNotContainPattern("[A-Za-z0-9_-]{43}");
      assertThat(fx.kit.invitations().list(ada, acme))
          .noneMatch(i -> i.email().equals(EmailAddress.parse("bob@acme.com")) && i.state().isOpen());
    }

    @Test
    @DisplayName("L3: a malformed or unknown token is refused UNKNOWN_LINK, an invalid address INVALID_ADDRESS; "
        + "nothing is sent")
    void badTokensAndAddresses() {
      InviteLink link = link(bob);

      assertThat(fx.kit.links().redeem(Token.of("not-a-token"), "carl@acme.com"))
          .isEqualTo(refused(Redemption.Reason.UNKNOWN_LINK));
      assertThat(fx.kit.links().redeem(Token.of(""), "carl@acme.com")).isEqualTo(refused(Redemption.Reason.UNKNOWN_LINK));
      assertThat(fx.kit.links().redeem(Token.of(token(link) + "x"), "carl@acme.com"))
          .isEqualTo(refused(Redemption.Reason.UNKNOWN_LINK));
      assertThat(fx.kit.links().redeem(Token.of("A".repeat(43)), "carl@acme.com"))
          .isEqualTo(refused(Redemption.Reason.UNKNOWN_LINK));
      assertThat(fx.kit.links().redeem(Token.of(token(link)), "carl at acme.com"))
          .isEqualTo(refused(Redemption.Reason.INVALID_ADDRESS));
      assertThat(fx.kit.links().redeem(Token.of(token(link)), "")).isEqualTo(refused(Redemption.Reason.INVALID_ADDRESS));
      assertThat(fx.kit.links().redeem(Token.of(token(link)), "carl@acme.com\r\nBcc: eve@evil.example"))
          .isEqualTo(refused(Redemption.Reason.INVALID_ADDRESS));

      for (Redemption.Reason reason : Redemption.Reason.values()) {
        assertThat(reason.message()).as("%s says what to do", reason).isNotBlank();
      }
      assertThat(fx.mailbox.all()).isEmpty();
      assertThat(link(bob).uses()).isZero();
    }

    @Test
    @DisplayName("L3: a link with a use limit of 3 admits exactly 3 people, then USE_LIMIT_REACHED")
    void useLimitIsExact() {
      fx.updateAcmePolicy(p -> p.withLinkLimits(Duration.ofDays(30), 3));
      InviteLink link = link(bob);

      List<Redemption> answers = new ArrayList<>();
      for (String who : List.of("carl", "dora", "emil", "fred", "gus")) {
        answers.add(redeem(link, who + "@acme.com"));
      }

      assertThat(answers.subList(0, 3)).allMatch(Redemption.CheckYourEmail.class::isInstance);
      assertThat(answers.subList(3, 5)).containsOnly(refused(Redemption.Reason.USE_LIMIT_REACHED));
      assertThat(link(bob).uses()).isEqualTo(3);
      assertThat(fx.mailbox.all()).hasSize(3)
          .allMatch(m -> m.kind() == MailMessage.Kind.LINK_VERIFICATION);
      assertThat(fx.mailbox.to("fred@acme.com")).isEmpty();
    }

    @Test
    @DisplayName("L3: 12 visitors redeeming a link with a use limit of 3 at the same moment: exactly 3 get in")
    void useLimitHoldsUnderConcurrentRedemptions() throws Exception {
      fx.updateAcmePolicy(p -> p.withLinkLimits(Duration.ofDays(30), 3));
      InviteLink link = link(bob);
      int visitors = 12;
      ExecutorService pool = Executors.newFixedThreadPool(visitors);
      CountDownLatch ready = new CountDownLatch(visitors);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Redemption>> futures = new ArrayList<>();
      try {
        for (int i = 0; i < visitors; i++) {
          String email = "visitor" + i + "@acme.com";
          futures.add(pool.submit(() -> {
            ready.countDown();
            start.await();
            return redeem(link, email);
          }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        start.countDown();
        List<Redemption> answers = new ArrayList<>();
        for (Future<Redemption> future : futures) {
          answers.add(future.get(10, TimeUnit.SECONDS));
        }

        assertThat(answers).filteredOn(Redemption.CheckYourEmail.class::isInstance).hasSize(3);
        assertThat(answers).filteredOn(a -> !(a instanceof Redemption.CheckYourEmail))
            .hasSize(visitors - 3).containsOnly(refused(Redemption.Reason.USE_LIMIT_REACHED));
        assertThat(link(bob).uses()).isEqualTo(3);
        assertThat(fx.mailbox.all()).hasSize(3);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static String decode(String percentEncoded) {
    // URLDecoder reads '+' as a space, which a mailto hfvalue does not: keep it a plus.
    return URLDecoder.decode(percentEncoded.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
