package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.secret.Password;
import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Token;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.member.SignInResult;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.mail.MailMessage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A3, U1 (issue 8 item 1): a founder proves the address by mail before the identity or the account can be
 * used; an unproven identity never blocks the address's real owner, and expires.
 */
@DisplayName("Founders prove their address by mail (A3, U1)")
class FounderVerificationTest {
  private static final String VICTIM = "ceo@victim.com";
  private static final String SQUATTER_PASSWORD = "the squatter's own passphrase, 42 ravens";
  private static final String OWNER_PASSWORD = "the real owner's passphrase, 9 quiet lakes";

  private final RulesFixture f = new RulesFixture();

  @BeforeEach
  void acme() {
    f.createAcme();
  }

  private static NewAccount victimCorp(String password) {
    return new NewAccount("Victim Corp", Plan.PRO, List.of("victim.com"), 0, Locale.ENGLISH, VICTIM, "Vera", "Chief",
        RulesFixture.ADULT_BIRTH_DATE, Password.of(password), Password.of(password));
  }

  private AccountCreation.ConfirmationSent created(NewAccount request) {
    AccountCreation creation = f.kit.accounts().create(request);
    assertThat(creation).isInstanceOf(AccountCreation.ConfirmationSent.class);
    return (AccountCreation.ConfirmationSent) creation;
  }

  /** The account id of the last confirmation sent, from its event (the answer to create holds none). */
  private AccountId lastUnconfirmedAccount() {
    List<InvitekitEvent.FounderConfirmationSent> sent = f.events(InvitekitEvent.FounderConfirmationSent.class);
    return sent.get(sent.size() - 1).accountId();
  }

