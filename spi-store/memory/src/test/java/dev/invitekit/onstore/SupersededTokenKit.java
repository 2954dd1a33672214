package dev.invitekit.onstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.secret.Token;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.id.InvitationId;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.signup.TokenStatus;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 6 (I7): after a re-send or a reminder, the first mail's link answers that a newer mail was
 * sent (SUPERSEDED), not "unknown"; it never becomes usable, and nothing of the newer link is revealed.
 * Runs on every store: {@code InMemorySupersededTokenTest}, and the JDBC module's H2 and PostgreSQL tests.
 */
public abstract class SupersededTokenKit extends KitOnAnyStore {

  @Test
  @DisplayName("I7: after a re-send, the first mail's link answers SUPERSEDED, and the newest one still works")
  void olderTokenAfterResendAnswersSuperseded_I7_issue9_6() {
    createAcme();
    InvitationId id = invite(adaId, "bob@acme.com");
    String first = tokenFor("bob@acme.com");

    assertThat(kit.invitations().resend(adaId, acmeId, id)).isInstanceOf(InvitationChange.Changed.class);
    String second = tokenFor("bob@acme.com");

    assertThat(second).isNotEqualTo(first);
    assertThat(kit.signup().preview(Token.of(first))).isEqualTo(new PreviewResult.Unusable(TokenStatus.SUPERSEDED));
    assertThat(kit.signup().preview(Token.of(second))).isInstanceOf(PreviewResult.Valid.class);
  }

  @Test
  @DisplayName("I7: after a re-send in a bulk invite, the first mail's link answers SUPERSEDED")
  void olderTokenAfterBulkResendAnswersSuperseded_I7_issue9_6() {
    createAcme();
    invite(adaId, "bob@acme.com");
    String first = tokenFor("bob@acme.com");

    invite(adaId, "bob@acme.com, new@acme.com");

    assertThat(kit.signup().preview(Token.of(first))).isEqualTo(new PreviewResult.Unusable(TokenStatus.SUPERSEDED));
  }

  @Test
  @DisplayName("I7, I11: after a reminder, the first mail's link answers SUPERSEDED")
  void olderTokenAfterReminderAnswersSuperseded_I7_issue9_6() {
    createAcme();
    updateAcmePolicy(p -> p.withNotices(false, Duration.ofDays(2)));
    invite(adaId, "bob@acme.com");
    String first = tokenFor("bob@acme.com");
    advance(Duration.ofDays(6));

    assertThat(kit.invitations().sendReminders()).isEqualTo(1);

    assertThat(tokenFor("bob@acme.com")).isNotEqualTo(first);
    assertThat(kit.signup().preview(Token.of(first))).isEqualTo(new PreviewResult.Unusable(TokenStatus.SUPERSEDED));
  }

  @Test
  @DisplayName("I7: the first mail's link cannot sign up, join or decline; the invitation stays open for the newest link")
  void olderTokenIsNeverUsable_I7_issue9_6() {
    createAcme();
    InvitationId id = invite(adaId, "bob@acme.com");
    String first = tokenFor("bob@acme.com");
    kit.invitations().resend(adaId, acmeId, id);

    assertThat(kit.signup().createAccount(signup(first, "Bob", "Stone")))
        .isEqualTo(new SignupResult.Unusable(TokenStatus.SUPERSEDED));
    assertThat(kit.signup().join(Token.of(first), adaId)).isEqualTo(new SignupResult.Unusable(TokenStatus.SUPERSEDED));
    assertThat(kit.signup().decline(Token.of(first))).isEqualTo(new PreviewResult.Unusable(TokenStatus.SUPERSEDED));

    assertThat(kit.signup().createAccount(signup(tokenFor("bob@acme.com"), "Bob", "Stone")))
        .isInstanceOf(SignupResult.Joined.class);
  }

  @Test
  @DisplayName("I7: once the invitation is accepted, the first mail's link answers ALREADY_USED, like the newest")
  void olderTokenAfterAcceptAnswersAlreadyUsed_I7_issue9_6() {
    createAcme();
    InvitationId id = invite(adaId, "bob@acme.com");
    String first = tokenFor("bob@acme.com");
    kit.invitations().resend(adaId, acmeId, id);
    assertThat(kit.signup().createAccount(signup(tokenFor("bob@acme.com"), "Bob", "Stone")))
        .isInstanceOf(SignupResult.Joined.class);

    assertThat(kit.signup().preview(Token.of(first))).isEqualTo(new PreviewResult.Unusable(TokenStatus.ALREADY_USED));
  }
}
