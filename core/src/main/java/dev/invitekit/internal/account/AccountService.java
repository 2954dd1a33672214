package dev.invitekit.internal.account;

import dev.invitekit.Refusal;
import dev.invitekit.account.Account;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.AccountId;
import dev.invitekit.account.Accounts;
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
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.member.UserId;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoredUser;
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

  private final Kernel kernel;
  private final WebmailDomains webmail;

  /** The service on the shared kernel, with the shipped lists of domains that cannot be company domains (A4). */
  public AccountService(Kernel kernel) {
    this(kernel, WebmailDomains.shippedAnd(Set.of()));
  }

  /** The service on the shared kernel, with the app's lists of domains that cannot be company domains (A4). */
  public AccountService(Kernel kernel, WebmailDomains webmail) {
    this.kernel = kernel;
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
    boolean created = kernel.tx("creating an account", tx -> {
      if (!tx.insertUser(new StoredUser(founder, hash))) {
        return false;
      }
      tx.insertAccount(account);
      tx.insertMembership(new Membership(account.id(), founder.id(), Role.ADMIN, true, null, null, now));
      return true;
    });
    if (!created) {
      return new AccountCreation.Rejected(List.of(new FieldProblem(Field.EMAIL, Code.ALREADY_TAKEN,
          "This address already has an identity: sign in first, then create the company account.")));
    }
    kernel.publish(List.of(new InvitekitEvent.AccountCreated(now, account.id(), founder.id())));
    return new AccountCreation.Created(account, founder);
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
  public Optional<Account> find(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return kernel.tx("finding an account", tx -> tx.findAccount(accountId));
  }

  @Override
  public PolicyChange updatePolicy(UserId adminId, AccountId accountId, InvitePolicy policy) {
    Objects.requireNonNull(adminId, "adminId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(policy, "policy");
    Instant now = kernel.now();
    PolicyChange change = kernel.tx("updating the invite policy", tx -> {
      Optional<Account> account = tx.findAccount(accountId);
      if (account.isEmpty()) {
        return new PolicyChange.NotAllowed(Refusal.of(Refusal.Reason.NOT_A_MEMBER, "There is no such account."));
      }
      Optional<Membership> actor = tx.findMembership(accountId, adminId);
      if (actor.isEmpty() || actor.get().role() != Role.ADMIN) {
        return new PolicyChange.NotAllowed(
            Permissions.adminsOnly(account.get(), "change the invite policy", () -> Permissions.admins(tx, account.get())));
      }
      Account updated = account.get().withPolicy(policy);
      tx.updateAccount(updated);
      if (!policy.linksEnabled()) {
        tx.findActiveLink(accountId).ifPresent(link -> tx.deactivateLink(link.id()));
      }
      return new PolicyChange.Changed(updated);
    });
    if (change instanceof PolicyChange.Changed) {
      kernel.publish(List.of(new InvitekitEvent.PolicyChanged(now, accountId, adminId)));
    }
    return change;
  }
}
