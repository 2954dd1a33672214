package dev.invitekit.internal.account;

import dev.invitekit.Refusal;
import dev.invitekit.account.Account;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.AccountId;
import dev.invitekit.account.Accounts;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.account.PolicyChange;
import dev.invitekit.email.AddressCheck;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.internal.Kernel;
import dev.invitekit.internal.email.AddressSyntax;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.signup.FormRules;
import dev.invitekit.internal.text.Utf16;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.member.UserId;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.spi.store.FounderSignup;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Accounts (A1–A4). */
public final class AccountService implements Accounts {
  /** Most Pro+ seats one account may buy; a guard against typos, not a business rule. */
  static final int MAX_SEATS = 1_000_000;
  /** How long an expired, unconfirmed founder sign-up is kept so its link answers EXPIRED (A3). */
  static final Duration EXPIRED_KEPT = Duration.ofDays(7);

  private final Kernel kernel;
  private final FounderConfirmations confirmations;
  private final WebmailDomains webmail;

  /**
   * The service on the shared kernel, with how founders confirm their address (A3) and the lists of domains
   * that cannot be company domains (A4).
   */
  public AccountService(Kernel kernel, FounderConfirmations confirmations, WebmailDomains webmail) {
    this.kernel = kernel;
    this.confirmations = confirmations;
    this.webmail = webmail;
  }

  @Override
  public AccountCreation create(NewAccount request) {
    Objects.requireNonNull(request, "request");
    List<FieldProblem> problems = new ArrayList<>();
    String name = FormRules.name(request.name(), Field.ACCOUNT_NAME, problems);
    List<String> domains = domains(request.domains(), problems);
    if (request.proPlusSeats() < 0 || request.proPlusSeats() > MAX_SEATS) {
      problems.add(new FieldProblem(Field.SEATS, Code.INVALID, "Seats must be 0 to " + MAX_SEATS + "."));
    } else if (request.plan() == Plan.PRO && request.proPlusSeats() != 0) {
      problems.add(new FieldProblem(Field.SEATS, Code.INVALID, "Only Pro+ accounts have Pro+ seats (P1)."));
    }
    EmailAddress email = null;
    AddressCheck check = EmailAddress.check(request.founderEmail());
    if (check instanceof AddressCheck.Valid valid) {
      email = valid.address();
      if (!domains.isEmpty() && !domains.contains(email.domain())) {
        problems.add(new FieldProblem(Field.EMAIL, Code.NOT_COMPANY_DOMAIN,
            "The founder becomes the first admin, so their address must be at one of the company domains (U4)."));
      }
    } else {
      problems.add(new FieldProblem(Field.EMAIL, Code.INVALID, ((AddressCheck.Invalid) check).problem().message()));
    }
    String first = FormRules.name(request.firstName(), Field.FIRST_NAME, problems);
    String last = FormRules.name(request.lastName(), Field.LAST_NAME, problems);
    FormRules.age(request.birthDate(), kernel.today(), problems);
    String password = email == null ? null : kernel.formRules.password(request.password(),
        request.passwordConfirmation(), email, FormRules.names(first, last), problems);
    if (!problems.isEmpty() || email == null || password == null || name == null || first == null || last == null) {
      return new AccountCreation.Rejected(problems);
    }
    PasswordHash hash = kernel.hasher.hash(password);
    Instant now = kernel.now();
    Account account = new Account(AccountId.random(), name, request.plan(), domains, request.proPlusSeats(),
        InvitePolicy.defaults(), request.locale(), now);
    User founder = new User(UserId.random(), email, first, last, now, now);
    String token = kernel.tokens.next();
    Instant expiresAt = now.plus(confirmations.lifetime());
    EmailAddress address = email;
    record Recorded(AccountCreation answer, @Nullable String mailId) {}
    Recorded recorded = kernel.tx("creating an account", tx -> {
      // Unconfirmed sign-ups a week past their lifetime are discarded here, with their memberless accounts
      // (A3); until then their link answers EXPIRED rather than UNKNOWN.
      tx.founderSignups().deleteExpired(now.minus(EXPIRED_KEPT));
      // No look at whether the address already has an identity: the answer and the mail are the same either
      // way, so account creation tells nobody which addresses have one (issue 8 review). An owner who has
      // one keeps it: confirming adds that identity as the new account's first admin.
      Optional<Duration> wait = kernel.rateLimiter.tryAcquire(tx, "founder-confirmation:" + address,
          CONFIRMATIONS_PER_ADDRESS_PER_DAY, Duration.ofDays(1), 1);
      if (wait.isPresent()) {
        return new Recorded(new AccountCreation.RateLimited(wait.get()), null);
      }
      // A3: the account has no member and the founder is no user until the address is proven.
      tx.accounts().insert(account);
      tx.founderSignups().insert(new FounderSignup(Tokens.digest(token), account.id(), new StoredUser(founder, hash),
          expiresAt, null));
      String mailId = kernel.enqueue(tx, kernel.composer.founderConfirmation(account, founder,
          confirmations.url(token), expiresAt), account.id(), null, null);
      return new Recorded(new AccountCreation.ConfirmationSent(address, expiresAt, DeliveryStatus.NOT_SENT), mailId);
    });
    if (recorded.mailId() == null) {
      return recorded.answer();
    }
    kernel.publish(List.of(new InvitekitEvent.FounderConfirmationSent(now, account.id(), expiresAt)));
    DeliveryStatus delivery = kernel.deliverNow(recorded.mailId());
    return new AccountCreation.ConfirmationSent(address, expiresAt, delivery);
  }

