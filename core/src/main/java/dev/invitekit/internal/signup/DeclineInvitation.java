package dev.invitekit.internal.signup;

import dev.invitekit.account.Account;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.mail.MailComposer;
import dev.invitekit.internal.mail.MailDispatcher;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.member.User;
import dev.invitekit.signup.InvitationPreview;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.TokenStatus;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredUser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Declining an invitation with its token (I11): it can no longer be used; the inviter may be told. */
final class DeclineInvitation {
  private final UnitOfWork work;
  private final Clock clock;
  private final EventBus events;
  private final InvitationTokens tokens;
  private final MailComposer composer;
  private final MailDispatcher outbox;

  DeclineInvitation(UnitOfWork work, Clock clock, EventBus events, InvitationTokens tokens, MailComposer composer,
      MailDispatcher outbox) {
    this.work = work;
    this.clock = clock;
    this.events = events;
    this.tokens = tokens;
    this.composer = composer;
    this.outbox = outbox;
  }

  /** What the unit of work decided. */
  private sealed interface Decision permits Unchanged, Declined {}

  /** Nothing changed; the answer says why. */
  private record Unchanged(PreviewResult result) implements Decision {}

  /** Declined; the inviter's notice, when the policy asks for one, waits in the outbox. */
  private record Declined(PreviewResult result, Account account, Invitation invitation,
      MailDispatcher.@Nullable Outgoing notice) implements Decision {}

  PreviewResult decline(String token, @Nullable String clientKey) {
    Objects.requireNonNull(token, "token");
    Instant now = clock.instant();
    Decision decision = work.tx("declining an invitation", tx -> {
      InvitationTokens.Checked checked = tokens.check(tx, token, now, clientKey);
      if (checked instanceof InvitationTokens.Unusable unusable) {
        return new Unchanged(new PreviewResult.Unusable(unusable.status()));
      }
      StoredInvitation stored = ((InvitationTokens.Usable) checked).stored();
      InvitationPreview preview = PreviewInvitation.previewOf(tx, stored.invitation());
      Invitation next = stored.invitation().withState(InvitationState.DECLINED, now);
      if (!tx.invitations().update(new StoredInvitation(next, stored.tokenDigest()), InvitationState.PENDING)) {
        return new Unchanged(new PreviewResult.Unusable(TokenStatus.ALREADY_USED));
      }
      Account account = tx.accounts().find(next.accountId()).orElseThrow();
      User inviter = next.viaLink() == null ? tx.users().find(next.invitedBy()).map(StoredUser::user).orElse(null) : null;
      return new Declined(new PreviewResult.Valid(preview), account, next,
          InviterNotice.enqueue(composer, outbox, tx, account, inviter, next, MailComposer.Notice.DECLINED, null));
    });
    if (decision instanceof Unchanged unchanged) {
      return unchanged.result();
    }
    Declined declined = (Declined) decision;
    events.publish(List.of(new InvitekitEvent.InvitationDeclined(now, declined.account().id(),
        declined.invitation().id())));
    if (declined.notice() != null) {
      outbox.deliverRecorded(List.of(declined.notice()));
    }
    return declined.result();
  }
}
