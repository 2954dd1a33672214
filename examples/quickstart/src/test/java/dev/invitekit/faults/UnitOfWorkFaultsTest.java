package dev.invitekit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.invitekit.error.StoreException;
import dev.invitekit.error.StoreOutcomeUnknownException;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.secret.Token;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.spi.mail.MailMessage.Kind;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Units of work through a custom store adapter (docs/writing-a-store-adapter.md, "The unit of work"). */
class UnitOfWorkFaultsTest {

  static long count(FaultKit k, Class<? extends InvitekitEvent> type) {
    return k.events.stream().filter(type::isInstance).count();
  }

  static Token linkToken(FaultKit k) {
    LinkAccess a = k.kit.links().current(k.ada, k.acc);
    return Token.of(RecordingMailbox.tokenOf(((LinkAccess.Available) a).link().url()));
  }

  // --- 2. failures after the work was done -----------------------------------------------------------------

  @Test
  void adapterThrowingItsOwnStoreExceptionWhileCommittingIsReportedUnknown_S5() {
    try (FaultKit k = new FaultKit()) {
      FaultStore s = k.arm();
      s.failAfterCommitUnit = 1;
      s.afterCommitThrow = new StoreException("Committing the unit of work failed: connection reset");
      Throwable t = catchThrowable(() -> k.kit.invitations().inviteByEmail(k.ada, k.acc, "bob@acme.com"));
      assertThat(k.kit.invitations().list(k.ada, k.acc)).as("recorded").hasSize(1);
      assertThat(t).as("a typed StoreException from the adapter's commit, the invitation recorded")
          .isInstanceOf(StoreOutcomeUnknownException.class);
    }
  }

  @Test
  void storeThatRetriesAndThenFailsInsideTheWorkIsNotUnknown_S5() {
    try (FaultKit k = new FaultKit()) {
      FaultStore s = k.arm();
      s.retryUnit = 1;                                  // the first attempt's commit is refused: run again
      AtomicInteger outboxCalls = new AtomicInteger();
      s.failCall = c -> c.startsWith("outbox.insert") && outboxCalls.incrementAndGet() == 2;  // 2nd attempt: down
      s.toThrow = new StoreException("Inserting an outbox entry failed: connection reset");
      Throwable t = catchThrowable(() -> k.kit.invitations().inviteByEmail(k.ada, k.acc, "bob@acme.com"));
      assertThat(outboxCalls).as("the failing call happened on the second attempt").hasValue(2);
      assertThat(k.kit.invitations().list(k.ada, k.acc)).as("nothing recorded").isEmpty();
      assertThat(t).isInstanceOf(StoreException.class)
          .as("the last attempt failed inside the work and was rolled back: known, nothing recorded")
          .isNotInstanceOf(StoreOutcomeUnknownException.class);
    }
  }

  // --- 1. a retrying store: the work runs twice, once is committed ------------------------------------------

  @Test
  void inviteRunTwiceByTheStoreMailsTheCommittedTokenOnce_S5_E1() {
    try (FaultKit k = new FaultKit()) {
      k.arm().retryUnit = 1;
      k.invite("bob@acme.com");
      k.drainOutbox();
      assertThat(k.mails(Kind.INVITATION, "bob@acme.com")).as("invitation mails").isEqualTo(1);
      assertThat(k.kit.signup().preview(Token.of(k.token("bob@acme.com"))))
          .as("the mailed token is the committed one").isInstanceOf(PreviewResult.Valid.class);
      assertThat(count(k, InvitekitEvent.Invited.class)).as("Invited events").isEqualTo(1);
    }
  }

  @Test
  void storeRetryAfterAFailureInsideTheWorkSucceeds_S5() {
    try (FaultKit k = new FaultKit()) {
      FaultStore s = k.arm();
      AtomicInteger n = new AtomicInteger();
      s.failCall = c -> c.startsWith("invitations.insert") && n.incrementAndGet() == 1;
      s.toThrow = new IllegalStateException("x", new FaultStore.Retryable());
      k.invite("bob@acme.com");
      k.drainOutbox();
      assertThat(k.kit.invitations().list(k.ada, k.acc)).hasSize(1);
      assertThat(k.mails(Kind.INVITATION, "bob@acme.com")).isEqualTo(1);
      assertThat(count(k, InvitekitEvent.Invited.class)).isEqualTo(1);
    }
  }