  @Test
  @DisplayName("A3/U1: a squatter who founds an account as someone else's address cannot sign in with it, and "
      + "the address's owner still signs up from an invitation; the squatter's password never works")
  void squatterCannotLockOutTheRealOwner_A3_issue8_1() {
    created(victimCorp(SQUATTER_PASSWORD));
    assertThat(f.kit.users().signIn(VICTIM, Password.of(SQUATTER_PASSWORD))).as("the squatter, before any confirmation")
        .isInstanceOf(SignInResult.Unconfirmed.class);
    assertThat(f.userExists(VICTIM)).as("an unproven identity takes no address").isFalse();

    // A real account invites the address; its owner signs up from the mailed invitation.
    assertThat(f.invite(f.adaId(), VICTIM).outcomes()).singleElement()
        .isInstanceOf(dev.invitekit.invite.AddressOutcome.Invited.class);
    SignupResult owner = f.kit.signup().createAccount(new SignupRequest(Token.of(f.tokenFor(VICTIM)),
        RulesFixture.ADULT_BIRTH_DATE, "Vera", "Chief", Password.of(OWNER_PASSWORD), Password.of(OWNER_PASSWORD)));
    assertThat(owner).isInstanceOf(SignupResult.Joined.class);

    assertThat(f.kit.users().signIn(VICTIM, Password.of(OWNER_PASSWORD))).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(f.kit.users().signIn(VICTIM, Password.of(SQUATTER_PASSWORD))).isInstanceOf(SignInResult.Refused.class);
    // Even the squatter's confirmation link, clicked by the owner, never makes a second identity nor lets the
    // squatter's password in: it founds the account with the owner's own identity and password.
    String squattersToken = f.founderConfirmationToken(VICTIM);
    assertThat(f.kit.accounts().confirmFounder(Token.of(squattersToken), Password.of(OWNER_PASSWORD))).isInstanceOfSatisfying(
        FounderConfirmation.Confirmed.class, c -> assertThat(c.founder()).isEqualTo(((SignupResult.Joined) owner).user()));
    assertThat(f.kit.users().signIn(VICTIM, Password.of(SQUATTER_PASSWORD))).isInstanceOf(SignInResult.Refused.class);
    assertThat(f.kit.users().signIn(VICTIM, Password.of(OWNER_PASSWORD))).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("A3: the address's owner founds their own account although a squatter's sign-up is waiting")
  void ownerFoundsTheirOwnAccountDespiteASquatter_A3_issue8_1() {
    created(victimCorp(SQUATTER_PASSWORD));
    String squattersToken = f.founderConfirmationToken(VICTIM);
    created(victimCorp(OWNER_PASSWORD));
    String ownersToken = f.founderConfirmationToken(VICTIM);
    assertThat(ownersToken).isNotEqualTo(squattersToken);

    FounderConfirmation confirmed = f.kit.accounts().confirmFounder(Token.of(ownersToken), Password.of(OWNER_PASSWORD));
    assertThat(confirmed).isInstanceOf(FounderConfirmation.Confirmed.class);
    FounderConfirmation.Confirmed owner = (FounderConfirmation.Confirmed) confirmed;
    assertThat(f.kit.users().signIn(VICTIM, Password.of(OWNER_PASSWORD))).isEqualTo(new SignInResult.SignedIn(owner.founder()));
    assertThat(f.kit.users().signIn(VICTIM, Password.of(SQUATTER_PASSWORD))).isInstanceOf(SignInResult.Refused.class);
    // A second click, on the squatter's link, founds that account with the owner's identity; never another.
    assertThat(f.kit.accounts().confirmFounder(Token.of(squattersToken), Password.of(OWNER_PASSWORD))).isInstanceOfSatisfying(
        FounderConfirmation.Confirmed.class, c -> assertThat(c.founder()).isEqualTo(owner.founder()));
    assertThat(f.kit.users().signIn(VICTIM, Password.of(SQUATTER_PASSWORD))).isInstanceOf(SignInResult.Refused.class);
    assertThat(f.kit.members().list(owner.founder().id(), owner.account().id())).singleElement()
        .satisfies(m -> assertThat(m.userId()).isEqualTo(owner.founder().id()));
  }

  @Test
  @DisplayName("A3: until confirmed the account has no member and refuses every use; the mailed link confirms "
      + "it once, and the founder signs in as its admin")
  void confirmationMakesIdentityAndAccountUsable_A3_issue8_1() {
    AccountCreation.ConfirmationSent sent = created(victimCorp(OWNER_PASSWORD));
    assertThat(sent.founderEmail().toString()).isEqualTo(VICTIM);
    assertThat(sent.expiresAt()).isEqualTo(RulesFixture.START.plus(Duration.ofHours(24)));
    AccountId victimCorp = lastUnconfirmedAccount();
    assertThat(f.kit.trusted().members(victimCorp)).isEmpty();
    InviteResult refused = f.kit.invitations().inviteByEmail(UserId.random(), victimCorp, "someone@victim.com");
    assertThat(refused).isInstanceOfSatisfying(InviteResult.NotPermitted.class,
        n -> assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.NOT_A_MEMBER));

    MailMessage mail = f.mailbox.last(VICTIM).orElseThrow();
    assertThat(mail.kind()).isEqualTo(MailMessage.Kind.FOUNDER_CONFIRMATION);
    assertThat(mail.subject()).contains("Victim Corp");
    assertThat(String.valueOf(mail.actionUrl())).startsWith("https://app.example.com/confirm-founder/");
    String token = RecordingMailbox.tokenOf(mail.actionUrl());
    assertThat(sent.toString()).doesNotContain(token);

    FounderConfirmation confirmation = f.kit.accounts().confirmFounder(Token.of(token), Password.of(OWNER_PASSWORD));
    assertThat(confirmation).isInstanceOf(FounderConfirmation.Confirmed.class);
    FounderConfirmation.Confirmed confirmed = (FounderConfirmation.Confirmed) confirmation;
    assertThat(confirmed.account().id()).isEqualTo(victimCorp);
    assertThat(f.kit.users().signIn(VICTIM, Password.of(OWNER_PASSWORD))).isEqualTo(new SignInResult.SignedIn(confirmed.founder()));
    assertThat(f.kit.trusted().members(victimCorp)).singleElement()
        .satisfies(m -> assertThat(m.role()).isEqualTo(dev.invitekit.member.Role.ADMIN));
    assertThat(f.kit.invitations().inviteByEmail(confirmed.founder().id(), victimCorp, "ann@victim.com"))
        .isInstanceOf(InviteResult.InviteReport.class);

    assertThat(f.kit.accounts().confirmFounder(Token.of(token), Password.of(OWNER_PASSWORD)))
        .isEqualTo(new FounderConfirmation.Unusable(FounderConfirmation.Status.ALREADY_USED));
    // Input from outside gets a typed answer: malformed and hostile tokens are UNKNOWN, never an exception (§5).
    for (String hostile : List.of("not-a-token", "", "\u0000\r\n", "\uD800" + token, "a".repeat(100_000))) {
      assertThat(f.kit.accounts().confirmFounder(Token.of(hostile), Password.of(OWNER_PASSWORD)))
          .isEqualTo(new FounderConfirmation.Unusable(FounderConfirmation.Status.UNKNOWN));
    }
    String altered = token.substring(1) + (token.charAt(0) == 'A' ? 'B' : 'A');
    assertThat(f.kit.accounts().confirmFounder(Token.of(altered), Password.of(OWNER_PASSWORD)))
        .isEqualTo(new FounderConfirmation.Unusable(FounderConfirmation.Status.UNKNOWN));

    // E1: the new state changes are events, and none carries the token or the address.
    assertThat(f.events(InvitekitEvent.FounderConfirmationSent.class)).last()
        .satisfies(e -> assertThat(e.accountId()).isEqualTo(victimCorp));
    assertThat(f.events(InvitekitEvent.AccountCreated.class)).last()
        .isEqualTo(new InvitekitEvent.AccountCreated(RulesFixture.START, victimCorp, confirmed.founder().id()));
    assertThat(f.events()).allSatisfy(e -> assertThat(e.toJson() + e).doesNotContain(token));
  }

