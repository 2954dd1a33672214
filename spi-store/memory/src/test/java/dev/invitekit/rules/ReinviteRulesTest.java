package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Token;
import dev.invitekit.id.AccountId;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.link.InviteLink;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.link.ShareResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.PreviewResult;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pasting an address that already has a pending invitation (I4, I7, U4), the order of the permission
 * and size checks (U6 before I2), and link redemptions meeting an emailed invitation (L3, I5).
 */
@DisplayName("Re-invitations and the order of checks (I4, I7, U4, U6, L3)")
class ReinviteRulesTest {
  private final RulesFixture fx = new RulesFixture();
  private AccountId acme;
  private UserId ada;
  private UserId bob;

  @BeforeEach
  void acmeWithBob() {
    fx.createAcme();
    acme = fx.acmeId();
    ada = fx.adaId();
    bob = fx.inviteAndSignUp(ada, "bob@acme.com", "Bob", "Stone").user().id();
    fx.mailbox.clear();
  }

  private Invitation only(String address) {
    return fx.kit.invitations().list(ada, acme).stream()
        .filter(i -> i.email().toString().equals(address)).reduce((a, b) -> b).orElseThrow();
  }

  /** The invitation {@code address} gets by redeeming the link with {@code linkToken} (L3). */
  private Invitation redeemed(Token linkToken, String address) {
    fx.kit.links().redeem(linkToken, address);
    return only(address);
  }

  /** Makes Acme's link redemptions wait for approval (L1) and has {@code fetcher} fetch the link's token. */
  private Token approvalRequiredLink(UserId fetcher) {
    fx.updateAcmePolicy(p -> p.withLinkApprovalRequired(true));
    return Token.of(RecordingMailbox.tokenOf(
        ((LinkAccess.Available) fx.kit.links().current(fetcher, acme)).link().url()));
  }

  @Test
  @DisplayName("I7/U4: an admin re-inviting as admin an address a co-worker invited sends Ada's admin invitation, not Bob's co-worker one")
  void adminReinviteTakesOverWithTheRoleAsked() {
    fx.invite(bob, "grace@acme.com");
    assertThat(only("grace@acme.com").role()).isEqualTo(Role.COWORKER);

    InviteResult result = fx.kit.invitations().invite(InviteRequest.members(ada, acme, "grace@acme.com").asAdmins());

    assertThat(RulesFixture.report(result).outcomes()).singleElement().isInstanceOf(AddressOutcome.Resent.class);
    Invitation reissued = only("grace@acme.com");
    assertThat(reissued.role()).isEqualTo(Role.ADMIN);
    assertThat(reissued.invitedBy()).isEqualTo(ada);
    assertThat(fx.kit.invitations().list(ada, acme)).filteredOn(i -> i.email().toString().equals("grace@acme.com")).hasSize(1);
    PreviewResult preview = fx.kit.signup().preview(Token.of(fx.tokenFor("grace@acme.com")));
    assertThat(preview).isInstanceOfSatisfying(PreviewResult.Valid.class, v -> {
      assertThat(v.preview().inviterName()).isEqualTo("Ada Admin");
      assertThat(v.preview().role()).isEqualTo(Role.ADMIN);
    });
  }

  @Test
  @DisplayName("I7: an admin re-sending an admin invitation as a member invitation keeps the admin role")
  void adminKeepsAdminRole() {
    fx.kit.invitations().invite(InviteRequest.members(ada, acme, "hal@acme.com").asAdmins());

    fx.invite(ada, "hal@acme.com");

    assertThat(only("hal@acme.com").role()).isEqualTo(Role.ADMIN);
  }

