package dev.invitekit.trusted;

import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.Membership;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Reads without an acting user, <strong>for the app's own trusted server-side code only</strong> (U7): a
 * sign-in layer loading the user of a session, a back-office job, a test. They show everything to whoever
 * calls them, so never expose them to callers, and never pass them an id a caller chose without first
 * checking that caller's right to see it. Everything a caller asks for goes through the checked reads:
 * {@code Accounts.find}, {@code Members.list}, {@code Members.find}, {@code Members.user},
 * {@code Members.admins}, which take the acting user.
 */
public interface TrustedReads {

  /** The user with this id, if any. Trusted code only (U7). */
  Optional<User> user(UserId userId);

  /** The account with this id, if any (an unconfirmed account too, A3). Trusted code only (U7). */
  Optional<Account> account(AccountId accountId);

  /** Every membership of the account, admins first, then co-workers, then guests. Trusted code only (U7). */
  List<Membership> members(AccountId accountId);

  /** The membership of the user in the account, if any. Trusted code only (U7). */
  Optional<Membership> membership(AccountId accountId, UserId userId);

  /** The account's admins as contact cards (U6). Trusted code only (U7). */
  List<AdminContact> admins(AccountId accountId);
}
