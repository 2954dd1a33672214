package dev.invitekit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.mail.MailTemplates;
import dev.invitekit.spi.store.Store;
import dev.invitekit.store.memory.InMemoryStore;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Attack harness: a kit over the in-memory store and a recording mailbox, with overridable templates. */
final class ReviewKit implements AutoCloseable {
  static final Instant NOW = Instant.parse("2025-03-10T09:00:00Z");
  static final String PASSWORD = "correct horse battery staple, 7 violet kiwis";
  static final LocalDate ADULT = LocalDate.of(1990, 5, 17);

  final Map<String, String> templates = new ConcurrentHashMap<>();
  final RecordingMailbox mail;
  final Store store;
  final Invitekit kit;
  UserId ada;
  AccountId acc;

  ReviewKit() {
    this("Acme", UnaryOperator.identity());
  }

  ReviewKit(String accountName, UnaryOperator<Invitekit.Builder> custom) {
    this(accountName, "Ada", custom, new InMemoryStore(), new RecordingMailbox(), true);
  }

  ReviewKit(String accountName, String firstName, UnaryOperator<Invitekit.Builder> custom, Store store,
      RecordingMailbox mail, boolean createAccount) {
    this.store = store;
    this.mail = mail;
    MailTemplates source = (key, locale) -> templates.get(key);
    Invitekit.Builder b = Invitekit.builder().store(store).mail(mail).baseUrl(URI.create("https://app.example.com"))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).passwordHashing(PasswordHashing.insecureFastForTestsOnly())
        .manualMailDispatch().outboxKey(new byte[32]).mailTemplates(source);
    kit = custom.apply(b).build();
    if (createAccount) {
      String email = "ada@acme.com";
      AccountCreation creation = kit.accounts().create(new NewAccount(accountName, Plan.PRO_PLUS, List.of("acme.com"),
          50, Locale.ENGLISH, email, firstName, "Founder", ADULT, Password.of(PASSWORD), Password.of(PASSWORD)));
      assertThat(creation).isInstanceOf(AccountCreation.ConfirmationSent.class);
      FounderConfirmation c = kit.accounts().confirmFounder(
          Token.of(RecordingMailbox.tokenOf(mail.lastLink(email).orElseThrow())), Password.of(PASSWORD));
      assertThat(c).isInstanceOf(FounderConfirmation.Confirmed.class);
      ada = ((FounderConfirmation.Confirmed) c).founder().id();
      acc = ((FounderConfirmation.Confirmed) c).account().id();
    }
  }

  InviteResult invite(String email) {
    return kit.invitations().inviteByEmail(ada, acc, email);
  }

  MailMessage last(String email) {
    return mail.last(email).orElseThrow();
  }

  @Override
  public void close() {
    kit.close();
  }
}
