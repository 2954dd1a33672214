package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.account.Account;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.account.PolicyChange;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.event.EventListener;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.store.memory.InMemoryStore;
import dev.invitekit.store.tck.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One Invitekit wired for behaviour tests of the SPEC rules: a fresh {@link InMemoryStore}, a
 * {@link RecordingMailbox}, base URL {@code https://app.example.com}, a {@link MutableClock} starting at
 * {@link #START}, the test-only fast password hashing, and a listener recording every event.
 *
 * <p>{@link #createAcme()} creates the account most tests use: Acme, {@code PRO_PLUS} with 2 seats,
 * company domain {@code acme.com}, founded by Ada Admin ({@code ada@acme.com}). Then
 * {@link #inviteAndSignUp(UserId, String, String, String)} brings people in through the real flow: an
 * invitation, the token from the mailed link, and a sign-up.
 *
 * <p>Test people's names must not appear inside {@link #PASSWORD} (S4 refuses a password that contains
 * the person's name or the email's local part): avoid names such as "Cor", "Bat" or "Vio".
 */
final class RulesFixture {
  /** When every test starts: a Monday morning, UTC. */
  static final Instant START = Instant.parse("2025-03-10T09:00:00Z");
  /** The app's base URL; invitation links are {@code https://app.example.com/invitations/<token>} (I6). */
  static final URI BASE_URL = URI.create("https://app.example.com");
  /**
   * A password every test person may use (S4): long enough, not common, and free of their names.
   * "correct horse battery staple" alone is on nbvcxz's common-password list, hence the tail.
   */
  static final String PASSWORD = "correct horse battery staple, 7 violet kiwis";
  /** A date of birth well over 16 on {@link #START} (S2). */
  static final LocalDate ADULT_BIRTH_DATE = LocalDate.of(1990, 5, 17);
  /** Acme's company domain. */
  static final String ACME_DOMAIN = "acme.com";
  /** Acme's founder and first admin. */
  static final String ADA_EMAIL = "ada@acme.com";

  /** The outbox key every node of the fixture shares (test-only: a real one comes from a secret store). */
  static final byte[] OUTBOX_KEY = new byte[32];

  private static final Set<MailMessage.Kind> KINDS_WITH_TOKEN =
      EnumSet.of(MailMessage.Kind.INVITATION, MailMessage.Kind.REMINDER, MailMessage.Kind.LINK_VERIFICATION);

  final InMemoryStore store;
  final RecordingMailbox mailbox;
  final MutableClock clock;
  final Invitekit kit;
  private final List<InvitekitEvent> events = new CopyOnWriteArrayList<>();
  /** Where the founding node's mail goes: founders' confirmations (A3), kept apart from {@link #mailbox}. */
  final RecordingMailbox foundingMailbox = new RecordingMailbox();
  private Invitekit foundingNode;   // built on first use
  private Account acme;
  private User ada;

  /** A fixture with the default settings. */
  RulesFixture() {
    this(builder -> {});
  }

  /**
   * A fixture whose builder is adjusted by {@code settings} after the defaults (a listener added here
   * comes after the fixture's event recorder).
   */
  RulesFixture(Consumer<Invitekit.Builder> settings) {
    this.store = new InMemoryStore();
    this.mailbox = new RecordingMailbox();
    this.clock = new MutableClock(START);
    Invitekit.Builder builder = builder().addListener(events::add);
    settings.accept(builder);
    this.kit = builder.build();
  }

  /**
   * A builder on this fixture's store, mailbox, clock and hashing, without the event recorder: for a second
   * node sharing the same store (C3), or a kit with other settings.
   */
  Invitekit.Builder builder() {
    // Tests drive retries themselves (kit.mail().dispatchDue()), so no scheduler thread sends mail behind a
    // test's back.
    return scheduledBuilder().manualMailDispatch();
  }

  /** {@link #builder()} with Invitekit's own dispatch scheduler, for the tests of scheduling itself. */
  Invitekit.Builder scheduledBuilder() {
    return Invitekit.builder()
        .store(store)
        .mail(mailbox)
        .baseUrl(BASE_URL)
        .clock(clock)
        .passwordHashing(PasswordHashing.insecureFastForTestsOnly())
        // Nodes of one app share the outbox key.
        .outboxKey(OUTBOX_KEY);
  }

  /** A second Invitekit on the same store, mailbox and clock, as another node of the same app would be. */
  Invitekit anotherNode(Consumer<Invitekit.Builder> settings) {
    Invitekit.Builder builder = builder();
    settings.accept(builder);
    return builder.build();
  }

  // ---- accounts

  /** The founding request for Acme: PRO_PLUS, 2 seats, acme.com, founder Ada Admin. */
  static NewAccount acmeRequest() {
    return new NewAccount("Acme", Plan.PRO_PLUS, List.of(ACME_DOMAIN), 2, Locale.ENGLISH, ADA_EMAIL, "Ada", "Admin",
        ADULT_BIRTH_DATE, Password.of(PASSWORD), Password.of(PASSWORD));
  }

  /**
   * Creates Acme (see {@link #acmeRequest()}), confirms Ada through her mailed link (A3), and remembers it for
   * {@link #acme()} and {@link #ada()}.
   */
  FounderConfirmation.Confirmed createAcme() {
    FounderConfirmation.Confirmed created = createAccount(acmeRequest());
    this.acme = created.account();
    this.ada = created.founder();
    return created;
  }

  /**
   * Creates an account that must be valid and confirms its founder through the mailed link, as the founder
   * would (A3); fails the test otherwise. It runs on a founding node of this fixture's store and clock whose
   * mail goes to {@link #foundingMailbox}, so the confirmation is read whatever mail sender a test gives
   * {@link #kit}, and tests count only the mail their own steps send; its events are recorded like
   * {@link #kit}'s.
   */
  FounderConfirmation.Confirmed createAccount(NewAccount request) {
    return found(foundingNode(), foundingMailbox, request);
  }

  /**
   * Creates Acme through {@link #kit} itself, reading Ada's confirmation from {@link #mailbox}: for tests of
   * what {@link #kit} publishes or sends while an account is founded.
   */
  FounderConfirmation.Confirmed createAcmeThroughKit() {
    FounderConfirmation.Confirmed created = found(kit, mailbox, acmeRequest());
    this.acme = created.account();
    this.ada = created.founder();
    return created;
  }

  private static FounderConfirmation.Confirmed found(Invitekit node, RecordingMailbox mail, NewAccount request) {
    AccountCreation creation = node.accounts().create(request);
    assertThat(creation).as("creating %s", request.name()).isInstanceOf(AccountCreation.ConfirmationSent.class);
    FounderConfirmation confirmation = node.accounts().confirmFounder(Token.of(RecordingMailbox.tokenOf(
        mail.lastLink(request.founderEmail()).orElseThrow())), request.password());
    assertThat(confirmation).as("confirming %s", request.founderEmail())
        .isInstanceOf(FounderConfirmation.Confirmed.class);
    return (FounderConfirmation.Confirmed) confirmation;
  }

  private Invitekit foundingNode() {
    if (foundingNode == null) {
      foundingNode = builder().mail(foundingMailbox).addListener(events::add).build();
    }
    return foundingNode;
  }

  /** The token of the last founder confirmation {@link #kit} mailed to {@code address} (A3); fails if none. */
  String founderConfirmationToken(String address) {
    List<MailMessage> to = mailbox.to(address);
    for (int i = to.size() - 1; i >= 0; i--) {
      MailMessage message = to.get(i);
      if (message.kind() == MailMessage.Kind.FOUNDER_CONFIRMATION && message.actionUrl() != null) {
        return RecordingMailbox.tokenOf(message.actionUrl());
      }
    }
    throw new AssertionError("no founder confirmation was mailed to " + address);
  }

  /** A PRO account with one company domain, founded by the given person. */
  FounderConfirmation.Confirmed createProAccount(String name, String domain, String founderEmail, String first, String last) {
    return createAccount(new NewAccount(name, Plan.PRO, List.of(domain), 0, Locale.ENGLISH, founderEmail, first, last,
        ADULT_BIRTH_DATE, Password.of(PASSWORD), Password.of(PASSWORD)));
  }

  /** Acme, as created (its policy as of creation: read it again through the facade after changes). */
  Account acme() {
    return Objects.requireNonNull(acme, "call createAcme() first");
  }

  AccountId acmeId() {
    return acme().id();
  }

  /** Ada Admin, Acme's founder. */
  User ada() {
    return Objects.requireNonNull(ada, "call createAcme() first");
  }

  UserId adaId() {
    return ada().id();
  }

  /** Changes Acme's policy as Ada; fails the test if refused. Returns the updated account. */
  Account updateAcmePolicy(UnaryOperator<InvitePolicy> change) {
    Account current = kit.trusted().account(acmeId()).orElseThrow();
    PolicyChange result = kit.accounts().updatePolicy(adaId(), acmeId(), change.apply(current.policy()));
    assertThat(result).isInstanceOf(PolicyChange.Changed.class);
    return ((PolicyChange.Changed) result).account();
  }

  // ---- invitations and sign-up

  /** Invites the addresses to Acme as members; fails the test unless a report comes back. */
  InviteResult.InviteReport invite(UserId inviterId, String addresses) {
    return report(kit.invitations().invite(InviteRequest.members(inviterId, acmeId(), addresses)));
  }

  /** The result must be a report; returns it. */
  static InviteResult.InviteReport report(InviteResult result) {
    assertThat(result).isInstanceOf(InviteResult.InviteReport.class);
    return (InviteResult.InviteReport) result;
  }

  /**
   * The link of the last invitation, reminder or link verification mailed to {@code address}: the link
   * that carries a token (a welcome mail's sign-in link does not).
   */
  Optional<URI> lastTokenLink(String address) {
    List<MailMessage> to = mailbox.to(address);
    for (int i = to.size() - 1; i >= 0; i--) {
      MailMessage message = to.get(i);
      if (KINDS_WITH_TOKEN.contains(message.kind()) && message.actionUrl() != null) {
        return Optional.of(message.actionUrl());
      }
    }
    return Optional.empty();
  }

  /** The token of the last link mailed to {@code address} that carries one; fails if none. */
  String tokenFor(String address) {
    return RecordingMailbox.tokenOf(lastTokenLink(address)
        .orElseThrow(() -> new AssertionError("no invitation link was mailed to " + address)));
  }

  /** A valid sign-up form for the token: an adult, {@link #PASSWORD} typed twice. */
  static SignupRequest signupRequest(String token, String first, String last) {
    return new SignupRequest(Token.of(token), ADULT_BIRTH_DATE, first, last, Password.of(PASSWORD), Password.of(PASSWORD));
  }

  /** Signs up with the token last mailed to {@code address}; fails the test unless the person joined. */
  SignupResult.Joined signUp(String address, String first, String last) {
    SignupResult result = kit.signup().createAccount(signupRequest(tokenFor(address), first, last));
    assertThat(result).as("signing up %s", address).isInstanceOf(SignupResult.Joined.class);
    return (SignupResult.Joined) result;
  }

  /** Invites one address to Acme and signs it up through the mailed link; returns the new member. */
  SignupResult.Joined inviteAndSignUp(UserId inviterId, String address, String first, String last) {
    InviteResult.InviteReport report = invite(inviterId, address);
    assertThat(report.outcomes()).as("inviting %s", address).singleElement()
        .isInstanceOf(dev.invitekit.invite.AddressOutcome.Invited.class);
    return signUp(address, first, last);
  }

  /** The stored form of an invitation, token digest included, read straight from the store (I5). */
  StoredInvitation stored(InvitationId id) {
    return store.inTransaction(tx -> tx.invitations().find(id)).orElseThrow();
  }

  /** Whether any user (identity, U1) has this address, read straight from the store. */
  boolean userExists(String email) {
    EmailAddress address = EmailAddress.parse(email);
    Optional<StoredUser> user = store.inTransaction(tx -> tx.users().findByEmail(address));
    return user.isPresent();
  }

  // ---- events

  /** Every event published so far, in order. */
  List<InvitekitEvent> events() {
    return List.copyOf(events);
  }

  /** The events of one type published so far, in order. */
  <T extends InvitekitEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Forgets the events recorded so far (to look only at what a step publishes). */
  void clearEvents() {
    events.clear();
  }

  /** A listener that records into the given list, for tests that add their own listeners. */
  static EventListener recordingInto(List<InvitekitEvent> into) {
    return into::add;
  }

  /** Moves the clock. */
  void advance(Duration duration) {
    clock.advance(duration);
  }
}
