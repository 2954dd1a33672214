package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.Invitekit;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.outbox.MailOutbox;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.StoredInvitation;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The attempt right after an invite commits sends the messages the unit of work composed, without reading
 * the outbox back (MailDispatcher.deliverRecorded); what it cannot record is sent again, never lost (§5).
 */
class DeliveryAfterCommitH2Test {
  private static final Instant NOW = KitOnJdbc.NOW;
  private static final byte[] OUTBOX_KEY = new byte[32];

  static {
    Arrays.fill(OUTBOX_KEY, (byte) 7);
  }

  private HikariDataSource pool;
  private StatementCountingDataSource counting;
  private RecordingMailbox mailbox;

  @BeforeEach
  void start() {
    pool = TestDatabases.freshH2(4);
    counting = new StatementCountingDataSource(pool);
    mailbox = new RecordingMailbox();
  }

  @AfterEach
  void stop() {
    TestDatabases.shutDownH2(pool);
  }

  /** One node of the app on the shared store, its clock at {@code now}, with the app's one outbox key. */
  private Invitekit node(Instant now) {
    JdbcStore store = JdbcStore.builder(counting).build();
    store.migrate();
    return Invitekit.builder()
        .store(store)
        .mail(mailbox)
        .baseUrl(URI.create("https://app.example.com"))
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .passwordHashing(PasswordHashing.insecureFastForTestsOnly())
        .outboxKey(OUTBOX_KEY)
        .manualMailDispatch()
        .build();
  }

  private static FounderConfirmation.Confirmed acme(Invitekit kit, RecordingMailbox mailbox) {
    Password password = Password.of(KitOnJdbc.PASSWORD);
    AccountCreation creation = kit.accounts().create(new NewAccount("Acme", Plan.PRO_PLUS, List.of("acme.com"), 2,
        Locale.ENGLISH, "ada@acme.com", "Ada", "Admin", KitOnJdbc.ADULT, password, password));
    assertThat(creation).isInstanceOf(AccountCreation.ConfirmationSent.class);
    FounderConfirmation confirmation = kit.accounts().confirmFounder(
        Token.of(RecordingMailbox.tokenOf(mailbox.lastLink("ada@acme.com").orElseThrow())), password);
    return (FounderConfirmation.Confirmed) confirmation;
  }

  @Test
  @DisplayName("§5, I6: an invite's mail goes out right after commit, and the outbox and the invitation record it")
  void deliversWhatTheUnitOfWorkComposed() {
    Invitekit kit = node(NOW);
    FounderConfirmation.Confirmed acme = acme(kit, mailbox);
    int before = mailbox.all().size();

    InviteResult result = kit.invitations().inviteByEmail(acme.founder().id(), acme.account().id(),
        "bo@acme.com, cy@acme.com, di@acme.com");

    assertThat(((InviteResult.InviteReport) result).outcomes())
        .allMatch(o -> o instanceof AddressOutcome.Invited i && i.delivery() == DeliveryStatus.SENT);
    assertThat(mailbox.all().subList(before, mailbox.all().size())).extracting(m -> m.to().toString())
        .containsExactly("bo@acme.com", "cy@acme.com", "di@acme.com");
    assertThat(mailbox.lastLink("bo@acme.com")).isPresent();
    JdbcStore store = JdbcStore.builder(pool).build();
    List<OutboxEntry> pending = store.inTransaction(tx -> tx.outbox().inStatus(OutboxEntry.Status.PENDING, 10));
    List<StoredInvitation> invitations = store.inTransaction(tx -> tx.invitations().ofAccount(acme.account().id()));
    assertThat(pending).isEmpty();
    assertThat(invitations).hasSize(3).extracting(s -> s.invitation().delivery()).containsOnly(DeliveryStatus.SENT);
  }

  @Test
  @DisplayName("§5: when the unit of work recording an invite's deliveries fails, the mail stays pending and is sent again")
  void anUnrecordedDeliveryIsSentAgain() {
    Invitekit first = node(NOW);
    FounderConfirmation.Confirmed acme = acme(first, mailbox);
    // Count the invite's statements, then fail the first one after its unit of work: completing the mail.
    // (After a first invite, so that the counted one and the failed one both find the inviter's and the
    // account's rate-limit counters there: on H2 an invite whose counters are all new needs one statement less.)
    first.invitations().inviteByEmail(acme.founder().id(), acme.account().id(), "first@acme.com");
    counting.reset(0);
    first.invitations().inviteByEmail(acme.founder().id(), acme.account().id(), "warm@acme.com");
    int perInvite = counting.executions();
    counting.reset(perInvite - 1);   // the delivery is two statements: completing the entries, recording them
    int before = mailbox.all().size();

    InviteResult result = first.invitations().inviteByEmail(acme.founder().id(), acme.account().id(),
        "bo@acme.com, cy@acme.com");

    counting.reset(0);
    assertThat(((InviteResult.InviteReport) result).outcomes()).allMatch(AddressOutcome.Invited.class::isInstance);
    assertThat(mailbox.all()).hasSize(before + 2);
    JdbcStore store = JdbcStore.builder(pool).build();
    List<OutboxEntry> leftPending = store.inTransaction(tx -> tx.outbox().inStatus(OutboxEntry.Status.PENDING, 10));
    assertThat(leftPending).as("left pending, leased to the first node").hasSize(2);

    // Another node, once the lease ran out, sends them from their sealed payloads and records them.
    Invitekit second = node(NOW.plus(Duration.ofMinutes(6)));
    MailOutbox.DispatchCounts counts = second.mail().dispatchDue();

    assertThat(counts.sent()).isEqualTo(2);
    assertThat(mailbox.all()).hasSize(before + 4);
    assertThat(mailbox.to("bo@acme.com")).hasSize(2);
    List<OutboxEntry> stillPending = store.inTransaction(tx -> tx.outbox().inStatus(OutboxEntry.Status.PENDING, 10));
    assertThat(stillPending).isEmpty();
    List<StoredInvitation> all = store.inTransaction(tx -> tx.invitations().ofAccount(acme.account().id()));
    List<Invitation> invited = all.stream().map(StoredInvitation::invitation)
        .filter(i -> !i.email().toString().equals("warm@acme.com") && !i.email().toString().equals("first@acme.com")).toList();
    assertThat(invited).hasSize(2).extracting(Invitation::delivery).containsOnly(DeliveryStatus.SENT);
  }
}
