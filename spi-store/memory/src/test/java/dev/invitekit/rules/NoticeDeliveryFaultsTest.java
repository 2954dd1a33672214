package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import dev.invitekit.Invitekit;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.link.InviteLink;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.outbox.MailOutbox;
import dev.invitekit.secret.Token;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.mail.MailSender;
import dev.invitekit.spi.store.Outbox;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoreTransaction;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SPEC §5 for the mail that the expiry sweep (I11) and a link redemption (L3) record with their change and
 * send right after it committed: whether the mail server is down, the store fails while the attempt is
 * booked, or the node dies before it sends, the outbox entry stays pending and is sent by
 * {@code dispatchDue}: nothing is lost.
 */
@DisplayName("SPEC §5, I11, L3: an expiry's notice and a redemption's mail lose nothing when mail, store or node fail")
class NoticeDeliveryFaultsTest {
  /** Past the outbox lease (five minutes), after which any node sends what another left pending. */
  private static final Duration PAST_THE_LEASE = Duration.ofMinutes(6);
  /** Past the first retry's backoff (30 seconds at most). */
  private static final Duration PAST_THE_BACKOFF = Duration.ofMinutes(1);

  private final RulesFixture f = new RulesFixture();
  private String linkToken;

  @BeforeEach
  void acmeWithBobAndALink() {
    f.createAcme();
    f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone");
    LinkAccess access = f.kit.links().current(f.adaId(), f.acmeId());
    assertThat(access).isInstanceOf(LinkAccess.Available.class);
    InviteLink link = ((LinkAccess.Available) access).link();
    linkToken = RecordingMailbox.tokenOf(link.url());
    f.mailbox.clear();
  }

  /** The use cases whose mail is checked: what starts it on a node, who gets what. */
  enum Mail {
    /** I11: an invitation expires; its inviter, Ada, is told. */
    EXPIRY_NOTICE("ada@acme.com", MailMessage.Kind.INVITER_NOTICE),
    /** L3: a member redeems the link; the answer is the same as anyone's, the mail a hint to sign in. */
    MEMBER_NOTICE("bob@acme.com", MailMessage.Kind.ALREADY_MEMBER),
    /** L3: a new address redeems the link and gets its verification mail, with a link to join. */
    LINK_VERIFICATION("dora@acme.com", MailMessage.Kind.LINK_VERIFICATION);

    final String recipient;
    final MailMessage.Kind kind;

    Mail(String recipient, MailMessage.Kind kind) {
      this.recipient = recipient;
      this.kind = kind;
    }
  }

  /** Whatever comes before {@code mail}'s use case, run on the fixture's healthy node. */
  private void prepare(Mail mail) {
    if (mail == Mail.EXPIRY_NOTICE) {
      f.invite(f.adaId(), "carl@acme.com");
      f.advance(Duration.ofDays(8));
      f.mailbox.clear();
    }
  }

  /** Runs {@code mail}'s use case on {@code node}. */
  private void run(Mail mail, Invitekit node) {
    switch (mail) {
      case EXPIRY_NOTICE -> assertThat(node.invitations().expireDue()).isEqualTo(1);
      case MEMBER_NOTICE, LINK_VERIFICATION -> assertThat(node.links().redeem(Token.of(linkToken), mail.recipient))
          .isInstanceOf(Redemption.CheckYourEmail.class);
    }
  }

  private List<MailMessage> delivered(Mail mail) {
    return f.mailbox.to(mail.recipient).stream().filter(m -> m.kind() == mail.kind).toList();
  }

  private List<OutboxEntry> pendingFor(Mail mail) {
    EmailAddress to = EmailAddress.parse(mail.recipient);
    return f.store.inTransaction(tx -> tx.outbox().inStatus(OutboxEntry.Status.PENDING, 100)).stream()
        .filter(e -> to.equals(e.recipient())).toList();
  }

