package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Token;
import dev.invitekit.account.Account;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.InvitePolicy.GuestInviters;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.account.PolicyChange;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.link.InviteLink;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.link.ShareResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.member.MemberChange;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.Store;
import dev.invitekit.store.tck.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The links-and-limits fixes of issue 8 (items 2, 3, 6, 10, 14) and issue 9 (items 2, 7) through the facade
 * on the JDBC store, with two Invitekit nodes on one database: the counters, the link's use count and its
 * limits live in the store. Subclassed for H2 and PostgreSQL.
 */
abstract class LinksAndLimitsKit {
  static final Instant START = Instant.parse("2025-03-10T09:00:00Z");
  static final String PASSWORD = "correct horse battery staple, 7 violet kiwis";
  static final LocalDate ADULT = LocalDate.of(1990, 5, 17);
  static final String JUNK = "A".repeat(43);

  /** A fresh, migrated store. */
  abstract Store newStore();

  /** Drops it. */
  abstract void close(Store store);

  private Store store;
  private final RecordingMailbox mailbox = new RecordingMailbox();
  private final MutableClock clock = new MutableClock(START);
  private Invitekit nodeA;
  private Invitekit nodeB;
  private AccountId acme;
  private UserId ada;
  private UserId bob;

  private Invitekit node() {
    return Invitekit.builder().store(store).mail(mailbox).baseUrl(URI.create("https://app.example.com"))
        .clock(clock).passwordHashing(PasswordHashing.insecureFastForTestsOnly())
        .tokenAttemptLimits(5, 50, Duration.ofHours(1)).build();
  }

  @BeforeEach
  void acmeWithAdaAndBobOnTwoNodes() {
    store = newStore();
    nodeA = node();
    nodeB = node();
    assertThat(nodeA.accounts().create(new NewAccount("Acme", Plan.PRO_PLUS, List.of("acme.com"), 2,
        Locale.ENGLISH, "ada@acme.com", "Ada", "Admin", ADULT, Password.of(PASSWORD), Password.of(PASSWORD))))
        .isInstanceOf(AccountCreation.ConfirmationSent.class);
    FounderConfirmation.Confirmed created = (FounderConfirmation.Confirmed) nodeA.accounts()
        .confirmFounder(Token.of(token("ada@acme.com")), Password.of(PASSWORD));
    acme = created.account().id();
    ada = created.founder().id();
    nodeA.invitations().inviteByEmail(ada, acme, "bob@acme.com");
    bob = ((SignupResult.Joined) nodeB.signup().createAccount(signup(token("bob@acme.com"), "Bob", "Stone"))).user().id();
    mailbox.clear();
  }

  @AfterEach
  void dropStore() {
    close(store);
  }

  private String token(String address) {
    return RecordingMailbox.tokenOf(mailbox.lastLink(address).orElseThrow());
  }

  private static SignupRequest signup(String token, String first, String last) {
    return new SignupRequest(Token.of(token), ADULT, first, last, Password.of(PASSWORD), Password.of(PASSWORD));
  }

  private void policy(UnaryOperator<InvitePolicy> change) {
    Account now = store.inTransaction(tx -> tx.accounts().find(acme)).orElseThrow();
    assertThat(nodeA.accounts().updatePolicy(ada, acme, change.apply(now.policy()))).isInstanceOf(PolicyChange.Changed.class);
  }

  private InviteLink link(Invitekit node, UserId member) {
    return ((LinkAccess.Available) node.links().current(member, acme)).link();
  }

  private List<AddressOutcome> invite(Invitekit node, UserId inviter, String addresses) {
    return ((InviteResult.InviteReport) node.invitations().inviteByEmail(inviter, acme, addresses)).outcomes();
  }

  @Test
  @DisplayName("V6.3: junk from more client keys than the global cap allows, then a valid token still works at once")
  void junkFloodNeverLocksOutAValidToken_V6_3_issue8_2() {
    invite(nodeA, ada, "carl@acme.com");
    String token = token("carl@acme.com");
    String linkToken = RecordingMailbox.tokenOf(link(nodeA, ada).url());
    for (int i = 0; i < 60; i++) {
      (i % 2 == 0 ? nodeA : nodeB).signup().preview(Token.of(JUNK), "junk-" + i);
    }
    assertThat(nodeA.signup().preview(Token.of(token), "carls-laptop")).isInstanceOf(PreviewResult.Valid.class);
    assertThat(nodeB.links().redeem(Token.of(linkToken), "dora@acme.com", "doras-phone")).isInstanceOf(Redemption.CheckYourEmail.class);
    assertThat(nodeB.signup().createAccount(signup(token, "Carl", "Lind"), "carls-laptop"))
        .isInstanceOf(SignupResult.Joined.class);
    assertThat(nodeA.signup().preview(Token.of(JUNK), "junk-61")).isEqualTo(
        new PreviewResult.Unusable(dev.invitekit.signup.TokenStatus.TOO_MANY_ATTEMPTS));
  }

