package dev.invitekit.rules;

import static dev.invitekit.rules.RulesFixture.ADA_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Token;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy.CoworkerInviters;
import dev.invitekit.account.InvitePolicy.GuestInviters;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.SignupResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 items 5, 6 and 10: one permission decision (U5, U6, I8, L1) for every operation that sends mail
 * or admits someone: invite, re-send, share, the link and what it admits, and acceptance.
 */
@DisplayName("One permission decision for every operation that sends mail or admits (U5, U6, I8, L1; issue 8.5, 8.6, 8.10)")
class OnePermissionDecisionTest {
  private static final AdminContact ADA_CONTACT = new AdminContact("Ada Admin", EmailAddress.parse(ADA_EMAIL));

  private RulesFixture f;
  private UserId ada;
  private AccountId acme;
  private UserId bob;

  @BeforeEach
  void acmeWithAdaAndBob() {
    f = new RulesFixture();
    f.createAcme();
    ada = f.adaId();
    acme = f.acmeId();
    bob = f.inviteAndSignUp(ada, "bob@acme.com", "Bob", "Stone").user().id();
  }

  private InvitationId invitationOf(AddressOutcome outcome) {
    return ((AddressOutcome.Invited) outcome).invitationId();
  }

  private String linkToken(UserId member) {
    return RecordingMailbox.tokenOf(((LinkAccess.Available) f.kit.links().current(member, acme)).link().url());
  }

