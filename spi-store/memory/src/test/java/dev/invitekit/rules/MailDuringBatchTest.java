package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.secret.Token;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.TokenStatus;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An invite's mail is sent right after its unit of work commits, from the messages in hand, without reading
 * the invitations back before each send ({@code MailDispatcher.deliverRecorded}). An admin who revokes or
 * re-sends one of the batch's invitations while the provider still handles an earlier mail of the batch
 * may therefore see the older mail go out too (the window the outside review of issue 12 showed). What must
 * hold whatever the timing: the link in such a mail admits no one (I7, I8).
 */
class MailDuringBatchTest {
  private final List<MailMessage> sent = new CopyOnWriteArrayList<>();
  private final AtomicReference<Consumer<MailMessage>> onSend = new AtomicReference<>(m -> { });

  private RulesFixture fixture() {
    RulesFixture fx = new RulesFixture(b -> b.mail(message -> {
      onSend.get().accept(message);
      sent.add(message);
      return new DeliveryResult.Delivered(message.messageId());
    }));
    fx.createAcme();
    sent.clear();
    return fx;
  }

  private static Invitation carol(RulesFixture fx) {
    return fx.kit.invitations().list(fx.adaId(), fx.acmeId()).stream()
        .filter(i -> i.email().toString().equals("carol@acme.com")).findFirst().orElseThrow();
  }

  private List<Token> linksTo(String address) {
    return sent.stream().filter(m -> m.to().toString().equals(address))
        .map(m -> Token.of(RecordingMailbox.tokenOf(m.actionUrl()))).toList();
  }

  @Test
  @DisplayName("I8: an invitation revoked while its batch's mail goes out: a mail that still went out admits no one")
  void revokedDuringTheBatch() {
    RulesFixture fx = fixture();
    AtomicReference<InvitationChange> revoked = new AtomicReference<>();
    onSend.set(m -> {
      if (m.to().toString().equals("bob@acme.com") && revoked.get() == null) {
        revoked.set(fx.kit.invitations().revoke(fx.adaId(), fx.acmeId(), carol(fx).id()));
      }
    });

    fx.kit.invitations().inviteByEmail(fx.adaId(), fx.acmeId(), "bob@acme.com, carol@acme.com");

    assertThat(revoked.get()).isInstanceOf(InvitationChange.Changed.class);
    assertThat(linksTo("carol@acme.com")).isNotEmpty().allSatisfy(token ->
        assertThat(fx.kit.signup().preview(token)).isEqualTo(new PreviewResult.Unusable(TokenStatus.REVOKED)));
    assertThat(linksTo("bob@acme.com")).singleElement().satisfies(token ->
        assertThat(fx.kit.signup().preview(token)).isInstanceOf(PreviewResult.Valid.class));
  }

  @Test
  @DisplayName("I7: an invitation re-sent while its batch's mail goes out: only the newest link admits")
  void resentDuringTheBatch() {
    RulesFixture fx = fixture();
    AtomicReference<InvitationChange> resent = new AtomicReference<>();
    onSend.set(m -> {
      if (m.to().toString().equals("bob@acme.com") && resent.get() == null) {
        resent.set(new InvitationChange.NotFound());
        resent.set(fx.kit.invitations().resend(fx.adaId(), fx.acmeId(), carol(fx).id()));
      }
    });

    fx.kit.invitations().inviteByEmail(fx.adaId(), fx.acmeId(), "bob@acme.com, carol@acme.com");

    assertThat(resent.get()).isInstanceOf(InvitationChange.Changed.class);
    List<Token> toCarol = linksTo("carol@acme.com");
    assertThat(toCarol).hasSizeBetween(1, 2);
    Token newest = toCarol.get(0);   // the re-send's mail went out first, inside bob's send
    assertThat(fx.kit.signup().preview(newest)).isInstanceOf(PreviewResult.Valid.class);
    toCarol.subList(1, toCarol.size()).forEach(older ->
        assertThat(fx.kit.signup().preview(older)).isEqualTo(new PreviewResult.Unusable(TokenStatus.SUPERSEDED)));
  }
}
