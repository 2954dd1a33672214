package dev.invitekit.internal.invite;

import dev.invitekit.secret.Token;
import dev.invitekit.account.Account;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.member.User;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.TokenDigest;

/**
 * An invitation mail recorded in the outbox inside the invitation's unit of work (SPEC §5), to be sent
 * once that unit of work committed ({@link InvitationMail}). Its fresh token exists only in the mail's link
 * (I5), which lives sealed in the outbox until delivered.
 *
 * @param stored the invitation with its token digest
 * @param mailId the outbox entry's id, the mail's {@code Message-ID}
 */
public record Dispatch(StoredInvitation stored, String mailId) {

  /**
   * Gives {@code current} the token of {@code issued} if its state is still {@code expectedState}, and
   * remembers the token it replaces as superseded (I7), so the older mail's link answers that a newer
   * mail was sent; returns whether the invitation was updated.
   */
  public static boolean reissue(StoreTransaction tx, StoredInvitation current, Issued issued,
      InvitationState expectedState) {
    if (!tx.invitations().update(issued.stored(), expectedState)) {
      return false;
    }
    TokenDigest replaced = current.tokenDigest();
    if (replaced != null && !replaced.equals(issued.digest())) {
      tx.invitations().supersedeToken(current.invitation().id(), replaced);
    }
    return true;
  }

  /**
   * An invitation as stored, the digest it is stored with, and its fresh token; every component shows
   * itself redacted (I5).
   */
  public record Issued(StoredInvitation stored, TokenDigest digest, Token token) {}

  /**
   * A dispatch, the outbox entry still to record for it, and the message its payload was sealed from, to
   * be sent as it is after commit rather than opened again ({@code MailDispatcher.deliverNow}).
   */
  public record Prepared(Dispatch dispatch, OutboxEntry entry, MailMessage message) {}
}
