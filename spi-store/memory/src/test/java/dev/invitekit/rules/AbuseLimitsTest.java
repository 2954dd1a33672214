package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Token;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.signup.TokenStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Abuse limits (A2, SPEC §5, issue 5), kept in the store's counters: two Invitekit instances on one
 * store, as two nodes of one app, share every limit exactly.
 */
@DisplayName("Abuse limits shared by every node on one store (A2, §5)")
class AbuseLimitsTest {
  private static final String BAD_TOKEN = "B".repeat(43);

  private final RulesFixture f = new RulesFixture(b -> b.tokenAttemptLimits(5, 8, Duration.ofHours(1)));
  private Invitekit nodeB;

  @BeforeEach
  void acme() {
    f.createAcme();
    nodeB = f.anotherNode(b -> b.tokenAttemptLimits(5, 8, Duration.ofHours(1)));
  }

  private AddressOutcome inviteOn(Invitekit node, UserId inviter, String address) {
    return RulesFixture.report(node.invitations().invite(InviteRequest.members(inviter, f.acmeId(), address)))
        .outcomes().get(0);
  }

  @Nested
  @DisplayName("Invitation limits")
  class Invitations {

    @Test
    @DisplayName("A2: the per-inviter hourly limit counts invitations from both nodes together")
    void perInviterAcrossNodes() {
      f.updateAcmePolicy(p -> p.withRateLimits(3, 1000, 3));
      assertThat(inviteOn(f.kit, f.adaId(), "a1@acme.com")).isInstanceOf(AddressOutcome.Invited.class);
      assertThat(inviteOn(nodeB, f.adaId(), "a2@acme.com")).isInstanceOf(AddressOutcome.Invited.class);
      assertThat(inviteOn(f.kit, f.adaId(), "a3@acme.com")).isInstanceOf(AddressOutcome.Invited.class);

      assertThat(inviteOn(nodeB, f.adaId(), "a4@acme.com")).isInstanceOf(AddressOutcome.RateLimited.class);
      assertThat(inviteOn(f.kit, f.adaId(), "a5@acme.com")).isInstanceOf(AddressOutcome.RateLimited.class);
      assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).hasSize(3);
    }

    @Test
    @DisplayName("A2: the per-account daily limit counts every inviter on every node")
    void perAccountAcrossNodesAndInviters() {
      UserId bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user().id();
      f.updateAcmePolicy(p -> p.withRateLimits(100, 3, 3));   // Bob's invitation took one already

      assertThat(inviteOn(nodeB, bob, "b1@acme.com")).isInstanceOf(AddressOutcome.Invited.class);
      assertThat(inviteOn(f.kit, f.adaId(), "b2@acme.com")).isInstanceOf(AddressOutcome.Invited.class);
      assertThat(inviteOn(nodeB, f.adaId(), "b3@acme.com")).isInstanceOf(AddressOutcome.RateLimited.class);
      assertThat(inviteOn(f.kit, bob, "b4@acme.com")).isInstanceOf(AddressOutcome.RateLimited.class);
    }

    @Test
    @DisplayName("A2: one address gets at most invitesPerRecipientPerDay new invitations a day, whoever sends them "
        + "and on whichever node; the next day it can be invited again")
    void perRecipient() {
      for (int i = 0; i < 3; i++) {
        Invitekit node = i % 2 == 0 ? f.kit : nodeB;
        AddressOutcome.Invited invited = (AddressOutcome.Invited) inviteOn(node, f.adaId(), "carl@acme.com");
        assertThat(node.invitations().revoke(f.adaId(), f.acmeId(), invited.invitationId()))
            .isInstanceOf(InvitationChange.Changed.class);
      }
      AddressOutcome fourth = inviteOn(nodeB, f.adaId(), "carl@acme.com");
      assertThat(fourth).isInstanceOf(AddressOutcome.RateLimited.class);
      assertThat(f.mailbox.to("carl@acme.com")).hasSize(3);
      // Other addresses are not affected.
      assertThat(inviteOn(f.kit, f.adaId(), "dan@acme.com")).isInstanceOf(AddressOutcome.Invited.class);

      f.advance(((AddressOutcome.RateLimited) fourth).retryAfter());
      assertThat(inviteOn(f.kit, f.adaId(), "carl@acme.com")).isInstanceOf(AddressOutcome.Invited.class);
    }