  /** After the last delivery of a link's verification mail, its invitation records it (I6). */
  private void assertRecordedOnTheInvitation(Mail mail) {
    if (mail == Mail.LINK_VERIFICATION) {
      assertThat(f.kit.invitations().list(f.adaId(), f.acmeId()))
          .filteredOn(i -> i.email().equals(EmailAddress.parse(mail.recipient))).singleElement()
          .extracting(Invitation::delivery).isEqualTo(DeliveryStatus.SENT);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mail.class)
  @DisplayName("§5: the mail server down at the attempt after commit: the entry stays pending and the retry sends it")
  void mailServerDown(Mail mail) {
    prepare(mail);
    f.mailbox.failNext(1, DeliveryResult.Failed.transientFailure("421 try later"));

    run(mail, f.kit);

    assertThat(delivered(mail)).isEmpty();
    assertThat(f.mailbox.failedAttempts()).singleElement().extracting(MailMessage::kind).isEqualTo(mail.kind);
    assertThat(pendingFor(mail)).singleElement().satisfies(e -> assertThat(e.attempts()).isEqualTo(1));

    f.advance(PAST_THE_BACKOFF);
    MailOutbox.DispatchCounts counts = f.kit.mail().dispatchDue();

    assertThat(counts.sent()).isEqualTo(1);
    assertThat(delivered(mail)).hasSize(1);
    assertThat(pendingFor(mail)).isEmpty();
    assertRecordedOnTheInvitation(mail);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mail.class)
  @DisplayName("§5: the store fails while the sent mail is booked: the entry stays pending and is sent again once its "
      + "lease runs out (at least once)")
  void storeFailsWhileBooking(Mail mail) {
    prepare(mail);
    FailingBookkeepingStore failing = new FailingBookkeepingStore(f.store);
    Invitekit node = f.anotherNode(b -> b.store(failing));
    failing.failing = true;

    run(mail, node);

    failing.failing = false;
    assertThat(delivered(mail)).as("sent once, not booked").hasSize(1);
    assertThat(pendingFor(mail)).as("left pending, leased to the node").hasSize(1);
    assertThat(f.kit.mail().dispatchDue().attempted()).as("not before the lease runs out").isZero();

    f.advance(PAST_THE_LEASE);
    MailOutbox.DispatchCounts counts = f.kit.mail().dispatchDue();

    assertThat(counts.sent()).isEqualTo(1);
    assertThat(delivered(mail)).hasSize(2);
    assertThat(pendingFor(mail)).isEmpty();
    assertRecordedOnTheInvitation(mail);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mail.class)
  @DisplayName("§5: the node dies between the commit and the send: the entry stays pending and another node sends it "
      + "once its lease runs out")
  void nodeDiesBeforeSending(Mail mail) {
    prepare(mail);
    MailSender dying = message -> {
      throw new NodeDied();
    };
    Invitekit node = f.anotherNode(b -> b.mail(dying));

    assertThatThrownBy(() -> run(mail, node)).isInstanceOf(NodeDied.class);

    assertThat(delivered(mail)).isEmpty();
    assertThat(pendingFor(mail)).singleElement().satisfies(e -> assertThat(e.attempts()).isZero());
    assertThat(f.kit.mail().dispatchDue().attempted()).as("not before the lease runs out").isZero();

    f.advance(PAST_THE_LEASE);
    MailOutbox.DispatchCounts counts = f.kit.mail().dispatchDue();

    assertThat(counts.sent()).isEqualTo(1);
    assertThat(delivered(mail)).hasSize(1);
    assertThat(pendingFor(mail)).isEmpty();
    assertRecordedOnTheInvitation(mail);
  }

  /**
   * Stands for the node's process ending in the middle of the attempt: nothing after it runs. A failure of the
   * JVM itself, the one kind of throwable the dispatcher does not take for the provider's transient failure.
   */
  private static final class NodeDied extends VirtualMachineError {
    private static final long serialVersionUID = 1L;

    NodeDied() {
      super("the node died");
    }
  }

  /**
   * A store whose units of work fail, while {@link #failing} is set, at every step that books a delivery
   * attempt (completing or rescheduling outbox entries); everything else goes to the real store.
   */
  private static final class FailingBookkeepingStore implements Store {
    private final Store real;
    volatile boolean failing;

    FailingBookkeepingStore(Store real) {
      this.real = real;
    }

    @Override
    public <T> T inTransaction(Function<StoreTransaction, T> work) {
      return real.inTransaction(tx -> work.apply(failing ? failOnBooking(tx) : tx));
    }

    private static StoreTransaction failOnBooking(StoreTransaction tx) {
      Outbox outbox = mock(Outbox.class, delegatesTo(tx.outbox()));
      IllegalStateException failure = new IllegalStateException("simulated store failure");
      doThrow(failure).when(outbox).complete(anyString(), any(), anyInt(), any());
      doThrow(failure).when(outbox).completeAll(anyList());
      doThrow(failure).when(outbox).reschedule(anyString(), anyInt(), any(), anyString());
      StoreTransaction seam = mock(StoreTransaction.class, delegatesTo(tx));
      doReturn(outbox).when(seam).outbox();
      return seam;
    }
  }
}
