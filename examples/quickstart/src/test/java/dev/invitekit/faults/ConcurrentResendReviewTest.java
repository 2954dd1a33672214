package dev.invitekit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.secret.Token;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.TokenStatus;
import dev.invitekit.spi.mail.MailMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** I4, I7: concurrent invites of the same addresses and re-sends (outside review, fourth round of issue 12). */
class ConcurrentResendReviewTest {

  @Test
  void manyThreadsInvitingTheSameAddressesMakeOneOpenInvitationEach() throws Exception {
    try (ReviewKit k = new ReviewKit()) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<AddressOutcome>>> fs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        fs.add(pool.submit(() -> {
          go.await();
          InviteResult r = k.invite("p1@acme.com, P2@acme.com, p3@acme.com");
          return ((InviteResult.InviteReport) r).outcomes();
        }));
      }
      go.countDown();
      List<AddressOutcome> all = new ArrayList<>();
      for (Future<List<AddressOutcome>> f : fs) {
        all.addAll(f.get());
      }
      pool.shutdown();
      assertThat(all.stream().filter(o -> o instanceof AddressOutcome.Invited).count()).isEqualTo(3);
      List<Invitation> open = k.kit.invitations().list(k.ada, k.acc).stream()
          .filter(i -> i.state() == InvitationState.PENDING).toList();
      assertThat(open).hasSize(3);
      // I7: of each address's mails exactly one token works, the newest issued; every older one says SUPERSEDED.
      // Each thread sends its mail after its own commit, so the mailbox's order need not be the order of issue:
      // the newest token may arrive first (its mail then reads "a newer mail was sent" for the others).
      for (String a : List.of("p1@acme.com", "p2@acme.com", "p3@acme.com")) {
        List<MailMessage> mails = k.mail.to(a).stream().filter(m -> m.kind() == MailMessage.Kind.INVITATION).toList();
        assertThat(mails).isNotEmpty();
        List<PreviewResult> previews = new ArrayList<>();
        for (MailMessage mail : mails) {
          previews.add(k.kit.signup().preview(Token.of(RecordingMailbox.tokenOf(mail.actionUrl()))));
        }
        assertThat(previews).as(a).filteredOn(p -> p instanceof PreviewResult.Valid).hasSize(1);
        assertThat(previews).as(a).filteredOn(p -> !(p instanceof PreviewResult.Valid))
            .allMatch(p -> p.equals(new PreviewResult.Unusable(TokenStatus.SUPERSEDED)));
      }
    }
  }

  @Test
  void resendThenRevokeOldTokens() {
    try (ReviewKit k = new ReviewKit()) {
      AddressOutcome.Invited inv = (AddressOutcome.Invited) ((InviteResult.InviteReport) k.invite("bob@acme.com")).outcomes().get(0);
      String t1 = RecordingMailbox.tokenOf(k.mail.lastLink("bob@acme.com").orElseThrow());
      assertThat(k.kit.invitations().resend(k.ada, k.acc, inv.invitationId())).isInstanceOf(InvitationChange.Changed.class);
      String t2 = RecordingMailbox.tokenOf(k.mail.lastLink("bob@acme.com").orElseThrow());
      assertThat(t2).isNotEqualTo(t1);
      assertThat(k.kit.signup().preview(Token.of(t1))).isEqualTo(new PreviewResult.Unusable(TokenStatus.SUPERSEDED));
      assertThat(k.kit.signup().preview(Token.of(t2))).isInstanceOf(PreviewResult.Valid.class);
      assertThat(k.kit.invitations().revoke(k.ada, k.acc, inv.invitationId())).isInstanceOf(InvitationChange.Changed.class);
      assertThat(k.kit.signup().preview(Token.of(t2))).isEqualTo(new PreviewResult.Unusable(TokenStatus.REVOKED));
      assertThat(k.kit.signup().preview(Token.of(t1))).isNotEqualTo(new PreviewResult.Unusable(TokenStatus.UNKNOWN));
    }
  }
}
