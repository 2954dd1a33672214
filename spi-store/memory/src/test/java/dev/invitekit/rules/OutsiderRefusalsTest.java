package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.PolicyChange;
import dev.invitekit.id.UserId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** U7 (found by the outside review of issue 8): a refusal to an outsider names nobody and nothing. */
@DisplayName("Refusals to outsiders reveal nothing (U7)")
class OutsiderRefusalsTest {
  private final RulesFixture f = new RulesFixture();

  @Test
  @DisplayName("U7: an outsider changing the policy is refused as a non-member, without the account's name or "
      + "its admins, exactly as for an account that does not exist")
  void outsiderChangingThePolicyLearnsNothing_U7_issue8_review() {
    f.createAcme();
    UserId outsider = UserId.random();

    PolicyChange acme = f.kit.accounts().updatePolicy(outsider, f.acmeId(), InvitePolicy.defaults());
    PolicyChange nowhere = f.kit.accounts().updatePolicy(outsider, AccountId.random(), InvitePolicy.defaults());

    assertThat(acme).isInstanceOfSatisfying(PolicyChange.NotAllowed.class, n -> {
      assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.NOT_A_MEMBER);
      assertThat(n.refusal().adminsToContact()).isEmpty();
      assertThat(n.refusal().message()).doesNotContain("Acme");
    });
    assertThat(acme).isEqualTo(nowhere);
  }
}