    @Test
    @DisplayName("A2/L3: a link mails one address at most invitesPerRecipientPerDay times a day, and the visitor gets "
        + "the same answer every time")
    void perRecipientThroughTheLink() {
      String token = linkToken();
      List<Redemption> answers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        answers.add((i % 2 == 0 ? f.kit : nodeB).links().redeem(Token.of(token), "erin@acme.com"));
      }
      assertThat(answers).containsOnly(answers.get(0)).first().isInstanceOf(Redemption.CheckYourEmail.class);
      assertThat(f.mailbox.to("erin@acme.com")).hasSize(3);
      // Ada is a member: she is told so at most as often, under the same answer.
      for (int i = 0; i < 6; i++) {
        assertThat(nodeB.links().redeem(Token.of(token), RulesFixture.ADA_EMAIL)).isEqualTo(answers.get(0));
      }
      assertThat(f.mailbox.to(RulesFixture.ADA_EMAIL).stream()
          .filter(m -> m.kind() == dev.invitekit.spi.mail.MailMessage.Kind.ALREADY_MEMBER)).hasSize(3);
    }

    @Test
    @DisplayName("A2/L3: link redemptions on both nodes take the link's own hourly allowance (as many as a member's); "
        + "past it the visitor gets the same answer, no invitation and no mail; the creator's own invites are not "
        + "limited, and a rotated link starts a new hour (reviews 16, 17)")
    void redemptionsTakeTheLinksHourlyAllowance() {
      f.updateAcmePolicy(p -> p.withRateLimits(4, 1000, 3));
      String token = linkToken();
      List<Redemption> answers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        answers.add((i % 2 == 0 ? f.kit : nodeB).links().redeem(Token.of(token), "visitor" + i + "@acme.com"));
      }
      assertThat(answers).containsOnly(answers.get(0)).first().isInstanceOf(Redemption.CheckYourEmail.class);
      assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).hasSize(4);
      assertThat(f.mailbox.to("visitor4@acme.com")).isEmpty();
      assertThat(f.mailbox.to("visitor5@acme.com")).isEmpty();
      assertThat(inviteOn(f.kit, f.adaId(), "direct@acme.com")).isInstanceOf(AddressOutcome.Invited.class);

      LinkAccess.Available rotated = (LinkAccess.Available) f.kit.links().rotate(f.adaId(), f.acmeId());
      String fresh = dev.invitekit.mail.memory.RecordingMailbox.tokenOf(rotated.link().url());
      assertThat(nodeB.links().redeem(Token.of(fresh), "visitor6@acme.com")).isEqualTo(answers.get(0));
      assertThat(f.mailbox.to("visitor6@acme.com")).hasSize(1);
    }

    @Test
    @DisplayName("A2/L3: link redemptions count against the account's daily limit with every other inviter's "
        + "invitations, under the same answer")
    void redemptionsTakeTheAccountsDailyAllowance() {
      UserId bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user().id();
      f.updateAcmePolicy(p -> p.withRateLimits(100, 4, 3));   // Bob's invitation took one already
      String token = linkToken();
      Redemption first = nodeB.links().redeem(Token.of(token), "v1@acme.com");
      Redemption second = f.kit.links().redeem(Token.of(token), "v2@acme.com");
      assertThat(inviteOn(nodeB, bob, "b1@acme.com")).isInstanceOf(AddressOutcome.Invited.class);
      Redemption over = f.kit.links().redeem(Token.of(token), "v3@acme.com");

      assertThat(List.of(first, second, over)).containsOnly(first).first().isInstanceOf(Redemption.CheckYourEmail.class);
      assertThat(f.mailbox.to("v3@acme.com")).isEmpty();
      assertThat(inviteOn(f.kit, bob, "b2@acme.com")).isInstanceOf(AddressOutcome.RateLimited.class);
    }

    @Test
    @DisplayName("A2: the per-inviter limit holds when both nodes invite at the same moment from many threads")
    void concurrentInvitesOnTwoNodes() throws Exception {
      f.updateAcmePolicy(p -> p.withRateLimits(10, 1000, 3));
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch start = new CountDownLatch(1);
      Map<Class<?>, AtomicInteger> counted = new ConcurrentHashMap<>();
      List<Future<?>> futures = new ArrayList<>();
      try {
        for (int t = 0; t < 8; t++) {
          Invitekit node = t % 2 == 0 ? f.kit : nodeB;
          int thread = t;
          futures.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < 5; i++) {
              AddressOutcome o = inviteOn(node, f.adaId(), "t" + thread + "-" + i + "@acme.com");
              counted.computeIfAbsent(o.getClass(), k -> new AtomicInteger()).incrementAndGet();
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> future : futures) {
          future.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(counted.get(AddressOutcome.Invited.class)).hasValue(10);
      assertThat(counted.get(AddressOutcome.RateLimited.class)).hasValue(30);
      assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).hasSize(10);
    }

    @Test
    @DisplayName("A2: a per-recipient limit below 1 is refused, naming the setting")
    void perRecipientValidated() {
      assertThatThrownBy(() -> InvitePolicy.defaults().withInvitesPerRecipientPerDay(0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invites per recipient per day");
      assertThat(InvitePolicy.defaults().invitesPerRecipientPerDay()).isEqualTo(3);
    }
  }

  private String linkToken() {
    LinkAccess.Available link = (LinkAccess.Available) f.kit.links().current(f.adaId(), f.acmeId());
    return dev.invitekit.mail.memory.RecordingMailbox.tokenOf(link.link().url());
  }

  @Nested
  @DisplayName("Token-verification attempts (§5)")
  class TokenAttempts {

    @Test
    @DisplayName("§5: unknown and malformed tokens count per client key across both nodes and every entry point; "
        + "past the limit the answer is TOO_MANY_ATTEMPTS, until the window ends")
    void perClient() {
      String client = "203.0.113.7";
      assertThat(f.kit.signup().preview(Token.of(BAD_TOKEN), client)).isEqualTo(new PreviewResult.Unusable(TokenStatus.UNKNOWN));
      assertThat(nodeB.signup().decline(Token.of("not a token"), client)).isEqualTo(new PreviewResult.Unusable(TokenStatus.UNKNOWN));
      assertThat(f.kit.signup().createAccount(RulesFixture.signupRequest(BAD_TOKEN, "Ann", "Lee"), client))
          .isEqualTo(new SignupResult.Unusable(TokenStatus.UNKNOWN));
      assertThat(nodeB.signup().join(Token.of(BAD_TOKEN), f.adaId(), client)).isEqualTo(new SignupResult.Unusable(TokenStatus.UNKNOWN));
      assertThat(f.kit.links().redeem(Token.of(BAD_TOKEN), "ann@acme.com", client))
          .isEqualTo(new Redemption.Refused(Redemption.Reason.UNKNOWN_LINK));

      assertThat(nodeB.signup().preview(Token.of(BAD_TOKEN), client))
          .isEqualTo(new PreviewResult.Unusable(TokenStatus.TOO_MANY_ATTEMPTS));
      assertThat(f.kit.links().redeem(Token.of(BAD_TOKEN), "ann@acme.com", client))
          .isEqualTo(new Redemption.Refused(Redemption.Reason.TOO_MANY_ATTEMPTS));

      // Another client is not affected.
      assertThat(nodeB.signup().preview(Token.of(BAD_TOKEN), "198.51.100.9")).isEqualTo(new PreviewResult.Unusable(TokenStatus.UNKNOWN));

      f.advance(Duration.ofHours(1));
      assertThat(f.kit.signup().preview(Token.of(BAD_TOKEN), client)).isEqualTo(new PreviewResult.Unusable(TokenStatus.UNKNOWN));
    }

    @Test
    @DisplayName("§5: a known token is not a miss: previewing a real invitation again and again is never limited")
    void knownTokensDoNotCount() {
      f.invite(f.adaId(), "bob@acme.com");
      String token = f.tokenFor("bob@acme.com");
      for (int i = 0; i < 20; i++) {
        assertThat((i % 2 == 0 ? f.kit : nodeB).signup().preview(Token.of(token), "203.0.113.7"))
            .isInstanceOf(PreviewResult.Valid.class);
      }
    }

    @Test
    @DisplayName("§5: the global cap counts misses of every client, and of callers without a client key, on both "
        + "nodes; while it is reached misses answer TOO_MANY_ATTEMPTS, but a real token still works (issue 8.2)")
    void globalCap() {
      f.invite(f.adaId(), "bob@acme.com");
      String token = f.tokenFor("bob@acme.com");
      for (int i = 0; i < 8; i++) {
        Invitekit node = i % 2 == 0 ? f.kit : nodeB;
        assertThat(node.signup().preview(Token.of(BAD_TOKEN), i < 4 ? "client-" + i : null))
            .isEqualTo(new PreviewResult.Unusable(TokenStatus.UNKNOWN));
      }
      assertThat(nodeB.signup().preview(Token.of(BAD_TOKEN), "fresh-client"))
          .isEqualTo(new PreviewResult.Unusable(TokenStatus.TOO_MANY_ATTEMPTS));
      assertThat(f.kit.signup().preview(Token.of(token))).isInstanceOf(PreviewResult.Valid.class);
      f.advance(Duration.ofHours(1));
      assertThat(nodeB.signup().preview(Token.of(BAD_TOKEN), "fresh-client")).isEqualTo(new PreviewResult.Unusable(TokenStatus.UNKNOWN));
    }

    @Test
    @DisplayName("§5: the limits are validated when configured, naming the setting")
    void validated() {
      assertThatThrownBy(() -> Invitekit.builder().tokenAttemptLimits(0, 10, Duration.ofHours(1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per client");
      assertThatThrownBy(() -> Invitekit.builder().tokenAttemptLimits(10, 5, Duration.ofHours(1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("global");
      assertThatThrownBy(() -> Invitekit.builder().tokenAttemptLimits(10, 50, Duration.ofDays(2)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    }
  }

}