  @Test
  @DisplayName("A3: an unconfirmed sign-up expires after 24 hours: its link answers EXPIRED, its password "
      + "signs in nowhere, and a week later it is discarded with its account")
  void unconfirmedSignupExpires_A3_issue8_1() {
    created(victimCorp(SQUATTER_PASSWORD));
    AccountId victimCorp = lastUnconfirmedAccount();
    String token = f.founderConfirmationToken(VICTIM);
    f.advance(Duration.ofHours(24));
    assertThat(f.kit.users().signIn(VICTIM, Password.of(SQUATTER_PASSWORD))).isInstanceOf(SignInResult.Refused.class);
    assertThat(f.kit.accounts().confirmFounder(Token.of(token), Password.of(OWNER_PASSWORD)))
        .isEqualTo(new FounderConfirmation.Unusable(FounderConfirmation.Status.EXPIRED));

    f.advance(Duration.ofDays(7));
    created(victimCorp(OWNER_PASSWORD));   // any creation sweeps what expired a week ago
    assertThat(f.kit.trusted().account(victimCorp)).isEmpty();
    assertThat(f.kit.accounts().confirmFounder(Token.of(token), Password.of(OWNER_PASSWORD)))
        .isEqualTo(new FounderConfirmation.Unusable(FounderConfirmation.Status.UNKNOWN));
    assertThat(f.kit.accounts().confirmFounder(Token.of(f.founderConfirmationToken(VICTIM)), Password.of(OWNER_PASSWORD)))
        .isInstanceOf(FounderConfirmation.Confirmed.class);
  }

  @Test
  @DisplayName("A3: the confirmation lifetime is the app's to set, and the mail is localized")
  void lifetimeIsConfigurableAndMailLocalized_A3_issue8_1() {
    RulesFixture other = new RulesFixture(b -> b.founderConfirmationLifetime(Duration.ofHours(2)));
    NewAccount german = new NewAccount("Opfer GmbH", Plan.PRO, List.of("victim.com"), 0, Locale.GERMAN, VICTIM, "Vera",
        "Chief", RulesFixture.ADULT_BIRTH_DATE, Password.of(OWNER_PASSWORD), Password.of(OWNER_PASSWORD));
    AccountCreation creation = other.kit.accounts().create(german);
    assertThat(creation).isInstanceOfSatisfying(AccountCreation.ConfirmationSent.class,
        s -> assertThat(s.expiresAt()).isEqualTo(RulesFixture.START.plus(Duration.ofHours(2))));
    assertThat(other.mailbox.last(VICTIM).orElseThrow().subject()).startsWith("Bestätigen");
    other.advance(Duration.ofHours(2));
    assertThat(other.kit.accounts().confirmFounder(Token.of(other.founderConfirmationToken(VICTIM)), Password.of(OWNER_PASSWORD)))
        .isEqualTo(new FounderConfirmation.Unusable(FounderConfirmation.Status.EXPIRED));
  }

  @Test
  @DisplayName("A3: account creation cannot flood an address: a fourth confirmation mail in a day is refused")
  void confirmationMailsAreRateLimited_A3_issue8_1() {
    for (int i = 0; i < 3; i++) {
      created(victimCorp(SQUATTER_PASSWORD));
    }
    int mails = f.mailbox.to(VICTIM).size();
    assertThat(f.kit.accounts().create(victimCorp(SQUATTER_PASSWORD))).isInstanceOf(AccountCreation.RateLimited.class);
    assertThat(f.mailbox.to(VICTIM)).hasSize(mails);
  }

