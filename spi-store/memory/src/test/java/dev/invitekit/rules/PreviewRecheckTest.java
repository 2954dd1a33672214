package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Token;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.id.InvitationId;
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.store.StoredInvitation;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 8 (I8, I9): a preview applies the same re-check as accepting, so it never says Valid for an
 * invitation that accepting will refuse; it says why, with the refusal accepting gives, and changes nothing.
 */
@DisplayName("I8: preview re-checks what the invitation grants, as accepting does (issue 9 item 8)")
class PreviewRecheckTest {
  private final RulesFixture f = new RulesFixture();
  private UserId bob;

  @BeforeEach
  void acme() {
    f.createAcme();
    bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user().id();
  }

  private InvitationId invitedByBob(String address) {
    return f.invite(bob, address).outcomes().get(0) instanceof dev.invitekit.invite.AddressOutcome.Invited i
        ? i.invitationId() : null;
  }

  /**
   * The preview must be NotAllowed with exactly the refusal accepting then gives, and the preview must have
   * changed nothing (I9).
   */
  private void previewRefusesAsAcceptDoes(InvitationId id, String address) {
    String token = f.tokenFor(address);
    StoredInvitation before = f.stored(id);

    PreviewResult preview = f.kit.signup().preview(Token.of(token));

    assertThat(preview).isInstanceOf(PreviewResult.NotAllowed.class);
    Refusal refusal = ((PreviewResult.NotAllowed) preview).refusal();
    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.INVITER_NO_LONGER_ALLOWED);
    assertThat(refusal.adminsToContact()).isNotEmpty();
    assertThat(f.stored(id)).isEqualTo(before);
    assertThat(f.kit.signup().createAccount(RulesFixture.signupRequest(token, "Pat", "Newman")))
        .isEqualTo(new SignupResult.NotAllowed(refusal));
  }

  @Test
  @DisplayName("I8: the inviter was removed: preview says NotAllowed, as accepting does")
  void previewAfterInviterRemovedIsNotAllowed_I8_issue9_8() {
    InvitationId id = invitedByBob("pat@acme.com");
    assertThat(f.kit.members().remove(f.adaId(), f.acmeId(), bob)).isInstanceOf(MemberChange.Changed.class);

    previewRefusesAsAcceptDoes(id, "pat@acme.com");
  }

  @Test
  @DisplayName("I8: the inviter's permission to invite was turned off: preview says NotAllowed")
  void previewAfterInvitePermissionOffIsNotAllowed_I8_issue9_8() {
    InvitationId id = invitedByBob("pat@acme.com");
    f.kit.members().setInvitePermission(f.adaId(), f.acmeId(), bob, false);

    previewRefusesAsAcceptDoes(id, "pat@acme.com");
  }

  @Test
  @DisplayName("I8: an admin's admin invitation, then the admin demoted: preview says NotAllowed")
  void previewAfterInviterDemotedIsNotAllowed_I8_issue9_8() {
    f.kit.members().changeRole(f.adaId(), f.acmeId(), bob, Role.ADMIN);
    f.kit.invitations().invite(dev.invitekit.invite.InviteRequest.members(bob, f.acmeId(), "pat@acme.com").asAdmins());
    InvitationId id = f.kit.invitations().list(f.adaId(), f.acmeId()).stream()
        .filter(i -> i.email().toString().equals("pat@acme.com")).findFirst().orElseThrow().id();
    assertThat(f.stored(id).invitation().role()).isEqualTo(Role.ADMIN);
    f.kit.members().changeRole(f.adaId(), f.acmeId(), bob, Role.COWORKER);

    previewRefusesAsAcceptDoes(id, "pat@acme.com");
  }

  @Test
  @DisplayName("I8: guests turned off after a guest was invited: preview says NotAllowed")
  void previewAfterGuestsTurnedOffIsNotAllowed_I8_issue9_8() {
    InvitationId id = invitedByBob("pat@partner.org");
    f.updateAcmePolicy(p -> p.withGuestInviters(InvitePolicy.GuestInviters.NO_ONE));

    previewRefusesAsAcceptDoes(id, "pat@partner.org");
  }

  @Test
  @DisplayName("I8: the guest's domain blocked after the invitation: preview says NotAllowed")
  void previewAfterGuestDomainBlockedIsNotAllowed_I8_issue9_8() {
    InvitationId id = invitedByBob("pat@partner.org");
    f.updateAcmePolicy(p -> p.withGuestDomains(InvitePolicy.GuestDomains.block(Set.of("partner.org"))));

    previewRefusesAsAcceptDoes(id, "pat@partner.org");
  }

  @Test
  @DisplayName("I8: nothing changed since the invitation: preview is Valid, and so is accepting")
  void previewStillValidWhenNothingChanged_I8_issue9_8() {
    invitedByBob("pat@partner.org");

    assertThat(f.kit.signup().preview(Token.of(f.tokenFor("pat@partner.org")))).isInstanceOf(PreviewResult.Valid.class);
    assertThat(f.kit.signup().createAccount(RulesFixture.signupRequest(f.tokenFor("pat@partner.org"), "Pat", "Newman")))
        .isInstanceOf(SignupResult.Joined.class);
  }
}