  @Test
  @DisplayName("I7: a co-worker pasting an address someone else invited is refused, and that invitation is untouched")
  void coworkerCannotResendSomeoneElsesInvitation() {
    fx.kit.invitations().invite(InviteRequest.members(ada, acme, "ivy@acme.com").asAdmins());
    String adasToken = fx.tokenFor("ivy@acme.com");
    fx.mailbox.clear();

    InviteResult.InviteReport report = fx.invite(bob, "ivy@acme.com");

    assertThat(report.outcomes()).singleElement().isInstanceOfSatisfying(AddressOutcome.NotAllowed.class,
        n -> assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY));
    assertThat(fx.mailbox.count()).isZero();
    assertThat(only("ivy@acme.com").role()).isEqualTo(Role.ADMIN);
    assertThat(fx.kit.signup().preview(Token.of(adasToken))).isInstanceOf(PreviewResult.Valid.class);
  }

  @Test
  @DisplayName("U6 before I2: a member without invite permission sending 21 addresses is told about the permission, with the admins")
  void permissionIsCheckedBeforeTheSize() {
    fx.kit.members().setInvitePermission(ada, acme, bob, false);
    String many = IntStream.rangeClosed(1, 21).mapToObj(i -> "p" + i + "@acme.com").collect(Collectors.joining(", "));

    InviteResult invite = fx.kit.invitations().inviteByEmail(bob, acme, many);
    ShareResult share = fx.kit.links().share(bob, acme, many, true);

    assertThat(invite).isInstanceOfSatisfying(InviteResult.NotPermitted.class, n -> {
      assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.INVITE_PERMISSION_DISABLED);
      assertThat(n.refusal().adminsToContact()).extracting(a -> a.email().toString()).containsExactly("ada@acme.com");
    });
    assertThat(share).isInstanceOfSatisfying(ShareResult.NotAllowed.class,
        n -> assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.INVITE_PERMISSION_DISABLED));
    assertThat(fx.mailbox.count()).isZero();
  }

  @Test
  @DisplayName("L3/I5: redeeming the link with an address that has an emailed invitation answers alike but keeps that invitation's link working")
  void redemptionLeavesEmailedInvitationAlone() {
    fx.invite(ada, "jo@acme.com");
    String emailedToken = fx.tokenFor("jo@acme.com");
    InviteLink link = ((LinkAccess.Available) fx.kit.links().current(bob, acme)).link();
    fx.mailbox.clear();

    Redemption answer = fx.kit.links().redeem(Token.of(RecordingMailbox.tokenOf(link.url())), "jo@acme.com");
    Redemption stranger = fx.kit.links().redeem(Token.of(RecordingMailbox.tokenOf(link.url())), "kim@acme.com");

    assertThat(answer).isEqualTo(stranger);
    assertThat(fx.mailbox.to("jo@acme.com")).isEmpty();
    assertThat(fx.kit.signup().preview(Token.of(emailedToken))).isInstanceOf(PreviewResult.Valid.class);
  }

  @Test
  @DisplayName("I7/L3: an invitation through the link is no member's: a co-worker who may invite the address sends it "
      + "again as their own, so whoever holds the link cannot keep them from inviting a chosen address (review 18)")
  void coworkerTakesOverALinkInvitation() {
    InviteLink link = ((LinkAccess.Available) fx.kit.links().current(ada, acme)).link();
    String linkToken = RecordingMailbox.tokenOf(link.url());
    fx.kit.links().redeem(Token.of(linkToken), "jane.doe@acme.com");
    fx.kit.links().redeem(Token.of(linkToken), "jane.doe@acme.com");
    String strangersToken = fx.tokenFor("jane.doe@acme.com");
    fx.mailbox.clear();

    InviteResult.InviteReport report = fx.invite(bob, "jane.doe@acme.com");

    assertThat(report.outcomes()).singleElement().isInstanceOf(AddressOutcome.Resent.class);
    Invitation taken = only("jane.doe@acme.com");
    assertThat(taken.invitedBy()).isEqualTo(bob);
    assertThat(taken.viaLink()).isNull();
    assertThat(fx.mailbox.to("jane.doe@acme.com")).hasSize(1);
    assertThat(fx.kit.signup().preview(Token.of(strangersToken))).isNotInstanceOf(PreviewResult.Valid.class);
    assertThat(fx.kit.signup().preview(Token.of(fx.tokenFor("jane.doe@acme.com")))).isInstanceOfSatisfying(
        PreviewResult.Valid.class, v -> assertThat(v.preview().inviterName()).isEqualTo("Bob Stone"));
  }
  @Test
  @DisplayName("A2/I7/L3: repeated redemptions of an address spend the link's own counters, so neither a co-worker nor "
      + "an admin is kept from inviting it, even where re-sends are fewer than the recipient's day (review 19)")
  void redemptionsDoNotSpendWhatMembersNeed() {
    fx.updateAcmePolicy(p -> p.toBuilder().invitesPerInviterPerHour(30).invitesPerAccountPerDay(300)
        .resendsPerInvitationPerDay(1).invitesPerRecipientPerDay(3).build());
    String linkToken = RecordingMailbox.tokenOf(
        ((LinkAccess.Available) fx.kit.links().current(ada, acme)).link().url());
    for (int i = 0; i < 6; i++) {
      fx.kit.links().redeem(Token.of(linkToken), "carl@acme.com");
    }
    assertThat(fx.mailbox.to("carl@acme.com")).as("the link's day for the address and its one re-send").hasSize(2);
    fx.mailbox.clear();

    assertThat(fx.invite(bob, "carl@acme.com").outcomes()).singleElement().isInstanceOf(AddressOutcome.Resent.class);
    assertThat(only("carl@acme.com").invitedBy()).isEqualTo(bob);
    assertThat(fx.invite(ada, "carl@acme.com").outcomes()).singleElement().isInstanceOf(AddressOutcome.Resent.class);
    assertThat(fx.mailbox.to("carl@acme.com")).hasSize(2);

    // The members' own day for the address is whole: Bob's take-over was its first, two more fit, then no more.
    for (String expected : new String[] {"Invited", "Invited", "RateLimited"}) {
      fx.kit.invitations().revoke(ada, acme, only("carl@acme.com").id());
      assertThat(fx.invite(ada, "carl@acme.com").outcomes()).singleElement()
          .extracting(o -> o.getClass().getSimpleName()).isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("L1/I7: a co-worker inviting an address whose redemption awaits approval invites it as their own: "
      + "outcome Invited (nothing was sent before), mailed once, out of the approval queue; published as an "
      + "approval is, InvitationResent, never a second Invited for the id (reviews 19, 20)")
  void coworkerInvitingAnAddressAwaitingApproval() {
    Invitation waiting = redeemed(approvalRequiredLink(ada), "carl@acme.com");
    assertThat(waiting.state()).isEqualTo(dev.invitekit.invite.InvitationState.AWAITING_APPROVAL);
    assertThat(fx.mailbox.to("carl@acme.com")).isEmpty();
    fx.clearEvents();

    InviteResult.InviteReport report = fx.invite(bob, "carl@acme.com");

    assertThat(report.outcomes()).singleElement().isInstanceOfSatisfying(AddressOutcome.Invited.class,
        invited -> assertThat(invited.invitationId()).isEqualTo(waiting.id()));
    Invitation taken = only("carl@acme.com");
    assertThat(taken.state()).isEqualTo(dev.invitekit.invite.InvitationState.PENDING);
    assertThat(taken.invitedBy()).isEqualTo(bob);
    assertThat(taken.viaLink()).isNull();
    assertThat(fx.mailbox.to("carl@acme.com")).singleElement()
        .satisfies(m -> assertThat(m.text()).contains("Bob Stone"));
    assertThat(fx.events()).noneMatch(dev.invitekit.event.InvitekitEvent.Invited.class::isInstance);
    assertThat(fx.events()).filteredOn(dev.invitekit.event.InvitekitEvent.InvitationResent.class::isInstance)
        .singleElement().isEqualTo(new dev.invitekit.event.InvitekitEvent.InvitationResent(fx.clock.instant(), acme,
            waiting.id(), bob));
  }

  @Test
  @DisplayName("I7/L1/U7: the co-worker who fetched the link is not the inviter of its redemptions: they neither see "
      + "nor revoke nor re-send one (denying it is admins-only), an admin may; a take-over makes it theirs, and "
      + "revoking it then leaves the person free to redeem the link again (reviews 20, 21)")
  void linkRedemptionsAreNoMembers() {
    Token linkToken = approvalRequiredLink(bob);
    Invitation carl = redeemed(linkToken, "carl@acme.com");
    Invitation dora = redeemed(linkToken, "dora@acme.com");
    assertThat(carl.invitedBy()).as("a link invitation names whoever fetched the link").isEqualTo(bob);
    assertThat(fx.kit.invitations().list(bob, acme)).as("bob's list").isEmpty();
    assertThat(fx.kit.invitations().find(bob, acme, carl.id())).isEmpty();

    assertThat(fx.kit.invitations().revoke(bob, acme, carl.id())).isInstanceOfSatisfying(
        InvitationChange.NotAllowed.class, n -> assertThat(n.refusal().message()).contains("invite link"));
    assertThat(fx.kit.invitations().resend(bob, acme, carl.id())).isInstanceOf(InvitationChange.NotAllowed.class);
    assertThat(fx.kit.links().deny(bob, acme, carl.id())).isInstanceOf(InvitationChange.NotAllowed.class);
    assertThat(only("carl@acme.com").state()).isEqualTo(dev.invitekit.invite.InvitationState.AWAITING_APPROVAL);

    assertThat(fx.kit.invitations().revoke(ada, acme, dora.id())).isInstanceOf(InvitationChange.Changed.class);
    assertThat(fx.invite(bob, "carl@acme.com").outcomes()).singleElement().isInstanceOf(AddressOutcome.Invited.class);
    assertThat(fx.kit.invitations().list(bob, acme)).as("taken over, it is bob's").extracting(Invitation::id)
        .containsExactly(carl.id());
    assertThat(fx.kit.invitations().revoke(bob, acme, carl.id())).isInstanceOf(InvitationChange.Changed.class);
    fx.kit.links().redeem(linkToken, "carl@acme.com");
    assertThat(only("carl@acme.com").state()).as("redeemed again after the revoke")
        .isEqualTo(dev.invitekit.invite.InvitationState.AWAITING_APPROVAL);
  }
}
