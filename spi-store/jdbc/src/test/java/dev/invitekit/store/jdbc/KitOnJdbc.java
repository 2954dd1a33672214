package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.event.EventListener;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.signup.SignupRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** Invitekit on a JDBC store, for tests that go through the facade: one node of an app. */
final class KitOnJdbc {
  static final Instant NOW = Instant.parse("2025-03-10T09:00:00Z");
  static final String PASSWORD = "correct horse battery staple, 7 violet kiwis";
  static final LocalDate ADULT = LocalDate.of(1990, 5, 17);

  final JdbcStore store;
  final Invitekit kit;
  private final RecordingMailbox mailbox;

  KitOnJdbc(DataSource dataSource, RecordingMailbox mailbox) {
    this(dataSource, mailbox, event -> { });
  }

  /** A node whose committed events also go to {@code listener}. */
  KitOnJdbc(DataSource dataSource, RecordingMailbox mailbox, EventListener listener) {
    this.store = JdbcStore.builder(dataSource).build();
    this.mailbox = mailbox;
    this.kit = Invitekit.builder()
        .store(store)
        .addListener(listener)
        .mail(mailbox)
        .baseUrl(URI.create("https://app.example.com"))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .passwordHashing(PasswordHashing.insecureFastForTestsOnly())
        .build();
  }

  /** Creates a Pro+ account for acme.com with {@code seats} seats, founded by ada@acme.com. */
  FounderConfirmation.Confirmed createAcme(int seats) {
    return createAcme(kit, mailbox, seats);
  }

  /** {@link #createAcme(int)} on any kit whose mail goes to {@code mailbox}. */
  static FounderConfirmation.Confirmed createAcme(Invitekit kit, RecordingMailbox mailbox, int seats) {
    AccountCreation creation = kit.accounts().create(new NewAccount("Acme", Plan.PRO_PLUS, List.of("acme.com"), seats,
        Locale.ENGLISH, "ada@acme.com", "Ada", "Admin", ADULT, Password.of(PASSWORD), Password.of(PASSWORD)));
    assertThat(creation).isInstanceOf(AccountCreation.ConfirmationSent.class);
    // A3: Ada proves the address with the link mailed to her.
    FounderConfirmation confirmation = kit.accounts().confirmFounder(
        Token.of(RecordingMailbox.tokenOf(mailbox.lastLink("ada@acme.com").orElseThrow())), Password.of(PASSWORD));
    assertThat(confirmation).isInstanceOf(FounderConfirmation.Confirmed.class);
    return (FounderConfirmation.Confirmed) confirmation;
  }

  static SignupRequest signup(String token, String first, String last) {
    return new SignupRequest(Token.of(token), ADULT, first, last, Password.of(PASSWORD), Password.of(PASSWORD));
  }
}
