package dev.invitekit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.store.memory.InMemoryStore;
import dev.invitekit.store.tck.MutableClock;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** Outside-review harness: a kit on a FaultStore over the in-memory store, a FlakyMail, a mutable clock. */
final class FaultKit implements AutoCloseable {
  static final Instant NOW = Instant.parse("2025-03-10T09:00:00Z");
  static final String PASSWORD = "correct horse battery staple, 7 violet kiwis";
  static final LocalDate ADULT = LocalDate.of(1990, 5, 17);

  final FaultStore store = new FaultStore(new InMemoryStore());
  final FlakyMail mail = new FlakyMail();
  final MutableClock clock = new MutableClock(NOW);
  final List<InvitekitEvent> events = new CopyOnWriteArrayList<>();
  final Invitekit kit;
  UserId ada;
  AccountId acc;

  FaultKit() {
    kit = Invitekit.builder().store(store).mail(mail).baseUrl(URI.create("https://app.example.com")).clock(clock)
        .passwordHashing(PasswordHashing.insecureFastForTestsOnly()).manualMailDispatch().outboxKey(new byte[32])
        .addListener(events::add).build();
    RecordingMailbox box = mail.delivered;
    String email = "ada@acme.com";
    AccountCreation creation = kit.accounts().create(new NewAccount("Acme", Plan.PRO_PLUS, List.of("acme.com"), 5,
        Locale.ENGLISH, email, "Ada", "Founder", ADULT, Password.of(PASSWORD), Password.of(PASSWORD)));
    assertThat(creation).isInstanceOf(AccountCreation.ConfirmationSent.class);
    FounderConfirmation c = kit.accounts().confirmFounder(
        Token.of(RecordingMailbox.tokenOf(box.lastLink(email).orElseThrow())), Password.of(PASSWORD));
    assertThat(c).isInstanceOf(FounderConfirmation.Confirmed.class);
    ada = ((FounderConfirmation.Confirmed) c).founder().id();
    acc = ((FounderConfirmation.Confirmed) c).account().id();
  }

  void invite(String email) {
    InviteResult r = kit.invitations().inviteByEmail(ada, acc, email);
    assertThat(((InviteResult.InviteReport) r).outcomes()).singleElement().isInstanceOf(AddressOutcome.Invited.class);
  }

  String token(String email) {
    return RecordingMailbox.tokenOf(mail.delivered.lastLink(email).orElseThrow());
  }

  UserId join(String email, String first, String last) {
    invite(email);
    SignupResult s = kit.signup().createAccount(signup(token(email), first, last));
    assertThat(s).isInstanceOf(SignupResult.Joined.class);
    return ((SignupResult.Joined) s).user().id();
  }

  static SignupRequest signup(String token, String first, String last) {
    return new SignupRequest(Token.of(token), ADULT, first, last, Password.of(PASSWORD), Password.of(PASSWORD));
  }

  long mails(MailMessage.Kind kind, String to) {
    return mail.accepted(kind, to);
  }

  /** Arms the store from the next unit of work on. */
  FaultStore arm() {
    store.units.set(0);
    store.calls.clear();
    return store;
  }

  void drainOutbox() {
    for (int i = 0; i < 8; i++) {
      clock.advance(java.time.Duration.ofMinutes(31));
      kit.mail().dispatchDue();
    }
  }

  @Override
  public void close() {
    kit.close();
  }
}