  @Test
  @DisplayName("U6: a member whose invite permission is off cannot re-send their own invitation; told so with the "
      + "admins, and nothing is mailed")
  void resendNeedsInvitePermission_U6_issue8_10() {
    InvitationId carl = invitationOf(f.invite(bob, "carl@acme.com").outcomes().get(0));
    assertThat(f.kit.members().setInvitePermission(ada, acme, bob, false)).isInstanceOf(MemberChange.Changed.class);
    f.mailbox.clear();

    InvitationChange change = f.kit.invitations().resend(bob, acme, carl);

    assertThat(change).isInstanceOf(InvitationChange.NotAllowed.class);
    Refusal refusal = ((InvitationChange.NotAllowed) change).refusal();
    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.INVITE_PERMISSION_DISABLED);
    assertThat(refusal.adminsToContact()).containsExactly(ADA_CONTACT);
    assertThat(f.mailbox.count()).isZero();
  }

  @Test
  @DisplayName("U4, U6, I8: a demoted admin cannot re-send the admin invitation they sent; refused naming the admins, "
      + "nothing mailed")
  void demotedAdminCannotResendAnAdminInvitation_U6_I8_issue8_10() {
    f.kit.invitations().invite(InviteRequest.members(ada, acme, "dee@acme.com").asAdmins());
    UserId dee = f.signUp("dee@acme.com", "Dee", "Demoted").user().id();
    InvitationId erin = invitationOf(RulesFixture.report(
        f.kit.invitations().invite(InviteRequest.members(dee, acme, "erin@acme.com").asAdmins())).outcomes().get(0));
    assertThat(f.kit.members().changeRole(ada, acme, dee, Role.COWORKER)).isInstanceOf(MemberChange.Changed.class);
    f.mailbox.clear();

    InvitationChange change = f.kit.invitations().resend(dee, acme, erin);

    assertThat(change).isInstanceOf(InvitationChange.NotAllowed.class);
    Refusal refusal = ((InvitationChange.NotAllowed) change).refusal();
    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY);
    assertThat(refusal.adminsToContact()).containsExactly(ADA_CONTACT);
    assertThat(f.mailbox.count()).isZero();
  }

  @Test
  @DisplayName("I8: an admin re-sending an invitation its inviter can no longer grant is refused too; nothing mailed")
  void resendOfAnInvitationThatNoLongerGrantsIsRefused_I8_issue8_10() {
    f.kit.invitations().invite(InviteRequest.members(ada, acme, "dee@acme.com").asAdmins());
    UserId dee = f.signUp("dee@acme.com", "Dee", "Demoted").user().id();
    InvitationId erin = invitationOf(RulesFixture.report(
        f.kit.invitations().invite(InviteRequest.members(dee, acme, "erin@acme.com").asAdmins())).outcomes().get(0));
    f.kit.members().changeRole(ada, acme, dee, Role.COWORKER);
    f.mailbox.clear();

    InvitationChange change = f.kit.invitations().resend(ada, acme, erin);

    assertThat(change).isInstanceOf(InvitationChange.NotAllowed.class);
    assertThat(((InvitationChange.NotAllowed) change).refusal().reason())
        .isEqualTo(Refusal.Reason.INVITER_NO_LONGER_ALLOWED);
    assertThat(f.mailbox.count()).isZero();
  }

  @Test
  @DisplayName("L1, U5, A2: with guest invites admins-only and links admitting guests, a co-worker can neither invite an "
      + "outsider by email nor admit them through the link the co-worker fetched")
  void linkAdmitsNoGuestTheFetcherCouldNotInvite_U5_L1_issue8_6() {
    f.updateAcmePolicy(p -> p.withGuestInviters(GuestInviters.ADMINS_ONLY).withLinksAdmitGuests(true));
    assertThat(f.invite(bob, "pat@outside.org").outcomes().get(0)).isInstanceOf(AddressOutcome.NotAllowed.class);
    String link = linkToken(bob);
    f.mailbox.clear();

    assertThat(f.kit.links().redeem(Token.of(link), "pat@outside.org"))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.NOT_A_COMPANY_ADDRESS));
    assertThat(f.mailbox.to("pat@outside.org")).isEmpty();
    // A company address still joins through it.
    assertThat(f.kit.links().redeem(Token.of(link), "carl@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
  }

  @Test
  @DisplayName("L1, U5: a link admits guests where every member who may fetch it may invite guests: guest invites open "
      + "to everyone, or admins-only while only admins may fetch the link")
  void linkAdmitsGuestsWhereEveryFetcherMayInviteThem_U5_L1_issue8_6() {
    f.updateAcmePolicy(p -> p.withLinksAdmitGuests(true));
    String link = linkToken(bob);
    assertThat(f.kit.links().redeem(Token.of(link), "pat@outside.org")).isInstanceOf(Redemption.CheckYourEmail.class);

    f.updateAcmePolicy(p -> p.withGuestInviters(GuestInviters.ADMINS_ONLY).withCoworkerInviters(CoworkerInviters.ADMINS_ONLY));
    String adminsLink = linkToken(ada);
    assertThat(f.kit.links().redeem(Token.of(adminsLink), "kim@elsewhere.net")).isInstanceOf(Redemption.CheckYourEmail.class);
  }

  @Test
  @DisplayName("I8, L1: a link invitation is re-checked at acceptance against the link rule under today's policy")
  void linkInvitationIsRecheckedAtAcceptance_I8_L1_issue8_5() {
    f.updateAcmePolicy(p -> p.withLinksAdmitGuests(true));
    String link = linkToken(bob);
    assertThat(f.kit.links().redeem(Token.of(link), "pat@outside.org")).isInstanceOf(Redemption.CheckYourEmail.class);
    // Guest invites become admins-only while co-workers may still fetch the link: the link no longer admits Pat.
    f.updateAcmePolicy(p -> p.withGuestInviters(GuestInviters.ADMINS_ONLY));

    SignupResult result = f.kit.signup().createAccount(RulesFixture.signupRequest(f.tokenFor("pat@outside.org"),
        "Pat", "Quill"));

    assertThat(result).isInstanceOf(SignupResult.NotAllowed.class);
    assertThat(((SignupResult.NotAllowed) result).refusal().reason()).isEqualTo(Refusal.Reason.INVITER_NO_LONGER_ALLOWED);
    assertThat(((SignupResult.NotAllowed) result).refusal().adminsToContact()).containsExactly(ADA_CONTACT);
  }

  @Test
  @DisplayName("U5, I8, L1: approving a link redemption the link no longer admits is refused, naming the admins; "
      + "nothing is mailed")
  void approvalTakesTheSameDecision_U5_I8_L1_issue8_6() {
    f.updateAcmePolicy(p -> p.withLinksAdmitGuests(true).withLinkApprovalRequired(true));
    assertThat(f.kit.links().redeem(Token.of(linkToken(bob)), "pat@outside.org")).isInstanceOf(Redemption.CheckYourEmail.class);
    InvitationId waiting = f.kit.invitations().list(ada, acme).stream()
        .filter(i -> i.email().toString().equals("pat@outside.org")).findFirst().orElseThrow().id();
    f.updateAcmePolicy(p -> p.withGuestInviters(GuestInviters.ADMINS_ONLY));
    f.mailbox.clear();

    InvitationChange change = f.kit.links().approve(ada, acme, waiting);

    assertThat(change).isInstanceOf(InvitationChange.NotAllowed.class);
    assertThat(((InvitationChange.NotAllowed) change).refusal().adminsToContact()).containsExactly(ADA_CONTACT);
    assertThat(f.mailbox.count()).isZero();
  }

  @Test
  @DisplayName("I8, I11: no reminder advertises an invitation whose inviter was removed")
  void noReminderForAnInvitationThatNoLongerGrants_I8_issue8_10() {
    f.updateAcmePolicy(p -> p.withNotices(true, java.time.Duration.ofDays(1)));
    f.invite(bob, "carl@acme.com");
    assertThat(f.kit.members().remove(ada, acme, bob)).isInstanceOf(MemberChange.Changed.class);
    f.advance(java.time.Duration.ofDays(6).plusHours(1));
    f.mailbox.clear();

    assertThat(f.kit.invitations().sendReminders()).isZero();
    assertThat(f.mailbox.count()).isZero();
  }

  @Test
  @DisplayName("L1, I8: a link admits in the account's name: removing the member who fetched it changes nothing, for "
      + "new redemptions and for invitations issued through it before")
  void removingTheFetcherChangesNothingForTheLink_L1_I8_issue8_5() {
    String link = linkToken(bob);
    assertThat(f.kit.links().redeem(Token.of(link), "carl@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
    assertThat(f.kit.members().remove(ada, acme, bob)).isInstanceOf(MemberChange.Changed.class);

    assertThat(f.kit.links().redeem(Token.of(link), "dora@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
    assertThat(f.signUp("carl@acme.com", "Carl", "Lind").membership().role()).isEqualTo(Role.COWORKER);
    assertThat(f.signUp("dora@acme.com", "Dora", "Dale").membership().role()).isEqualTo(Role.COWORKER);
  }
}
