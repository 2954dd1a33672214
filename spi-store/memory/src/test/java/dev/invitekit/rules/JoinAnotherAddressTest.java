package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Token;
import dev.invitekit.member.User;
import dev.invitekit.signup.SignupResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** S6 (issue 9 item 9): joining with an identity whose address is not the invited one says so. */
@DisplayName("Joining with another address's invitation (S6)")
class JoinAnotherAddressTest {
  private final RulesFixture f = new RulesFixture();

  @Test
  @DisplayName("S6: an identity joining with an invitation for another address is told the invitation is for "
      + "another address, without naming it, and nothing changes")
  void joinWithAnotherAddressIsToldTheInvitationIsForAnotherAddress_S6_issue9_9() {
    f.createAcme();
    User gina = f.createProAccount("Globex", "globex.com", "gina@globex.com", "Gina", "Ginger").founder();
    f.invite(f.adaId(), "bob@acme.com");
    String token = f.tokenFor("bob@acme.com");

    SignupResult result = f.kit.signup().join(Token.of(token), gina.id());

    assertThat(result).isInstanceOfSatisfying(SignupResult.NotAllowed.class, n -> {
      assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.INVITATION_FOR_ANOTHER_ADDRESS);
      assertThat(n.refusal().message()).contains("another email address").doesNotContain("bob@acme.com");
    });
    assertThat(f.kit.trusted().membership(f.acmeId(), gina.id())).isEmpty();
    // The invitation is untouched: its owner still signs up with it.
    assertThat(f.signUp("bob@acme.com", "Bob", "Stone")).isNotNull();
  }
}
