package dev.invitekit.internal.member;

import dev.invitekit.trusted.TrustedReads;
import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.Membership;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.StoredUser;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The unchecked reads for the app's trusted server-side code (U7): no acting user, so no check. */
public final class TrustedReadService implements TrustedReads {
  private final UnitOfWork work;

  /** Unchecked reads on the store's units of work (U7). */
  public TrustedReadService(UnitOfWork work) {
    this.work = work;
  }

  @Override
  public Optional<User> user(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    return work.tx("finding a user", tx -> tx.users().find(userId).map(StoredUser::user));
  }

  @Override
  public Optional<Account> account(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return work.tx("finding an account", tx -> tx.accounts().find(accountId));
  }

  @Override
  public List<Membership> members(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return MemberReads.ordered(work.tx("listing members", tx -> tx.memberships().ofAccount(accountId)));
  }

  @Override
  public Optional<Membership> membership(AccountId accountId, UserId userId) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(userId, "userId");
    return work.tx("finding a membership", tx -> tx.memberships().find(accountId, userId));
  }

  @Override
  public List<AdminContact> admins(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return work.tx("listing admins", tx -> tx.accounts().find(accountId)
        .map(account -> Permissions.admins(tx, account)).orElse(List.of()));
  }
}
