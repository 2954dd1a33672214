package dev.invitekit.onstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.account.Account;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.account.PolicyChange;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.Store;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Invitekit on a store the subclass supplies, for behaviour tests that must hold on every store (memory,
 * H2, PostgreSQL): a fresh store per test, a {@link RecordingMailbox}, a clock tests move by hand, the
 * test-only fast password hashing, and mail dispatched only when a test asks. {@link #createAcme()}
 * creates Acme (PRO_PLUS, acme.com) founded by Ada Admin.
 */
public abstract class KitOnAnyStore {
  protected static final Instant START = Instant.parse("2025-03-10T09:00:00Z");
  protected static final String PASSWORD = "correct horse battery staple, 7 violet kiwis";
  protected static final LocalDate ADULT = LocalDate.of(1990, 5, 17);
  private static final Set<MailMessage.Kind> KINDS_WITH_TOKEN =
      EnumSet.of(MailMessage.Kind.INVITATION, MailMessage.Kind.REMINDER, MailMessage.Kind.LINK_VERIFICATION,
          MailMessage.Kind.FOUNDER_CONFIRMATION);

  protected Store store;
  protected RecordingMailbox mailbox;
  protected final AtomicReference<Instant> now = new AtomicReference<>(START);
  protected Invitekit kit;
  protected AccountId acmeId;
  protected UserId adaId;

  /** A fresh, empty store for one test. */
  protected abstract Store newStore();

  /** Releases what {@link #newStore()} acquired. */
  protected void closeStore(Store used) {}

  @BeforeEach
  final void openStore() {
    store = newStore();
    mailbox = new RecordingMailbox();
    kit = builder().build();
  }

  @AfterEach
  final void dropStore() {
    closeStore(store);
  }

  /** A builder on this test's store, mailbox and clock: for the test's kit, or another node. */
  protected Invitekit.Builder builder() {
    return Invitekit.builder()
        .store(store)
        .mail(mailbox)
        .baseUrl(URI.create("https://app.example.com"))
        .clock(new HandClock(now, ZoneOffset.UTC))
        .passwordHashing(PasswordHashing.insecureFastForTestsOnly())
        .outboxKey(new byte[32])
        .manualMailDispatch();
  }

  /**
   * Creates Acme, founded by Ada Admin (ada@acme.com), who confirms her address (A3) on another node of this
   * store with this test's mailbox, so the test's own kit may have any mail sender; the confirmation mail is
   * then cleared, as it is not the test's.
   */
  protected void createAcme() {
    try (Invitekit founding = builder().mail(mailbox).build()) {
      AccountCreation creation = founding.accounts().create(new NewAccount("Acme", Plan.PRO_PLUS,
          List.of("acme.com"), 2, Locale.ENGLISH, "ada@acme.com", "Ada", "Admin", ADULT, Password.of(PASSWORD), Password.of(PASSWORD)));
      assertThat(creation).isInstanceOf(AccountCreation.ConfirmationSent.class);
      FounderConfirmation confirmation = founding.accounts().confirmFounder(Token.of(tokenFor("ada@acme.com")), Password.of(PASSWORD));
      assertThat(confirmation).isInstanceOf(FounderConfirmation.Confirmed.class);
      FounderConfirmation.Confirmed created = (FounderConfirmation.Confirmed) confirmation;
      acmeId = created.account().id();
      adaId = created.founder().id();
    }
    mailbox.clear();
  }

  /** Changes Acme's policy as Ada. */
  protected Account updateAcmePolicy(UnaryOperator<InvitePolicy> change) {
    Account current = kit.trusted().account(acmeId).orElseThrow();
    PolicyChange result = kit.accounts().updatePolicy(adaId, acmeId, change.apply(current.policy()));
    assertThat(result).isInstanceOf(PolicyChange.Changed.class);
    return ((PolicyChange.Changed) result).account();
  }

  /** Invites one address to Acme as {@code inviterId}; returns its invitation's id. */
  protected InvitationId invite(UserId inviterId, String address) {
    InviteResult result = kit.invitations().invite(InviteRequest.members(inviterId, acmeId, address));
    assertThat(result).isInstanceOf(InviteResult.InviteReport.class);
    AddressOutcome outcome = ((InviteResult.InviteReport) result).outcomes().get(0);
    if (outcome instanceof AddressOutcome.Invited invited) {
      return invited.invitationId();
    }
    assertThat(outcome).isInstanceOf(AddressOutcome.Resent.class);
    return ((AddressOutcome.Resent) outcome).invitationId();
  }

  /** The token of the last mail to {@code address} whose link carries one. */
  protected String tokenFor(String address) {
    List<MailMessage> to = mailbox.to(address);
    for (int i = to.size() - 1; i >= 0; i--) {
      MailMessage message = to.get(i);
      if (KINDS_WITH_TOKEN.contains(message.kind()) && message.actionUrl() != null) {
        return RecordingMailbox.tokenOf(message.actionUrl());
      }
    }
    throw new AssertionError("no invitation link was mailed to " + address);
  }

  /** A valid sign-up form for the token. */
  protected static SignupRequest signup(String token, String first, String last) {
    return new SignupRequest(Token.of(token), ADULT, first, last, Password.of(PASSWORD), Password.of(PASSWORD));
  }

  /** Moves the clock. */
  protected void advance(Duration duration) {
    now.updateAndGet(t -> t.plus(duration));
  }

  /** A clock on a shared instant that tests move. */
  private static final class HandClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    HandClock(AtomicReference<Instant> now, ZoneId zone) {
      this.now = now;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
      return new HandClock(now, other);
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
