package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Token;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.link.InviteLink;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.mail.memory.RecordingMailbox;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 items 2 and 7 (A2, L1): a policy change applies at once, on every node, to the rate limits and to
 * the current invite link; nothing cached outlives it.
 */
@DisplayName("A policy change applies at once on every node (A2, L1; issue 9.2, 9.7)")
class PolicyChangeOnEveryNodeTest {

  private static List<AddressOutcome> invite(Invitekit node, RulesFixture f, String address) {
    return ((InviteResult.InviteReport) node.invitations().invite(InviteRequest.members(f.adaId(), f.acmeId(), address)))
        .outcomes();
  }

  @Test
  @DisplayName("A2: two nodes, limit 2 an hour; node A saw the window full; the admin raises it to 100; node A invites "
      + "at once")
  void raisedLimitAppliesOnANodeThatSawTheWindowFull_A2_issue9_2() {
    RulesFixture f = new RulesFixture();
    f.createAcme();
    Invitekit nodeA = f.anotherNode(b -> {});
    Invitekit nodeB = f.anotherNode(b -> {});
    f.updateAcmePolicy(p -> p.withRateLimits(2, p.invitesPerAccountPerDay(), p.resendsPerInvitationPerDay()));
    f.advance(Duration.ofHours(1));
    assertThat(invite(nodeA, f, "a1@acme.com").get(0)).isInstanceOf(AddressOutcome.Invited.class);
    assertThat(invite(nodeA, f, "a2@acme.com").get(0)).isInstanceOf(AddressOutcome.Invited.class);
    assertThat(invite(nodeA, f, "a3@acme.com").get(0)).isInstanceOf(AddressOutcome.RateLimited.class);

    f.updateAcmePolicy(p -> p.withRateLimits(100, p.invitesPerAccountPerDay(), p.resendsPerInvitationPerDay()));

    assertThat(invite(nodeA, f, "a3@acme.com").get(0)).isInstanceOf(AddressOutcome.Invited.class);
    assertThat(invite(nodeB, f, "a4@acme.com").get(0)).isInstanceOf(AddressOutcome.Invited.class);
    assertThat(invite(nodeA, f, "a5@acme.com, a6@acme.com").get(1)).isInstanceOf(AddressOutcome.Invited.class);
  }

  @Test
  @DisplayName("A2: a lowered limit applies at once as well")
  void loweredLimitAppliesAtOnce_A2_issue9_2() {
    RulesFixture f = new RulesFixture();
    f.createAcme();
    Invitekit nodeA = f.anotherNode(b -> {});
    f.advance(Duration.ofHours(1));
    assertThat(invite(nodeA, f, "a1@acme.com, a2@acme.com").get(1)).isInstanceOf(AddressOutcome.Invited.class);
    f.updateAcmePolicy(p -> p.withRateLimits(2, p.invitesPerAccountPerDay(), p.resendsPerInvitationPerDay()));
    assertThat(invite(nodeA, f, "a3@acme.com").get(0)).isInstanceOf(AddressOutcome.RateLimited.class);
  }

  private static InviteLink link(Invitekit node, RulesFixture f) {
    return ((LinkAccess.Available) node.links().current(f.adaId(), f.acmeId())).link();
  }

  @Test
  @DisplayName("L1: a lower use limit in the policy applies to the current link at once, on every node")
  void lowerUseLimitAppliesToTheCurrentLink_L1_issue9_7() {
    RulesFixture f = new RulesFixture();
    f.createAcme();
    Invitekit nodeB = f.anotherNode(b -> {});
    InviteLink before = link(f.kit, f);
    String token = RecordingMailbox.tokenOf(before.url());
    assertThat(before.useLimit()).isNull();
    assertThat(f.kit.links().redeem(Token.of(token), "carl@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);

    f.updateAcmePolicy(p -> p.withLinkLimits(p.linkLifetime(), 2));

    InviteLink after = link(nodeB, f);
    assertThat(after.id()).isEqualTo(before.id());
    assertThat(after.useLimit()).isEqualTo(2);
    assertThat(nodeB.links().redeem(Token.of(token), "dora@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
    assertThat(f.kit.links().redeem(Token.of(token), "erin@acme.com"))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.USE_LIMIT_REACHED));
  }

  @Test
  @DisplayName("L1: a shorter lifetime in the policy applies to the current link at once")
  void shorterLifetimeAppliesToTheCurrentLink_L1_issue9_7() {
    RulesFixture f = new RulesFixture();
    f.createAcme();
    InviteLink before = link(f.kit, f);
    String token = RecordingMailbox.tokenOf(before.url());
    f.advance(Duration.ofDays(3));

    f.updateAcmePolicy(p -> p.withLinkLimits(Duration.ofDays(2), p.linkUseLimit()));

    assertThat(f.kit.links().redeem(Token.of(token), "carl@acme.com"))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.LINK_EXPIRED));
    InviteLink replaced = link(f.kit, f);
    assertThat(replaced.id()).as("an expired link is replaced when asked for").isNotEqualTo(before.id());
    assertThat(replaced.expiresAt()).isEqualTo(RulesFixture.START.plus(Duration.ofDays(5)));
  }
}
