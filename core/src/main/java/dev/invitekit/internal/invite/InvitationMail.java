package dev.invitekit.internal.invite;

import dev.invitekit.secret.Token;
import dev.invitekit.account.Account;
import dev.invitekit.internal.mail.MailComposer;
import dev.invitekit.internal.mail.MailDispatcher;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.internal.url.AppUrls;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.member.User;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.TokenDigest;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * An invitation's token and mail: issues a fresh token (I5), records the mail with its link in the outbox
 * of the invitation's unit of work (I6, I11, L3, SPEC §5) and makes the one attempt after commit.
 */
public final class InvitationMail {
  private final Tokens tokens;
  private final AppUrls urls;
  private final MailComposer composer;
  private final MailDispatcher outbox;

  /** Tokens from {@code tokens}, links from {@code urls}, mail from {@code composer} through {@code outbox}. */
  public InvitationMail(Tokens tokens, AppUrls urls, MailComposer composer, MailDispatcher outbox) {
    this.tokens = tokens;
    this.urls = urls;
    this.composer = composer;
    this.outbox = outbox;
  }

  /** A new token for {@code invitation} and the stored form with its digest (I5). */
  public Dispatch.Issued issue(Invitation invitation) {
    String token = tokens.next();
    TokenDigest digest = Tokens.digest(token);
    return new Dispatch.Issued(new StoredInvitation(invitation, digest), digest, Token.of(token));
  }

  /**
   * Composes the invitation's mail and records it in the outbox of {@code tx}: the invitation (I6), its
   * reminder (I11), or, when there is no inviter, the link redemption's verification (L3).
   */
  public Dispatch enqueue(StoreTransaction tx, Dispatch.Issued issued, Account account, @Nullable User inviter,
      boolean reminder) {
    Dispatch.Prepared prepared = prepare(issued, account, inviter, reminder);
    tx.outbox().insert(prepared.entry());
    return prepared.dispatch();
  }

  /**
   * Composes the invitation's mail as {@link #enqueue} does, without recording it: the caller records the
   * entries of several invitations in one bulk step ({@code Outbox.insertAll}).
   */
  public Dispatch.Prepared prepare(Dispatch.Issued issued, Account account, @Nullable User inviter,
      boolean reminder) {
    Invitation invitation = issued.stored().invitation();
    URI link = urls.invitation(issued.token().reveal());
    MailMessage message = inviter == null
        ? composer.linkVerification(invitation, account, link)
        : composer.invitation(invitation, account, inviter, link, reminder);
    OutboxEntry entry = outbox.entry(message, account.id(), invitation.id(), issued.digest());
    return new Dispatch.Prepared(new Dispatch(issued.stored(), entry.id()), entry, message);
  }

  /** One attempt right after commit; records the delivery on the invitation and returns what happened. */
  public DeliveryStatus send(Dispatch dispatch) {
    return outbox.deliverNow(dispatch.mailId());
  }

  /** The link in a verification mail for {@code issued}, composed and thrown away (L3: equal work for decoys). */
  public void composeDecoy(Dispatch.Issued issued, Account account) {
    composer.linkVerification(issued.stored().invitation(), account, urls.invitation(issued.token().reveal()));
  }
}