  @Test
  @DisplayName("A2, L2: shares on two nodes draw on one per-recipient limit; the fourth is rate-limited for that recipient")
  void shareByEmailRespectsThePerRecipientLimit_A2_L2_issue8_3() {
    for (int i = 0; i < 3; i++) {
      assertThat(((ShareResult.Shared) (i % 2 == 0 ? nodeA : nodeB).links().share(bob, acme, "t@example.org", true))
          .rateLimited()).isEmpty();
    }
    ShareResult.Shared fourth = (ShareResult.Shared) nodeB.links().share(bob, acme, "t@example.org", true);
    assertThat(fourth.rateLimited()).containsOnlyKeys(EmailAddress.parse("t@example.org"));
    assertThat(mailbox.to("t@example.org").stream().filter(m -> m.kind() == MailMessage.Kind.LINK_SHARE)).hasSize(3);
  }

  @Test
  @DisplayName("U5, L1, U6: no guest through a co-worker's link when guest invites are admins-only; no re-send without permission")
  void oneDecisionForLinkAndResend_U5_U6_L1_issue8_6_issue8_10() {
    policy(p -> p.withGuestInviters(GuestInviters.ADMINS_ONLY).withLinksAdmitGuests(true));
    String linkToken = RecordingMailbox.tokenOf(link(nodeA, bob).url());
    assertThat(nodeB.links().redeem(Token.of(linkToken), "pat@outside.org"))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.NOT_A_COMPANY_ADDRESS));
    AddressOutcome.Invited carl = (AddressOutcome.Invited) invite(nodeA, bob, "carl@acme.com").get(0);
    assertThat(nodeA.members().setInvitePermission(ada, acme, bob, false)).isInstanceOf(MemberChange.Changed.class);
    mailbox.clear();
    InvitationChange resent = nodeB.invitations().resend(bob, acme, carl.invitationId());
    assertThat(resent).isInstanceOf(InvitationChange.NotAllowed.class);
    assertThat(((InvitationChange.NotAllowed) resent).refusal().reason()).isEqualTo(Refusal.Reason.INVITE_PERMISSION_DISABLED);
    assertThat(mailbox.count()).isZero();
  }

  @Test
  @DisplayName("L3: with one use left, a member's redemption uses it as a stranger's would")
  void memberAndStrangerUseUpTheLinkAlike_L3_issue8_14() {
    policy(p -> p.withLinkLimits(p.linkLifetime(), 1));
    String linkToken = RecordingMailbox.tokenOf(link(nodeA, ada).url());
    assertThat(nodeA.links().redeem(Token.of(linkToken), "bob@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
    assertThat(nodeB.links().redeem(Token.of(linkToken), "zed@acme.com"))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.USE_LIMIT_REACHED));
    assertThat(link(nodeB, ada).uses()).isEqualTo(1);
  }

  @Test
  @DisplayName("A2: node A saw the window full at limit 2; the admin raises it to 100; node A invites at once")
  void raisedLimitAppliesOnANodeThatSawTheWindowFull_A2_issue9_2() {
    policy(p -> p.withRateLimits(2, p.invitesPerAccountPerDay(), p.resendsPerInvitationPerDay()));
    clock.advance(Duration.ofHours(1));
    assertThat(invite(nodeA, ada, "a1@acme.com, a2@acme.com, a3@acme.com").get(2)).isInstanceOf(AddressOutcome.RateLimited.class);
    policy(p -> p.withRateLimits(100, p.invitesPerAccountPerDay(), p.resendsPerInvitationPerDay()));
    assertThat(invite(nodeA, ada, "a3@acme.com").get(0)).isInstanceOf(AddressOutcome.Invited.class);
  }

  @Test
  @DisplayName("L1: a lower use limit and a shorter lifetime in the policy apply to the current link at once")
  void policyLinkLimitsApplyToTheCurrentLink_L1_issue9_7() {
    InviteLink before = link(nodeA, ada);
    String linkToken = RecordingMailbox.tokenOf(before.url());
    assertThat(nodeA.links().redeem(Token.of(linkToken), "carl@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
    policy(p -> p.withLinkLimits(p.linkLifetime(), 2));
    assertThat(link(nodeB, ada).useLimit()).isEqualTo(2);
    assertThat(nodeB.links().redeem(Token.of(linkToken), "dora@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
    assertThat(nodeA.links().redeem(Token.of(linkToken), "erin@acme.com"))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.USE_LIMIT_REACHED));
    clock.advance(Duration.ofDays(3));
    policy(p -> p.withLinkLimits(Duration.ofDays(2), null));
    assertThat(nodeB.links().redeem(Token.of(linkToken), "erin@acme.com"))
        .isEqualTo(new Redemption.Refused(Redemption.Reason.LINK_EXPIRED));
  }
}
