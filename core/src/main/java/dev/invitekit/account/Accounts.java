package dev.invitekit.account;

import dev.invitekit.member.UserId;
import java.util.Optional;

/** Company accounts (A1–A4). */
public interface Accounts {

  /**
   * Creates an account with its founder as first admin, in one unit of work (A3). The domains must be
   * real organisation domains, not public webmail (A4); the founder's address must be in one of them
   * (U4); the founder signs up under S2–S4.
   *
   * @return {@link AccountCreation.Created}, or {@link AccountCreation.Rejected} with every problem
   *     found and nothing created (S5)
   */
  AccountCreation create(NewAccount request);

  /** The account with this id, if any. */
  Optional<Account> find(AccountId accountId);

  /**
   * Replaces the account's invite policy (A2). Only admins may.
   *
   * @return {@link PolicyChange.Changed} with the updated account, or {@link PolicyChange.NotAllowed}
   */
  PolicyChange updatePolicy(UserId adminId, AccountId accountId, InvitePolicy policy);
}
