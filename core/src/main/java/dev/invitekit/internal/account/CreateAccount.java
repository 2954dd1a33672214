package dev.invitekit.internal.account;

import dev.invitekit.account.Account;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.Accounts;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.email.AddressCheck;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.email.DomainNames;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.mail.MailComposer;
import dev.invitekit.internal.mail.MailDispatcher;
import dev.invitekit.internal.password.Argon2idHasher;
import dev.invitekit.internal.ratelimit.RateLimiter;
import dev.invitekit.internal.signup.FormRules;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.member.User;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import dev.invitekit.spi.store.FounderSignup;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoredUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Creating an account (A1–A4): the form checked, then the account and its unconfirmed founder recorded
 * with the confirmation mail (A3); the founder becomes its first admin on {@link ConfirmFounder}.
 */
final class CreateAccount {
  /** Most Pro+ seats one account may buy; a guard against typos, not a business rule. */
  private static final int MAX_SEATS = 1_000_000;
  /** How long an expired, unconfirmed founder sign-up is kept so its link answers EXPIRED (A3). */
  private static final Duration EXPIRED_KEPT = Duration.ofDays(7);

  private final UnitOfWork work;
  private final Clock clock;
  private final ZoneId zone;
  private final EventBus events;
  private final FormRules formRules;
  private final Argon2idHasher hasher;
  private final Tokens tokens;
  private final RateLimiter rateLimiter;
  private final MailComposer composer;
  private final MailDispatcher outbox;
  private final FounderConfirmations confirmations;
  private final WebmailDomains webmail;

  CreateAccount(UnitOfWork work, Clock clock, ZoneId zone, EventBus events, FormRules formRules,
      Argon2idHasher hasher, Tokens tokens, RateLimiter rateLimiter, MailComposer composer, MailDispatcher outbox,
      FounderConfirmations confirmations, WebmailDomains webmail) {
    this.work = work;
    this.clock = clock;
    this.zone = zone;
    this.events = events;
    this.formRules = formRules;
    this.hasher = hasher;
    this.tokens = tokens;
    this.rateLimiter = rateLimiter;
    this.composer = composer;
    this.outbox = outbox;
    this.confirmations = confirmations;
    this.webmail = webmail;
  }

  AccountCreation create(NewAccount request) {
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
    FormRules.age(request.birthDate(), LocalDate.now(clock.withZone(zone)), problems);
    // S5: the password's problems too, even when the address is invalid (then without the check that the
    // password does not contain it: the next try, with a valid address, makes that check)
    String password = formRules.password(request.password().reveal(), request.passwordConfirmation().reveal(), email,
        FormRules.names(first, last), problems);
    if (!problems.isEmpty() || email == null || password == null || name == null || first == null || last == null) {
      return new AccountCreation.Rejected(problems);
    }
    PasswordHash hash = hasher.hash(password);
    Instant now = clock.instant();
    Account account = new Account(AccountId.random(), name, request.plan(), domains, request.proPlusSeats(),
        InvitePolicy.defaults(), request.locale(), now);
    User founder = new User(UserId.random(), email, first, last, now, now);
    String token = tokens.next();
    Instant expiresAt = now.plus(confirmations.lifetime());
    EmailAddress address = email;
    record Recorded(AccountCreation answer, @Nullable String mailId) {}
    Recorded recorded = work.tx("creating an account", tx -> {
      // Unconfirmed sign-ups a week past their lifetime are discarded here, with their memberless accounts
      // (A3); until then their link answers EXPIRED rather than UNKNOWN.
      tx.founderSignups().deleteExpired(now.minus(EXPIRED_KEPT));
      // No look at whether the address already has an identity: the answer and the mail are the same either
      // way, so account creation tells nobody which addresses have one (issue 8 review). An owner who has
      // one keeps it: confirming adds that identity as the new account's first admin.
      Optional<Duration> wait = rateLimiter.tryAcquire(tx, "founder-confirmation:" + address,
          Accounts.CONFIRMATIONS_PER_ADDRESS_PER_DAY, Duration.ofDays(1), 1);
      if (wait.isPresent()) {
        return new Recorded(new AccountCreation.RateLimited(wait.get()), null);
      }
      // A3: the account has no member and the founder is no user until the address is proven.
      tx.accounts().insert(account);
      tx.founderSignups().insert(new FounderSignup(Tokens.digest(token), account.id(), new StoredUser(founder, hash),
          expiresAt, null));
      String mailId = outbox.enqueue(tx, composer.founderConfirmation(account, founder,
          confirmations.url(token), expiresAt), account.id(), null, null);
      return new Recorded(new AccountCreation.ConfirmationSent(address, expiresAt, DeliveryStatus.NOT_SENT), mailId);
    });
    if (recorded.mailId() == null) {
      return recorded.answer();
    }
    events.publish(List.of(new InvitekitEvent.FounderConfirmationSent(now, account.id(), expiresAt)));
    DeliveryStatus delivery = outbox.deliverNow(recorded.mailId());
    return new AccountCreation.ConfirmationSent(address, expiresAt, delivery);
  }

  /** The company domains in IDNA form, with a problem for each invalid, webmail or disposable one (A1, A4). */
  private List<String> domains(List<String> raw, List<FieldProblem> problems) {
    Set<String> domains = new LinkedHashSet<>();
    for (String input : raw) {
      String ascii = DomainNames.ascii(input == null ? "" : input);
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
}
