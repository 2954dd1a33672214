package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Token;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.LinkJoins;
import dev.invitekit.link.Redemption;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.id.UserId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 9 item 12 (L1, U6, U7): who joined through the link, or a typed refusal, never an empty list. */
@DisplayName("Link joins: a typed refusal for those who may not see them (L1; issue 9.12)")
class LinkJoinsRefusalTest {

  @Test
  @DisplayName("L1, U6: a co-worker asking who joined through the link is refused, naming the admins; an admin sees them")
  void joinsByACoworkerIsATypedRefusal_L1_issue9_12() {
    RulesFixture f = new RulesFixture();
    f.createAcme();
    UserId bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user().id();
    String token = RecordingMailbox.tokenOf(((LinkAccess.Available) f.kit.links().current(bob, f.acmeId())).link().url());
    assertThat(f.kit.links().redeem(Token.of(token), "carl@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
    UserId carl = f.signUp("carl@acme.com", "Carl", "Lind").user().id();

    LinkJoins byBob = f.kit.links().joins(bob, f.acmeId());
    LinkJoins byStranger = f.kit.links().joins(UserId.random(), f.acmeId());
    LinkJoins byAda = f.kit.links().joins(f.adaId(), f.acmeId());

    assertThat(byBob).isInstanceOf(LinkJoins.NotAllowed.class);
    Refusal refusal = ((LinkJoins.NotAllowed) byBob).refusal();
    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY);
    assertThat(refusal.adminsToContact()).extracting(a -> a.email().toString()).containsExactly("ada@acme.com");
    assertThat(byStranger).isInstanceOf(LinkJoins.NotAllowed.class);
    assertThat(((LinkJoins.NotAllowed) byStranger).refusal().reason()).isEqualTo(Refusal.Reason.NOT_A_MEMBER);
    assertThat(byAda).isInstanceOf(LinkJoins.Listed.class);
    assertThat(((LinkJoins.Listed) byAda).joins()).singleElement().satisfies(j -> assertThat(j.userId()).isEqualTo(carl));
  }
}
