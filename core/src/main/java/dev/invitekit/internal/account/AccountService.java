package dev.invitekit.internal.account;

import dev.invitekit.secret.Password;
import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Token;
import dev.invitekit.account.Account;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.Accounts;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.PolicyChange;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.contacts.Directory;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.mail.MailComposer;
import dev.invitekit.internal.mail.MailDispatcher;
import dev.invitekit.internal.password.Argon2idHasher;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.ratelimit.RateLimiter;
import dev.invitekit.internal.ratelimit.TokenAttempts;
import dev.invitekit.internal.signup.FormRules;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.member.User;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.spi.store.FounderSignup;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Accounts (A1–A4): the {@link Accounts} API over {@link CreateAccount} and {@link ConfirmFounder}; reading
 * an account and changing its invite policy are here.
 */
public final class AccountService implements Accounts {
  private final UnitOfWork work;
  private final Clock clock;
  private final EventBus events;
  private final CreateAccount create;
  private final ConfirmFounder confirm;

  /**
   * Wires the use cases of accounts, with how founders confirm their address (A3) and the lists of domains
   * that cannot be company domains (A4).
   */
  public AccountService(UnitOfWork work, Clock clock, ZoneId zone, EventBus events, FormRules formRules,
      Argon2idHasher hasher, Tokens tokens, RateLimiter rateLimiter, TokenAttempts tokenAttempts,
      Directory directory, MailComposer composer, MailDispatcher outbox, FounderConfirmations confirmations,
      WebmailDomains webmail) {
    this.work = work;
    this.clock = clock;
    this.events = events;
    this.create = new CreateAccount(work, clock, zone, events, formRules, hasher, tokens, rateLimiter, composer,
        outbox, confirmations, webmail);
    this.confirm = new ConfirmFounder(work, clock, events, hasher, tokenAttempts, directory);
  }

  @Override
  public AccountCreation create(NewAccount request) {
    return create.create(request);
  }

  @Override
  public FounderConfirmation confirmFounder(Token token, Password password, @Nullable String clientKey) {
    return confirm.confirmFounder(Objects.requireNonNull(token, "token").reveal(),
        Objects.requireNonNull(password, "password").reveal(), clientKey);
  }

  @Override
  public Optional<Account> find(UserId viewerId, AccountId accountId) {
    Objects.requireNonNull(viewerId, "viewerId");
    Objects.requireNonNull(accountId, "accountId");
    // U7: only a member sees the account; an unknown account and a foreign one answer alike.
    return work.tx("finding an account", tx -> tx.memberships().find(accountId, viewerId).isEmpty() ? Optional.empty()
        : tx.accounts().find(accountId));
  }

  @Override
  public PolicyChange updatePolicy(UserId adminId, AccountId accountId, InvitePolicy policy) {
    Objects.requireNonNull(adminId, "adminId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(policy, "policy");
    Instant now = clock.instant();
    PolicyChange change = work.tx("updating the invite policy", tx -> {
      // Locked like every change to the account's members, licenses or link (U2, L1): two admins changing
      // the policy at once apply one after the other, and the current link's limits follow the last one.
      Optional<Account> account = tx.accounts().lock(accountId);
      Optional<Membership> actor = account.isEmpty() ? Optional.empty() : tx.memberships().find(accountId, adminId);
      if (account.isEmpty() || actor.isEmpty()) {
        // U7: an outsider learns nothing, not even whether the account exists, its name or its admins.
        return new PolicyChange.NotAllowed(Permissions.notAMember());
      }
      if (actor.get().role() != Role.ADMIN) {
        return new PolicyChange.NotAllowed(
            Permissions.adminsOnly(account.get(), "change the invite policy", () -> Permissions.admins(tx, account.get())));
      }
      // Built again to check the bounds the constructor leaves to the builder (A2, L1, I11): a policy made with
      // the constructor is refused here as the builder would refuse it, naming the setting. After the permission
      // check, so that whoever may not change the policy gets NotAllowed whatever they sent (review 19); the
      // exception rolls back the unit of work, which has changed nothing yet.
      InvitePolicy checked = policy.toBuilder().build();
      Account updated = account.get().withPolicy(checked);
      tx.accounts().update(updated);
      if (!checked.linksEnabled()) {
        tx.links().findActive(accountId).ifPresent(link -> tx.links().deactivate(link.id()));
      } else {
        // The policy is the source of truth for the link's limits: a lower use limit or a shorter (or
        // longer) lifetime applies to the current link at once, on every node (L1, issue 9 item 7).
        tx.links().findActive(accountId).ifPresent(link -> tx.links().updateLimits(link.id(),
            link.createdAt().plus(checked.linkLifetimeInEffect()), checked.linkUseLimit()));
      }
      return new PolicyChange.Changed(updated);
    });
    if (change instanceof PolicyChange.Changed) {
      events.publish(List.of(new InvitekitEvent.PolicyChanged(now, accountId, adminId)));
    }
    return change;
  }
}
