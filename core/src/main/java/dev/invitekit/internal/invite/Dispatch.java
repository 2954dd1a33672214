package dev.invitekit.internal.invite;

import dev.invitekit.account.Account;
import dev.invitekit.internal.Kernel;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.member.User;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.TokenDigest;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * An invitation mail to send once its unit of work committed: the invitation as stored, its fresh token
 * (which exists nowhere else: only in this mail's link, I5), and who invited.
 *
 * @param stored the invitation with its token digest
 * @param token the token for the link; never stored, never logged
 * @param account the account
 * @param inviter who invited; null for a link redemption (the verification mail names no inviter)
 * @param reminder whether this is the reminder before expiry (I11)
 */
public record Dispatch(StoredInvitation stored, String token, Account account, @Nullable User inviter, boolean reminder) {

  /** A new token for {@code invitation} and the stored form with its digest (I5). */
  public static Issued issue(Kernel kernel, Invitation invitation) {
    String token = kernel.tokens.next();
    return new Issued(new StoredInvitation(invitation, Tokens.digest(token)), token);
  }

  /** An invitation as stored, and its fresh token. */
  public record Issued(StoredInvitation stored, String token) {
    /** The digest of the token. */
    public TokenDigest digest() {
      return stored.tokenDigest();
    }
  }

  /** Composes and sends the mail, records the delivery on the invitation, and returns what happened. */
  public DeliveryStatus send(Kernel kernel) {
    Invitation invitation = stored.invitation();
    URI link = kernel.invitationUrl(token);
    MailMessage message = inviter == null
        ? kernel.composer.linkVerification(invitation, account, link)
        : kernel.composer.invitation(invitation, account, inviter, link, reminder);
    return kernel.deliver(message, account.id(), invitation.id(), stored.tokenDigest());
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "Dispatch[invitation=" + stored.invitation().id() + ", reminder=" + reminder + "]";
  }
}
