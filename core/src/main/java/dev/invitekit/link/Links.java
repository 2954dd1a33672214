package dev.invitekit.link;

import dev.invitekit.secret.Token;
import dev.invitekit.id.AccountId;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.id.InvitationId;
import dev.invitekit.id.UserId;
import org.jspecify.annotations.Nullable;

/** The account's shareable invite link (L1–L3). */
public interface Links {

  /**
   * The account's current invite link, created on first use (L1). Members allowed to invite co-workers
   * may have it; links must be on. An expired link is replaced by a new one; a link that reached its use
   * limit is returned as it is (see {@link InviteLink#isUsableAt}) until an admin {@link #rotate rotates}
   * it, so that asking again cannot lift the limit.
   */
  LinkAccess current(UserId memberId, AccountId accountId);

  /** Replaces the link: the old URL stops working at once (L1). Admins only. */
  LinkAccess rotate(UserId adminId, AccountId accountId);

  /**
   * "Share via email" (L2): builds a {@code mailto:} URI to the given addresses with a localized subject
   * and a body holding the link, and when {@code send} is true also sends that message through the mail
   * provider to each address. Whoever may have the link may share it (L1, U6; else
   * {@link ShareResult.NotAllowed}). Sending takes the same per-inviter, per-account and per-recipient
   * permits as inviting (A2, I4), counted in the store and so shared by every node: a recipient over a
   * limit gets nothing and is listed in {@link ShareResult.Shared#rateLimited()}.
   */
  ShareResult share(UserId memberId, AccountId accountId, String recipients, boolean send);

  /**
   * Redeems a link (L3): a company-domain address gets a personal invitation emailed to it, and the link's
   * use count goes up within its limit. An outside address is admitted as a guest only where the policy
   * lets links admit guests and every member who may fetch the link may invite guests by email (L1, U5):
   * the link admits in the account's name under its current policy, whoever fetched it. The answer and the
   * use count are the same whether or not the address already has an account, a membership or an open
   * invitation.
   *
   * @param linkToken the token from the link's URL
   * @param email the address the visitor typed
   */
  default Redemption redeem(Token linkToken, String email) {
    return redeem(linkToken, email, null);
  }

  /**
   * As {@link #redeem(Token, String)}, counting a malformed or unknown link token against
   * {@code clientKey} (SPEC §5): past the builder's {@code tokenAttemptLimits} a miss answers
   * {@link Redemption.Reason#TOO_MANY_ATTEMPTS}; a known link token is never counted and never refused for
   * what others sent. Invitekit cannot see the visitor's IP
   * address: pass whatever identifies the client to you (an IP address, a session id), or null to count
   * only against the global cap. The key is stored only as a digest.
   *
   * @param linkToken the token from the link's URL
   * @param email the address the visitor typed
   * @param clientKey who is asking, as the app identifies them, or null
   */
  Redemption redeem(Token linkToken, String email, @Nullable String clientKey);

  /**
   * Who joined through the account's links, oldest first (L1, U7): {@link LinkJoins.Listed}. Admins only;
   * anyone else gets {@link LinkJoins.NotAllowed} with a typed refusal (U6), never an empty list.
   */
  LinkJoins joins(UserId adminId, AccountId accountId);

  /** Approves a link redemption awaiting approval (L1): the invitation is emailed. Admins only. */
  InvitationChange approve(UserId adminId, AccountId accountId, InvitationId invitationId);

  /** Denies a link redemption awaiting approval (L1): it is revoked and nothing is sent. Admins only. */
  InvitationChange deny(UserId adminId, AccountId accountId, InvitationId invitationId);
}
