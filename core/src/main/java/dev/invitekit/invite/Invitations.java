package dev.invitekit.invite;

import dev.invitekit.id.InvitationId;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import java.util.List;
import java.util.Optional;

/** Invitations by email (I1–I11). */
public interface Invitations {

  /**
   * Invites every address of a pasted list as members (co-workers or guests by domain, U3); shorthand
   * for {@code invite(InviteRequest.members(inviterId, accountId, addresses))}.
   */
  InviteResult inviteByEmail(UserId inviterId, AccountId accountId, String addresses);

  /**
   * Invites every address of a pasted list (I1–I4, I10, U3–U6). The list is parsed (I1), duplicates
   * collapse (I3); more than 20 distinct valid addresses are refused as a whole (I2), invalid entries not
   * counted, and so is a list of more than 200 distinct entries, valid or not; then each entry gets its own
   * outcome (I4), an invalid one an {@link AddressOutcome.Invalid}. Each new invitation is recorded before
   * its email is sent; a mail failure leaves it recorded with its delivery marked failed (SPEC §5).
   *
   * <p>With an idempotency key (I10), repeating the same request (same addresses, role and language) by
   * the same inviter in the same account returns the first report, marked replayed, and sends nothing
   * again. The same key with a different request is refused with
   * {@link InviteResult.IdempotencyKeyReused}, and nothing is done: a new request needs a new key.
   *
   * @return {@link InviteResult.InviteReport}; {@link InviteResult.TooManyAddresses} or
   *     {@link InviteResult.TooManyEntries} (I2); {@link InviteResult.IdempotencyKeyReused} or
   *     {@link InviteResult.InvalidIdempotencyKey} (I10); or
   *     {@link InviteResult.NotPermitted} (U6)
   */
  InviteResult invite(InviteRequest request);

  /**
   * Revokes an open invitation (I7). An admin or the inviter may; the token stops working at once. An invitation
   * made through the link has no member inviter: only admins revoke it (denying a redemption awaiting approval is
   * theirs, L1); a member who invites its address sends it as their own.
   */
  InvitationChange revoke(UserId actorId, AccountId accountId, InvitationId invitationId);

  /**
   * Re-sends a pending invitation with a fresh token (I7): the old link stops working, the expiry is
   * renewed, and re-sends are rate-limited per invitation. This is also how a failed delivery is retried. An admin
   * or the inviter may, as for {@link #revoke}.
   */
  InvitationChange resend(UserId actorId, AccountId accountId, InvitationId invitationId);

  /**
   * The invitation with this id, if the actor may see it, as in {@link #list}. Never carries a token (I5).
   */
  Optional<Invitation> find(UserId actorId, AccountId accountId, InvitationId invitationId);

  /**
   * The account's invitations the actor may see: admins see all, other members those they sent (not those made
   * through the link, whoever fetched it). Never carries tokens (I5).
   */
  List<Invitation> list(UserId actorId, AccountId accountId);

  /**
   * Marks every open invitation whose lifetime has passed as {@code EXPIRED}, tells each inviter when
   * the policy says so (I11), and returns how many expired. Apps call it periodically.
   */
  int expireDue();

  /**
   * Emails a reminder, with a fresh link, for each pending invitation within the account's
   * {@code reminderBeforeExpiry} of expiring that has not been reminded yet (I11). Returns how many.
   */
  int sendReminders();
}