  @Override
  public FounderConfirmation confirmFounder(String token, String password, @Nullable String clientKey) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(password, "password");
    Instant now = kernel.now();
    record Found(FounderSignup signup, Optional<StoredUser> existing) {}
    Object looked = kernel.tx("reading a founder sign-up", tx -> {
      // A token is looked up first and only a miss is counted (V6.3): a valid link is never refused.
      Optional<FounderSignup> signup = Tokens.isWellFormed(token)
          ? tx.founderSignups().findByToken(Tokens.digest(token)) : Optional.empty();
      if (signup.isEmpty()) {
        return new FounderConfirmation.Unusable(kernel.tokenAttempts.miss(tx, clientKey)
            ? FounderConfirmation.Status.UNKNOWN : FounderConfirmation.Status.TOO_MANY_ATTEMPTS);
      }
      if (signup.get().confirmedAt() != null) {
        return new FounderConfirmation.Unusable(FounderConfirmation.Status.ALREADY_USED);
      }
      if (!signup.get().isOpenAt(now)) {
        return new FounderConfirmation.Unusable(FounderConfirmation.Status.EXPIRED);
      }
      return new Found(signup.get(), tx.users().findByEmail(signup.get().founder().user().email()));
    });
    if (looked instanceof FounderConfirmation answer) {
      return answer;
    }
    Found found = (Found) looked;
    // A3: the mail proves the address, the password proves the person who chose it. The owner of an address
    // that already has an identity proves it with that identity's password; a sign-up someone else made for
    // the address can then found an account only for the identity the owner holds, never with a password a
    // stranger chose. The hash is verified outside any unit of work (it takes ~100 ms).
    PasswordHash expected = found.existing().map(StoredUser::passwordHash)
        .orElse(found.signup().founder().passwordHash());
    boolean matches = Utf16.isWellFormed(password)
        && kernel.hasher.verify(Normalizer.normalize(password, Normalizer.Form.NFKC), expected);
    if (!matches) {
      kernel.tx("counting a wrong founder password", tx -> kernel.tokenAttempts.miss(tx, clientKey));
      return new FounderConfirmation.WrongPassword();
    }
    TokenDigest digest = Tokens.digest(token);
    FounderConfirmation outcome;
    try {
      outcome = kernel.tx("confirming a founder", tx -> {
        Optional<Account> account = tx.accounts().find(found.signup().accountId());
        if (account.isEmpty()) {
          return new FounderConfirmation.Unusable(FounderConfirmation.Status.EXPIRED);
        }
        if (!tx.founderSignups().confirm(digest, now)) {
          // Confirmed by a concurrent click, or expired in between.
          throw new Refused(new FounderConfirmation.Unusable(FounderConfirmation.Status.ALREADY_USED));
        }
        User founder = found.signup().founder().user();
        if (found.existing().isPresent()) {
          founder = found.existing().get().user();
        } else if (!tx.users().insert(found.signup().founder())) {
          // The owner got an identity between the two looks: the password was checked against the sign-up,
          // not against that identity, so nothing is founded; the owner confirms again with their password.
          throw new Refused(new FounderConfirmation.WrongPassword());
        }
        tx.memberships().insert(new Membership(account.get().id(), founder.id(), Role.ADMIN, true, null, null, now));
        return new FounderConfirmation.Confirmed(account.get(), founder);
      });
    } catch (Refused refused) {
      return refused.answer;
    }
    if (outcome instanceof FounderConfirmation.Confirmed confirmed) {
      kernel.directory.invalidate(confirmed.account().id());
      kernel.publish(List.of(new InvitekitEvent.AccountCreated(now, confirmed.account().id(), confirmed.founder().id())));
    }
    return outcome;
  }

  /** Rolls back a confirmation's unit of work with its answer (A3). */
  private static final class Refused extends Kernel.Rollback {
    private static final long serialVersionUID = 1L;
    final transient FounderConfirmation answer;

    Refused(FounderConfirmation answer) {
      this.answer = answer;
    }
  }

  /** The company domains in IDNA form, with a problem for each invalid, webmail or disposable one (A1, A4). */
  private List<String> domains(List<String> raw, List<FieldProblem> problems) {
    Set<String> domains = new LinkedHashSet<>();
    for (String input : raw) {
      String ascii = AddressSyntax.asciiDomain(input == null ? "" : input);
      WebmailDomains.@Nullable Kind kind = ascii == null ? null : webmail.kindOf(ascii);
      if (ascii == null) {
        problems.add(new FieldProblem(Field.DOMAINS, Code.INVALID, "\"" + input + "\" is not a valid domain name."));
      } else if (kind == WebmailDomains.Kind.WEBMAIL) {
        problems.add(new FieldProblem(Field.DOMAINS, Code.WEBMAIL_DOMAIN,
            ascii + " is a public webmail domain, so it cannot be a company domain (A4)."));
      } else if (kind == WebmailDomains.Kind.DISPOSABLE) {
        problems.add(new FieldProblem(Field.DOMAINS, Code.DISPOSABLE_DOMAIN,
            ascii + " is a disposable-mail domain, so it cannot be a company domain (A4)."));
      } else {
        domains.add(ascii);
      }
    }
    if (raw.isEmpty()) {
      problems.add(new FieldProblem(Field.DOMAINS, Code.REQUIRED, "Give at least one company email domain."));
    }
    return List.copyOf(domains);
  }

  @Override
  public Optional<Account> find(UserId viewerId, AccountId accountId) {
    Objects.requireNonNull(viewerId, "viewerId");
    Objects.requireNonNull(accountId, "accountId");
    // U7: only a member sees the account; an unknown account and a foreign one answer alike.
    return kernel.tx("finding an account", tx -> tx.memberships().find(accountId, viewerId).isEmpty() ? Optional.empty()
        : tx.accounts().find(accountId));
  }

  @Override
  public PolicyChange updatePolicy(UserId adminId, AccountId accountId, InvitePolicy policy) {
    Objects.requireNonNull(adminId, "adminId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(policy, "policy");
    Instant now = kernel.now();
    PolicyChange change = kernel.tx("updating the invite policy", tx -> {
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
      Account updated = account.get().withPolicy(policy);
      tx.accounts().update(updated);
      if (!policy.linksEnabled()) {
        tx.links().findActive(accountId).ifPresent(link -> tx.links().deactivate(link.id()));
      } else {
        // The policy is the source of truth for the link's limits: a lower use limit or a shorter (or
        // longer) lifetime applies to the current link at once, on every node (L1, issue 9 item 7).
        tx.links().findActive(accountId).ifPresent(link -> tx.links().updateLimits(link.id(),
            link.createdAt().plus(policy.linkLifetime()), policy.linkUseLimit()));
      }
      return new PolicyChange.Changed(updated);
    });
    if (change instanceof PolicyChange.Changed) {
      kernel.publish(List.of(new InvitekitEvent.PolicyChanged(now, accountId, adminId)));
    }
    return change;
  }
}
