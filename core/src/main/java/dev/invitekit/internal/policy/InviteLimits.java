package dev.invitekit.internal.policy;

import dev.invitekit.account.Account;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.email.AddressEntry;
import dev.invitekit.email.AddressList;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.InvitationId;
import dev.invitekit.id.LinkId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;

/**
 * The limits every path that mails a typed address shares, inviting (I2, I4, I7) and sharing or redeeming
 * the invite link (L2, L3): how long a list may be, and the store counters an invitation takes (A2). Kept
 * here, once, so that both use cases count the same thing under the same key.
 */
public final class InviteLimits {
  /** At most this many distinct valid addresses per request (I2); invalid entries do not count. */
  public static final int MAX_ADDRESSES = 20;
  /**
   * At most this many distinct entries, valid or not, per request (I2): bounds the work of one request
   * (one outcome each), far above {@link #MAX_ADDRESSES}, so a list with a few typos is never refused.
   */
  public static final int MAX_ENTRIES = 200;
  /** The window of the re-send and recipient counters (A2, I7). */
  public static final Duration DAY = Duration.ofDays(1);
  private static final Duration HOUR = Duration.ofHours(1);

  private InviteLimits() {}

  /** The number of valid addresses of a (distinct) list, when more than {@link #MAX_ADDRESSES} (I2); else 0. */
  public static int tooManyAddresses(AddressList list) {
    long valid = list.entries().stream().filter(AddressEntry.Mailbox.class::isInstance).count();
    return valid > MAX_ADDRESSES ? (int) valid : 0;
  }

  /** Whether a (distinct) list has more than {@link #MAX_ENTRIES} entries, valid or not (I2). */
  public static boolean tooManyEntries(AddressList list) {
    return list.entries().size() > MAX_ENTRIES;
  }

  /**
   * One invitation from the inviter's hourly, the account's daily and the recipient's daily allowance
   * (A2, I4), in this order, in the store's counters so that every node sharing the store enforces one
   * limit. A refusal by a later limit gives back what the earlier ones took. Every path that mails an
   * address someone typed takes these permits: inviting, and sharing the link by email (L2, issue 8.3);
   * redeeming the link takes {@link #linkPermits}.
   */
  public static List<RateLimiter.Permit> permits(Account account, UserId inviterId, EmailAddress address) {
    return allowance(account, "inviter:" + account.id() + ":" + inviterId, recipientKey(account.id(), address));
  }

  /**
   * One link redemption from the link's hourly, the account's daily and the recipient's daily allowance (A2,
   * L3), as {@link #permits} but for the link in place of an inviter: the link's hour holds as many as a member's
   * (invitesPerInviterPerHour), and a new link (rotated) starts a new one. The recipient's day is the link's own
   * count for the address (see {@link #recipientKey}), kept across rotations. No member's own allowance is
   * spent, so whoever holds a link cannot keep its creator, or any member, from inviting; the account's day is
   * shared with everyone's invitations, so no link sends more than its account may.
   */
  public static List<RateLimiter.Permit> linkPermits(Account account, LinkId linkId, EmailAddress address) {
    return allowance(account, "link:" + linkId, "link-" + recipientKey(account.id(), address));
  }

  /**
   * The three permits both {@link #permits} and {@link #linkPermits} take, in this order: the sender's hour
   * under {@code hourKey} (a member or a link, each holding invitesPerInviterPerHour), the account's day and the
   * recipient's day under {@code recipientKey} (one for members' invitations, one for the link's).
   */
  private static List<RateLimiter.Permit> allowance(Account account, String hourKey, String recipientKey) {
    InvitePolicy policy = account.policy();
    return List.of(
        new RateLimiter.Permit(hourKey, policy.invitesPerInviterPerHour(), HOUR),
        new RateLimiter.Permit("account:" + account.id(), policy.invitesPerAccountPerDay(), DAY),
        new RateLimiter.Permit(recipientKey, policy.invitesPerRecipientPerDay(), DAY));
  }

  /**
   * The counter of invitations an account's members send to one address in a day (A2). Redemptions of the link
   * count in one of their own ({@link #linkPermits}), so that whoever holds the link cannot spend it and keep
   * every member from inviting a chosen address for the day (review 19); an address can so get at most twice the
   * limit a day, half of it through the link.
   */
  public static String recipientKey(AccountId accountId, EmailAddress address) {
    return "recipient:" + accountId + ":" + address;
  }

  /** The counter of a member's re-sends of one invitation in a day (I7). */
  public static String resendKey(InvitationId id) {
    return "resend:" + id;
  }

  /**
   * The counter of the link's re-sends of one invitation made through it, in a day (L3): a redemption of an
   * address whose link invitation is pending sends it again. Apart from {@link #resendKey}, so that repeated
   * redemptions do not spend what a member needs to send the invitation again as their own (review 19).
   */
  public static String linkResendKey(InvitationId id) {
    return "link-resend:" + id;
  }
}