  @Test
  void linkRedemptionRunTwiceMailsOneWorkingVerification_L3() {
    try (FaultKit k = new FaultKit()) {
      Token link = linkToken(k);
      k.arm().retryUnit = 1;
      assertThat(k.kit.links().redeem(link, "carl@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
      k.drainOutbox();
      assertThat(k.mail.delivered.to("carl@acme.com")).as("mails to carl").hasSize(1);
      assertThat(k.kit.signup().preview(Token.of(k.token("carl@acme.com")))).isInstanceOf(PreviewResult.Valid.class);
      assertThat(count(k, InvitekitEvent.LinkRedeemed.class)).as("LinkRedeemed events").isEqualTo(1);
    }
  }

  @Test
  void linkRedemptionByMemberRunTwiceSendsOneNotice_L3() {
    try (FaultKit k = new FaultKit()) {
      k.join("dan@acme.com", "Dan", "Lee");
      Token link = linkToken(k);
      long before = k.mail.delivered.to("dan@acme.com").size();
      k.arm().retryUnit = 1;
      assertThat(k.kit.links().redeem(link, "dan@acme.com")).isInstanceOf(Redemption.CheckYourEmail.class);
      k.drainOutbox();
      assertThat(k.mail.delivered.to("dan@acme.com").size() - before).as("notices to dan").isEqualTo(1);
    }
  }

  @Test
  void expiryRunTwiceNotifiesOnce_I11() {
    try (FaultKit k = new FaultKit()) {
      k.invite("bob@acme.com");
      k.clock.advance(Duration.ofDays(8));
      k.arm().retryUnit = 1;
      int expired = k.kit.invitations().expireDue();
      k.drainOutbox();
      assertThat(expired).isEqualTo(1);
      assertThat(count(k, InvitekitEvent.InvitationExpired.class)).as("expired events").isEqualTo(1);
      assertThat(k.mails(Kind.INVITER_NOTICE, "ada@acme.com")).as("inviter notices").isLessThanOrEqualTo(1);
    }
  }

  @Test
  void signupRunTwiceJoinsOnce_S6() {
    try (FaultKit k = new FaultKit()) {
      k.invite("bob@acme.com");
      String token = k.token("bob@acme.com");
      k.arm().retryUnit = 1;
      assertThat(k.kit.signup().createAccount(FaultKit.signup(token, "Bob", "Stone")))
          .isInstanceOf(dev.invitekit.signup.SignupResult.Joined.class);
      k.drainOutbox();
      assertThat(count(k, InvitekitEvent.MemberJoined.class)).isEqualTo(1);
      assertThat(k.mails(Kind.WELCOME, "bob@acme.com")).isLessThanOrEqualTo(1);
      assertThat(k.mails(Kind.INVITER_NOTICE, "ada@acme.com")).isLessThanOrEqualTo(1);
    }
  }

  // --- 1. every failure typed, naming the operation; nothing recorded ---------------------------------------

  @Test
  void roleAccessorFailureIsAStoreException() {
    try (FaultKit k = new FaultKit()) {
      FaultStore s = k.arm();
      s.failCall = c -> c.equals("outbox()");
      Throwable t = catchThrowable(() -> k.kit.invitations().inviteByEmail(k.ada, k.acc, "bob@acme.com"));
      s.failCall = c -> false;
      assertThat(t).isInstanceOf(StoreException.class).isNotInstanceOf(StoreOutcomeUnknownException.class);
      assertThat(t.getMessage()).containsIgnoringCase("invit");
      assertThat(k.kit.invitations().list(k.ada, k.acc)).isEmpty();
      k.drainOutbox();
      assertThat(k.mail.delivered.to("bob@acme.com")).isEmpty();
    }
  }

  @Test
  void membersWithUsersFailureIsAStoreException_C1() {
    try (FaultKit k = new FaultKit()) {
      FaultStore s = k.arm();
      s.members = (tx, a) -> {
        throw new IllegalStateException("join failed (simulated)");
      };
      Throwable t = catchThrowable(() -> k.kit.contacts().visibleTo(k.ada, k.acc));
      assertThat(t).isInstanceOf(StoreException.class);
      assertThat(t.getMessage()).containsIgnoringCase("directory");
    }
  }

  @Test
  void directoryOfFailureIsAStoreException_C1() {
    try (FaultKit k = new FaultKit()) {
      FaultStore s = k.arm();
      s.directory = (tx, a) -> {
        throw new UnsupportedOperationException("not written yet");
      };
      Throwable t = catchThrowable(() -> k.kit.contacts().visibleTo(k.ada, k.acc));
      assertThat(t).isInstanceOf(StoreException.class);
    }
  }

  @Test
  void bulkDefaultFailureIsAStoreExceptionAndNothingRecorded() {
    try (FaultKit k = new FaultKit()) {
      FaultStore s = k.arm();
      AtomicInteger n = new AtomicInteger();
      s.failCall = c -> c.startsWith("counters.tryIncrement") && n.incrementAndGet() == 1;
      Throwable t = catchThrowable(() -> k.kit.invitations().inviteByEmail(k.ada, k.acc, "bob@acme.com, cy@acme.com"));
      s.failCall = c -> false;
      assertThat(n).as("counters were asked").hasPositiveValue();
      assertThat(t).isInstanceOf(StoreException.class).isNotInstanceOf(StoreOutcomeUnknownException.class);
      assertThat(k.kit.invitations().list(k.ada, k.acc)).isEmpty();
    }
  }
}
