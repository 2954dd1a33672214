package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.secret.Token;
import dev.invitekit.link.InviteLink;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.mail.memory.RecordingMailbox;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 8 item 14 (L3): the link's use limit tells nobody whether an address is a member. */
@DisplayName("Link use limit: no membership oracle (L3, issue 8.14)")
class LinkUseOracleTest {

  /** Acme with Bob, a link with {@code limit} uses, and the answer and use count after redeeming {@code first}. */
  private record After(Redemption first, Redemption next, int uses) {}

  private After redeemWithOneUseLeft(String first) {
    RulesFixture f = new RulesFixture();
    f.createAcme();
    f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone");
    f.updateAcmePolicy(p -> p.withLinkLimits(p.linkLifetime(), 1));
    Function<LinkAccess, InviteLink> link = a -> ((LinkAccess.Available) a).link();
    String token = RecordingMailbox.tokenOf(link.apply(f.kit.links().current(f.adaId(), f.acmeId())).url());
    Redemption answer = f.kit.links().redeem(Token.of(token), first);
    Redemption next = f.kit.links().redeem(Token.of(token), "zed@acme.com");
    return new After(answer, next, link.apply(f.kit.links().current(f.adaId(), f.acmeId())).uses());
  }

  @Test
  @DisplayName("L3: with one use left, a member's redemption and a stranger's give the same answer and use the use alike")
  void memberAndStrangerUseUpTheLinkAlike_L3_issue8_14() {
    After member = redeemWithOneUseLeft("bob@acme.com");
    After stranger = redeemWithOneUseLeft("carl@acme.com");

    assertThat(member.first()).isEqualTo(stranger.first()).isInstanceOf(Redemption.CheckYourEmail.class);
    assertThat(member.uses()).isEqualTo(stranger.uses()).isEqualTo(1);
    assertThat(member.next()).isEqualTo(stranger.next())
        .isEqualTo(new Redemption.Refused(Redemption.Reason.USE_LIMIT_REACHED));
  }

  @Test
  @DisplayName("L3: an address with a pending invitation uses up the use like a stranger")
  void pendingInviteeUsesUpTheLinkLikeAStranger_L3_issue8_14() {
    RulesFixture f = new RulesFixture();
    f.createAcme();
    f.invite(f.adaId(), "carl@acme.com");
    f.updateAcmePolicy(p -> p.withLinkLimits(p.linkLifetime(), 1));
    String token = RecordingMailbox.tokenOf(((LinkAccess.Available) f.kit.links().current(f.adaId(), f.acmeId()))
        .link().url());
    assertThat(f.kit.links().redeem(Token.of(token), "carl@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
    assertThat(f.kit.links().redeem(Token.of(token), "dora@acme.com"))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.USE_LIMIT_REACHED));
  }
}