  @Test
  @DisplayName("A3: of concurrent confirmations with one token, exactly one creates the founder")
  void concurrentConfirmationsConfirmOnce_A3_issue8_1() throws Exception {
    created(victimCorp(OWNER_PASSWORD));
    String token = f.founderConfirmationToken(VICTIM);
    AtomicInteger confirmed = new AtomicInteger();
    List<Thread> threads = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      threads.add(new Thread(() -> {
        if (f.kit.accounts().confirmFounder(Token.of(token), Password.of(OWNER_PASSWORD)) instanceof FounderConfirmation.Confirmed) {
          confirmed.incrementAndGet();
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(confirmed).hasValue(1);
    assertThat(f.events(InvitekitEvent.AccountCreated.class)).hasSize(2);   // Acme's and this one
  }

  @Test
  @DisplayName("A3/U1: creating an account answers and mails the same whether or not the address has an "
      + "identity; its owner confirms with that identity, whose password stays")
  void creatingAnAccountTellsNobodyWhetherTheAddressHasAnIdentity_A3_issue8_1() {
    // Ada (ada@acme.com) has an identity; nobody has one for vic@acme.com.
    AccountCreation forAda = f.kit.accounts().create(new NewAccount("Ada's Side Project", Plan.PRO,
        List.of("acme.com"), 0, Locale.ENGLISH, "ada@acme.com", "Ada", "Admin", RulesFixture.ADULT_BIRTH_DATE,
        Password.of(SQUATTER_PASSWORD), Password.of(SQUATTER_PASSWORD)));
    AccountCreation forNobody = f.kit.accounts().create(new NewAccount("Vic's Project", Plan.PRO,
        List.of("acme.com"), 0, Locale.ENGLISH, "vic@acme.com", "Vic", "Nobody", RulesFixture.ADULT_BIRTH_DATE,
        Password.of(SQUATTER_PASSWORD), Password.of(SQUATTER_PASSWORD)));
    assertThat(forAda).isInstanceOf(AccountCreation.ConfirmationSent.class);
    assertThat(forNobody).isInstanceOf(AccountCreation.ConfirmationSent.class);
    assertThat(f.kit.users().signIn("ada@acme.com", Password.of(SQUATTER_PASSWORD))).isInstanceOf(SignInResult.Refused.class);

    FounderConfirmation confirmed = f.kit.accounts().confirmFounder(Token.of(f.founderConfirmationToken("ada@acme.com")),
        Password.of(RulesFixture.PASSWORD));
    assertThat(confirmed).isInstanceOfSatisfying(FounderConfirmation.Confirmed.class, c -> {
      assertThat(c.founder().id()).isEqualTo(f.adaId());
      assertThat(f.kit.members().list(f.adaId(), c.account().id())).singleElement()
          .satisfies(m -> assertThat(m.userId()).isEqualTo(f.adaId()));
    });
    assertThat(f.kit.users().signIn("ada@acme.com", Password.of(SQUATTER_PASSWORD))).isInstanceOf(SignInResult.Refused.class);
    assertThat(f.kit.users().signIn("ada@acme.com", Password.of(RulesFixture.PASSWORD))).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("A3/U1: a sign-up someone else made for your address cannot be confirmed into an identity with "
      + "their password: the link needs the password chosen with it, and the owner founds their own account")
  void strangerCannotConfirmASignupMadeForTheirAddress_A3_issue8_1() {
    created(victimCorp(SQUATTER_PASSWORD));          // Mallory founds "Victim Corp" as ceo@victim.com
    String squattersToken = f.founderConfirmationToken(VICTIM);

    // Vera, the address's owner, follows the link she did not ask for and types her own password.
    assertThat(f.kit.accounts().confirmFounder(Token.of(squattersToken), Password.of(OWNER_PASSWORD)))
        .isInstanceOf(FounderConfirmation.WrongPassword.class);
    assertThat(f.userExists(VICTIM)).as("no identity with a stranger's password").isFalse();
    assertThat(f.kit.users().signIn(VICTIM, Password.of(SQUATTER_PASSWORD))).isNotInstanceOf(SignInResult.SignedIn.class);

    // Vera founds her own account and confirms it; Mallory's sign-up never becomes usable by Mallory.
    created(victimCorp(OWNER_PASSWORD));
    FounderConfirmation mine = f.kit.accounts().confirmFounder(Token.of(f.founderConfirmationToken(VICTIM)), Password.of(OWNER_PASSWORD));
    assertThat(mine).isInstanceOf(FounderConfirmation.Confirmed.class);
    assertThat(f.kit.accounts().confirmFounder(Token.of(squattersToken), Password.of(SQUATTER_PASSWORD)))
        .isInstanceOf(FounderConfirmation.WrongPassword.class);
    assertThat(f.kit.users().signIn(VICTIM, Password.of(SQUATTER_PASSWORD))).isInstanceOf(SignInResult.Refused.class);
    assertThat(f.kit.users().signIn(VICTIM, Password.of(OWNER_PASSWORD))).isInstanceOf(SignInResult.SignedIn.class);
  }
}
