package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.link.ShareResult;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.mail.MailMessage;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 item 3 (A2, L2, I4): sharing the link by email goes through the same per-inviter, per-account
 * and per-recipient limits as inviting, in the store's counters, so every node enforces one limit.
 */
@DisplayName("Share by email is rate-limited like inviting (A2, L2; issue 8.3)")
class ShareRateLimitTest {
  private RulesFixture f;
  private Invitekit nodeB;
  private AccountId acme;
  private UserId bob;

  @BeforeEach
  void acmeWithBob() {
    f = new RulesFixture();
    f.createAcme();
    acme = f.acmeId();
    bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user().id();
    nodeB = f.anotherNode(b -> {});
    f.mailbox.clear();
  }

  private ShareResult.Shared share(Invitekit node, String to) {
    return (ShareResult.Shared) node.links().share(bob, acme, to, true);
  }

  private long shares(String to) {
    return f.mailbox.to(to).stream().filter(m -> m.kind() == MailMessage.Kind.LINK_SHARE).count();
  }

  @Test
  @DisplayName("A2: the per-recipient daily limit (3) holds for shares across two nodes; the fourth is a typed "
      + "rate-limited outcome for that recipient, and nothing is sent to it")
  void shareByEmailRespectsThePerRecipientLimit_A2_L2_issue8_3() {
    for (int i = 0; i < 3; i++) {
      assertThat(share(i % 2 == 0 ? f.kit : nodeB, "target@example.org").rateLimited()).isEmpty();
    }
    ShareResult.Shared fourth = share(nodeB, "target@example.org; other@example.org");

    EmailAddress target = EmailAddress.parse("target@example.org");
    assertThat(fourth.rateLimited()).containsOnlyKeys(target);
    assertThat(fourth.rateLimited().get(target)).isPositive().isLessThanOrEqualTo(Duration.ofDays(1));
    assertThat(fourth.deliveries()).containsOnlyKeys(EmailAddress.parse("other@example.org"));
    assertThat(shares("target@example.org")).isEqualTo(3);
    assertThat(shares("other@example.org")).isEqualTo(1);
  }

  @Test
  @DisplayName("A2: shares and invitations draw on one per-inviter hourly allowance")
  void shareByEmailRespectsThePerInviterLimit_A2_L2_issue8_3() {
    f.updateAcmePolicy(p -> p.withRateLimits(5, p.invitesPerAccountPerDay(), p.resendsPerInvitationPerDay()));
    f.advance(Duration.ofHours(1));   // a fresh hourly window for Bob
    f.invite(bob, "carl@acme.com, dora@acme.com");
    ShareResult.Shared shared = share(nodeB, "a@example.org, b@example.org, c@example.org, d@example.org");

    assertThat(shared.deliveries()).hasSize(3);
    assertThat(shared.rateLimited()).containsOnlyKeys(EmailAddress.parse("d@example.org"));
    assertThat(f.invite(bob, "erin@acme.com").outcomes().get(0)).isInstanceOf(AddressOutcome.RateLimited.class);
    // 50 calls of 25 addresses: never more than the allowance.
    for (int i = 0; i < 50; i++) {
      f.kit.links().share(bob, acme, "x" + i + "@example.org", true);
    }
    assertThat(f.mailbox.all().stream().filter(m -> m.kind() == MailMessage.Kind.LINK_SHARE).count()).isEqualTo(3);
  }
}
