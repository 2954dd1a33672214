package dev.invitekit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.spi.store.Store;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The starter tests' only use of Invitekit's use cases: an account and an invitation, to see events, meters
 * and the store at work. Kept in one place so a change of the core API touches one file here.
 */
final class Acme {
  static final String PASSWORD = "correct horse battery staple, 7 violet kiwis";

  private Acme() {}

  /**
   * Creates a Pro+ account for acme.com, founded by ada@acme.com, who confirms her address through the
   * context's kit (A3). The confirmation mail is sent by a second node on the same store, with a mailbox of
   * its own, so the context's mail sender and meters see only what the test does after.
   */
  static FounderConfirmation.Confirmed create(Invitekit kit, Store store) {
    RecordingMailbox mailbox = new RecordingMailbox();
    try (Invitekit founding = Invitekit.builder().store(store).mail(mailbox)
        .baseUrl(URI.create("https://app.example.com")).passwordHashing(PasswordHashing.insecureFastForTestsOnly())
        .manualMailDispatch().build()) {
      AccountCreation creation = founding.accounts().create(new NewAccount("Acme", Plan.PRO_PLUS,
          List.of("acme.com"), 2, Locale.ENGLISH, "ada@acme.com", "Ada", "Admin", LocalDate.of(1990, 5, 17),
          Password.of(PASSWORD), Password.of(PASSWORD)));
      assertThat(creation).isInstanceOf(AccountCreation.ConfirmationSent.class);
    }
    FounderConfirmation confirmation = kit.accounts()
        .confirmFounder(Token.of(RecordingMailbox.tokenOf(mailbox.lastLink("ada@acme.com").orElseThrow())), Password.of(PASSWORD));
    assertThat(confirmation).isInstanceOf(FounderConfirmation.Confirmed.class);
    return (FounderConfirmation.Confirmed) confirmation;
  }

  /** The founder invites {@code address} by email. */
  static InviteResult invite(Invitekit kit, FounderConfirmation.Confirmed acme, String address) {
    InviteResult result = kit.invitations().inviteByEmail(acme.founder().id(), acme.account().id(), address);
    assertThat(result).isInstanceOf(InviteResult.InviteReport.class);
    return result;
  }
}
