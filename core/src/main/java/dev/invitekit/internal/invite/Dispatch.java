package dev.invitekit.internal.invite;

import dev.invitekit.account.Account;
import dev.invitekit.internal.Kernel;
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
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * An invitation mail recorded in the outbox inside the invitation's unit of work (SPEC §5), to be sent
 * once that unit of work committed. Its fresh token exists only in the mail's link (I5), which lives
 * sealed in the outbox until delivered.
 *
 * @param stored the invitation with its token digest
 * @param mailId the outbox entry's id, the mail's {@code Message-ID}
 */
public record Dispatch(StoredInvitation stored, String mailId) {

  /** A new token for {@code invitation} and the stored form with its digest (I5). */
  public static Issued issue(Kernel kernel, Invitation invitation) {
    String token = kernel.tokens.next();
    return new Issued(new StoredInvitation(invitation, Tokens.digest(token)), token);
  }

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

  /** An invitation as stored, and its fresh token. */
  public record Issued(StoredInvitation stored, String token) {
    /** The digest of the token. */
    public TokenDigest digest() {
      return stored.tokenDigest();
    }

    /** Never shows the token. */
    @Override
    public String toString() {
      return "Issued[invitation=" + stored.invitation().id() + "]";
    }
  }

  /**
   * Composes the invitation's mail and records it in the outbox of {@code tx}: the invitation (I6), its
   * reminder (I11), or, when there is no inviter, the link redemption's verification (L3).
   */
  public static Dispatch enqueue(Kernel kernel, StoreTransaction tx, Issued issued, Account account,
      @Nullable User inviter, boolean reminder) {
    Prepared prepared = prepare(kernel, issued, account, inviter, reminder);
    tx.outbox().insert(prepared.entry());
    return prepared.dispatch();
  }

  /**
   * Composes the invitation's mail as {@link #enqueue} does, without recording it: the caller records the
   * entries of several invitations in one bulk step ({@code Outbox.insertAll}).
   */
  public static Prepared prepare(Kernel kernel, Issued issued, Account account, @Nullable User inviter,
      boolean reminder) {
    Invitation invitation = issued.stored().invitation();
    URI link = kernel.invitationUrl(issued.token());
    MailMessage message = inviter == null
        ? kernel.composer.linkVerification(invitation, account, link)
        : kernel.composer.invitation(invitation, account, inviter, link, reminder);
    OutboxEntry entry = kernel.dispatcher.entry(message, account.id(), invitation.id(), issued.digest());
    return new Prepared(new Dispatch(issued.stored(), entry.id()), entry);
  }

  /** A dispatch and the outbox entry still to record for it. */
  public record Prepared(Dispatch dispatch, OutboxEntry entry) {}

  /** One attempt right after commit; records the delivery on the invitation and returns what happened. */
  public DeliveryStatus send(Kernel kernel) {
    return kernel.deliverNow(mailId);
  }
}
