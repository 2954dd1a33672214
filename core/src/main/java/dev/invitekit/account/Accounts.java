package dev.invitekit.account;

import dev.invitekit.secret.Password;
import dev.invitekit.secret.Token;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Company accounts (A1–A4). */
public interface Accounts {

  /**
   * Confirmation mails one address may get a day from {@link #create}; past it, {@link AccountCreation.RateLimited}.
   */
  int CONFIRMATIONS_PER_ADDRESS_PER_DAY = 3;

  /**
   * Starts creating an account with its founder as first admin (A3). The domains must be real organisation
   * domains, not public webmail (A4); the founder's address must be in one of them (U4); the founder signs
   * up under S2–S4. When every check passes, the account and the founder's sign-up are recorded as
   * <em>unconfirmed</em> and a confirmation mail with a single-use link (a 256-bit token, stored only as its
   * SHA-256 digest) goes to the founder's address. Nothing is usable until the founder follows it
   * ({@link #confirmFounder(Token, Password)}): signing in answers {@code SignInResult.Unconfirmed}, the account has no
   * member, and the address stays free, so its real owner can still sign up from an invitation or found an
   * account (A3, U1). An unconfirmed sign-up expires after the builder's {@code founderConfirmationLifetime}
   * (default 24 hours) and is then discarded with its account.
   *
   * @return {@link AccountCreation.ConfirmationSent}; {@link AccountCreation.Rejected} with every problem
   *     found and nothing created (S5); or {@link AccountCreation.RateLimited} past
   *     {@link #CONFIRMATIONS_PER_ADDRESS_PER_DAY}. The answer is the same whether or not the address already
   *     has an identity, so it tells nobody which addresses have one; an owner who has one confirms and
   *     founds the account with that identity
   */
  AccountCreation create(NewAccount request);

  /**
   * The founder proves the address (A3): the token from the confirmation mail, with the password chosen when
   * the account was created, makes the founder's identity a user who can sign in and the account usable,
   * with the founder as its first admin, in one unit of work; at most once, even when clicked twice at the
   * same moment. Both are needed because the mail proves only the address: someone who created the account
   * with another person's address cannot confirm it (no mail), and that person cannot confirm it into an
   * identity whose password a stranger chose (they do not know it). When the address already has an
   * identity, its own password is the one to give, and that identity founds the account.
   *
   * @return {@link FounderConfirmation.Confirmed}, with the address's existing identity as the founder when it
   *     has one; {@link FounderConfirmation.WrongPassword} when the password is not the one that goes with the
   *     sign-up (or the existing identity), nothing changed and the link still usable; or
   *     {@link FounderConfirmation.Unusable} for an unknown, expired or already used token
   */
  default FounderConfirmation confirmFounder(Token token, Password password) {
    return confirmFounder(token, password, null);
  }

  /**
   * As {@link #confirmFounder(Token, Password)}, counting an unknown or malformed token, and a wrong password,
   * against {@code clientKey} and the global cap like invitation tokens (SPEC §5, see
   * {@code Signup#preview(Token, String)}).
   */
  FounderConfirmation confirmFounder(Token token, Password password, @Nullable String clientKey);

  /**
   * The account, as {@code viewerId} may see it (U7): present only when the viewer is a member of it. An
   * unknown account and one the viewer is not in answer alike (empty). Trusted server-side code that must
   * read any account uses {@code Invitekit.trusted()}.
   */
  Optional<Account> find(UserId viewerId, AccountId accountId);

  /**
   * Replaces the account's invite policy (A2). Only admins may.
   *
   * @return {@link PolicyChange.Changed} with the updated account, or {@link PolicyChange.NotAllowed}
   * @throws IllegalArgumentException if the actor is an admin and the policy, made with its constructor, has a
   *     link lifetime or a reminder lead over the bounds its builder keeps ({@link InvitePolicy#MAX_LINK_LIFETIME},
   *     {@link InvitePolicy#MAX_REMINDER_BEFORE_EXPIRY}); anyone else gets {@code NotAllowed} first
   */
  PolicyChange updatePolicy(UserId adminId, AccountId accountId, InvitePolicy policy);
}
