package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.Invitekit;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.mail.MailSender;
import dev.invitekit.store.tck.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Outside review (round 7), kept as a regression test: a delivery round once recorded all its deliveries at its
 * first mail's instant (E1: found by the review, fixed in MailDispatcher). Invitation#updatedAt is
 * documented as "when its state, token or delivery last changed": a change made while the round is still
 * sending must not be followed by an updatedAt older than it.
 */
class RoundInstantReviewTest {
  static final Instant NOW = Instant.parse("2025-03-10T09:00:00Z");
  static final String PW = "correct horse battery staple, 7 violet kiwis";
  private HikariDataSource pool;

  @AfterEach
  void stop() {
    TestDatabases.shutDownH2(pool);
  }

  @Test
  @DisplayName("updatedAt: a revoke made while the round sends is not pre-dated by the round's delivery record")
  void revokeDuringTheRoundKeepsUpdatedAtAtTheRevoke() throws Exception {
    pool = TestDatabases.freshH2(4);
    JdbcStore store = JdbcStore.builder(pool).build();
    store.migrate();
    MutableClock clock = new MutableClock(NOW);
    RecordingMailbox mailbox = new RecordingMailbox();
    AtomicReference<Runnable> onSecond = new AtomicReference<>();
    List<InvitekitEvent> events = new CopyOnWriteArrayList<>();
    MailSender sender = message -> {
      DeliveryResult r = mailbox.send(message);
      if (message.to().toString().equals("cy@acme.com")) {
        clock.advance(Duration.ofMinutes(1));   // a slow SMTP server
        Runnable hook = onSecond.getAndSet(null);
        if (hook != null) {
          Thread t = new Thread(hook);        // another request, on another thread
          t.start();
          try {
            t.join();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }
      }
      return r;
    };
    Invitekit kit = Invitekit.builder().store(store).mail(sender).baseUrl(URI.create("https://app.example.com"))
        .clock(clock).passwordHashing(PasswordHashing.insecureFastForTestsOnly()).manualMailDispatch()
        .addListener(events::add).build();
    Password password = Password.of(PW);
    AccountCreation creation = kit.accounts().create(new NewAccount("Acme", Plan.PRO_PLUS, List.of("acme.com"), 5,
        Locale.ENGLISH, "ada@acme.com", "Ada", "Admin", LocalDate.of(1990, 5, 17), password, password));
    assertThat(creation).isInstanceOf(AccountCreation.ConfirmationSent.class);
    FounderConfirmation.Confirmed acme = (FounderConfirmation.Confirmed) kit.accounts().confirmFounder(
        Token.of(RecordingMailbox.tokenOf(mailbox.lastLink("ada@acme.com").orElseThrow())), password);
    var admin = acme.founder().id();
    var account = acme.account().id();

    // cy's invitation is revoked by another request while the server is still accepting cy's mail
    onSecond.set(() -> {
      var cy = kit.invitations().list(admin, account).stream()
          .filter(i -> i.email().toString().equals("cy@acme.com")).findFirst().orElseThrow();
      kit.invitations().revoke(admin, account, cy.id());
    });
    InviteResult result = kit.invitations().inviteByEmail(admin, account, "bo@acme.com, cy@acme.com");
    assertThat(((InviteResult.InviteReport) result).outcomes()).allMatch(AddressOutcome.Invited.class::isInstance);

    Invitation cy = kit.invitations().list(admin, account).stream()
        .filter(i -> i.email().toString().equals("cy@acme.com")).findFirst().orElseThrow();
    InvitekitEvent.InvitationRevoked revoked = events.stream()
        .filter(InvitekitEvent.InvitationRevoked.class::isInstance).map(InvitekitEvent.InvitationRevoked.class::cast)
        .findFirst().orElseThrow();
    assertThat(cy.state()).isEqualTo(InvitationState.REVOKED);
    System.out.println("cy: " + cy.state() + " delivery=" + cy.delivery() + " updatedAt=" + cy.updatedAt()
        + " revokedAt=" + revoked.occurredAt());
    // "updatedAt: when its state, token or delivery last changed": never before its last state change
    assertThat(cy.updatedAt()).isAfterOrEqualTo(revoked.occurredAt());
  }
}
