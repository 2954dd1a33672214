package dev.invitekit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.invitekit.error.StoreOutcomeUnknownException;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.secret.Token;
import dev.invitekit.spi.mail.MailMessage.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Notices of link redemption and expiry; L3's "same answer, same side effects"; I10 after an unknown outcome. */
class NoticeFaultsTest {

  static Token linkToken(FaultKit k) {
    LinkAccess a = k.kit.links().current(k.ada, k.acc);
    return Token.of(RecordingMailbox.tokenOf(((LinkAccess.Available) a).link().url()));
  }

  record Seen(String answer, int units, List<String> shape, long mailsAfterDrain) {}

  /** Redeems with the mail server down and the store failing from the unit after the redemption's. */
  static Seen redeem(boolean member, int failFromUnit) {
    try (FaultKit k = new FaultKit()) {
      String email = "dan@acme.com";
      if (member) {
        k.join(email, "Dan", "Lee");
      }
      Token link = linkToken(k);
      long before = k.mail.delivered.to(email).size();
      FaultStore s = k.arm();
      k.mail.allDown = true;
      s.failCall = c -> s.units.get() >= failFromUnit;
      String answer;
      try {
        Redemption r = k.kit.links().redeem(link, email);
        answer = r.toString();
      } catch (RuntimeException e) {
        answer = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      int units = s.units.get();
      List<String> shape = new ArrayList<>();
      for (String c : s.calls) {
        if (c.startsWith("unit")) {
          shape.add(c);
        }
      }
      s.failCall = c -> false;
      k.mail.heal();
      k.drainOutbox();
      return new Seen(answer, units, shape, k.mail.delivered.to(email).size() - before);
    }
  }

  @Test
  void memberRedemptionFailingAfterItWasRecordedIsNotToldNothingRecorded_L3_S5() {
    try (FaultKit k = new FaultKit()) {
      k.join("dan@acme.com", "Dan", "Lee");
      Token link = linkToken(k);
      int usesBefore = ((LinkAccess.Available) k.kit.links().current(k.ada, k.acc)).link().uses();
      long before = k.mail.delivered.to("dan@acme.com").size();
      FaultStore s = k.arm();
      // The member path's last unit of work, after the redemption committed and its notice was sent, hits a
      // store hiccup; a new address's redemption has no such unit and answers CheckYourEmail.
      s.failCall = c -> c.equals("invitations.findByToken");
      Throwable t = catchThrowable(() -> k.kit.links().redeem(link, "dan@acme.com"));
      s.failCall = c -> false;
      k.drainOutbox();
      int usesAfter = ((LinkAccess.Available) k.kit.links().current(k.ada, k.acc)).link().uses();
      long notices = k.mail.delivered.to("dan@acme.com").size() - before;
      assertThat(t)
          .as("told %s, but the link's use count went %d -> %d and %d notice(s) went to dan", t, usesBefore,
              usesAfter, notices)
          .isNull();
    }
  }

  @Test
  void memberAndNewAddressRunTheSameUnitsOfWork_L3() {
    Seen fresh = redeem(false, Integer.MAX_VALUE);
    Seen member = redeem(true, Integer.MAX_VALUE);
    assertThat(member.answer()).isEqualTo(fresh.answer());
    assertThat(member.shape()).as("units of work, member vs new address").isEqualTo(fresh.shape());
  }

  @Test
  void secondExpiryFailingIsNotToldNothingRecorded_I11_S5() {
    try (FaultKit k = new FaultKit()) {
      k.invite("bob@acme.com");
      k.invite("cy@acme.com");
      k.clock.advance(java.time.Duration.ofDays(8));
      FaultStore s = k.arm();
      java.util.concurrent.atomic.AtomicInteger updates = new java.util.concurrent.atomic.AtomicInteger();
      s.failCall = c -> c.equals("invitations.update") && updates.incrementAndGet() == 2;
      Throwable t = catchThrowable(() -> k.kit.invitations().expireDue());
      s.failCall = c -> false;
      long expired = k.kit.invitations().list(k.ada, k.acc).stream()
          .filter(i -> i.state().name().equals("EXPIRED")).count();
      assertThat(t == null || expired == 0 || !t.getMessage().contains("nothing of it was recorded"))
          .as("told %s, but %d invitation(s) expired", t, expired).isTrue();
    }
  }

  @Test
  void repeatingWithTheKeyAfterAnUnknownOutcomeSendsOnce_I10() {
    try (FaultKit k = new FaultKit()) {
      FaultStore s = k.arm();
      s.failAfterCommitUnit = 1;
      InviteRequest req = InviteRequest.members(k.ada, k.acc, "bob@acme.com").withIdempotencyKey("req-1");
      Throwable t = catchThrowable(() -> k.kit.invitations().invite(req));
      assertThat(t).isInstanceOf(StoreOutcomeUnknownException.class);
      k.kit.invitations().invite(req);
      k.drainOutbox();
      assertThat(k.mails(Kind.INVITATION, "bob@acme.com")).isEqualTo(1);
      assertThat(k.kit.invitations().list(k.ada, k.acc)).hasSize(1);
    }
  }

}
