package dev.invitekit.internal.signup;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.account.Account;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.invite.Invitation;
import dev.invitekit.member.User;
import dev.invitekit.signup.InvitationPreview;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredUser;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What an invitation token shows before sign-up (S1, I8, I9): read-only. */
final class PreviewInvitation {
  private final UnitOfWork work;
  private final Clock clock;
  private final InvitationTokens tokens;

  PreviewInvitation(UnitOfWork work, Clock clock, InvitationTokens tokens) {
    this.work = work;
    this.clock = clock;
    this.tokens = tokens;
  }

  PreviewResult preview(String token, @Nullable String clientKey) {
    Objects.requireNonNull(token, "token");
    Instant now = clock.instant();
    // Read-only: a mail scanner's GET or HEAD changes nothing (I9).
    return work.tx("previewing an invitation", tx -> {
      InvitationTokens.Checked checked = tokens.check(tx, token, now, clientKey);
      if (checked instanceof InvitationTokens.Unusable unusable) {
        return new PreviewResult.Unusable(unusable.status());
      }
      Invitation invitation = ((InvitationTokens.Usable) checked).invitation();
      // I8: the same re-check accepting makes, so a preview never says Valid for what accept refuses.
      Account account = tx.accounts().find(invitation.accountId()).orElseThrow();
      Refusal refusal = Permissions.stillGrants(tx, account, invitation);
      if (refusal != null) {
        return new PreviewResult.NotAllowed(refusal);
      }
      return new PreviewResult.Valid(previewOf(tx, account, invitation));
    });
  }

  /** The preview of a usable invitation: who invites, to which account, as what, until when. */
  static InvitationPreview previewOf(StoreTransaction tx, Invitation invitation) {
    return previewOf(tx, tx.accounts().find(invitation.accountId()).orElseThrow(), invitation);
  }

  /** {@link #previewOf(StoreTransaction, Invitation)} for the invitation's account, already read. */
  static InvitationPreview previewOf(StoreTransaction tx, Account account, Invitation invitation) {
    User inviter = tx.users().find(invitation.invitedBy()).map(StoredUser::user).orElseThrow();
    return new InvitationPreview(account.name(), inviter.displayName(), inviter.email(), invitation.email(),
        invitation.role(), invitation.expiresAt());
  }
}
