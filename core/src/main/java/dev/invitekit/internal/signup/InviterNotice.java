package dev.invitekit.internal.signup;

import dev.invitekit.account.Account;
import dev.invitekit.internal.mail.MailComposer;
import dev.invitekit.internal.mail.MailDispatcher;
import dev.invitekit.invite.Invitation;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.StoreTransaction;
import org.jspecify.annotations.Nullable;

/** The inviter's notice of an accept or decline (I11), recorded with the change it reports. */
final class InviterNotice {
  private InviterNotice() {}

  /**
   * Records the notice in the outbox of {@code tx} when the policy asks for it (I11): the mail to send with
   * {@link MailDispatcher#deliverRecorded} once {@code tx} committed, or null.
   */
  static MailDispatcher.@Nullable Outgoing enqueue(MailComposer composer, MailDispatcher outbox, StoreTransaction tx,
      Account account, @Nullable User inviter, Invitation invitation, MailComposer.Notice notice,
      @Nullable String inviteeName) {
    if (inviter == null || !account.policy().notifyInviter()) {
      return null;
    }
    return outbox.record(tx, composer.inviterNotice(inviter, invitation, account, notice, inviteeName),
        account.id(), null, null);
  }
}
