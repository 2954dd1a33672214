package dev.invitekit.examples.quickstart;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Password;
import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Token;
import dev.invitekit.account.Account;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.contacts.Contact;
import dev.invitekit.email.AddressEntry;
import dev.invitekit.email.AddressList;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseResult;
import dev.invitekit.link.InviteLink;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.LinkJoins;
import dev.invitekit.link.Redemption;
import dev.invitekit.link.ShareResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.mail.smtp.SmtpMailSender;
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.SignInResult;
import dev.invitekit.member.User;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.InvitationPreview;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.mail.MailSender;
import dev.invitekit.spi.store.Store;
import dev.invitekit.store.memory.InMemoryStore;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The quickstart: every flow of Invitekit on the in-memory defaults, printed as a walkthrough of the
 * product. Run it with {@code mvn -B -q -pl examples/quickstart exec:java} after installing the build; add
 * {@code -Dexec.args="--h2 PATH"} or {@code -Dexec.args="--pg URL"} to run it on the JDBC store.
 *
 * <p>It creates a Pro+ account for {@code acme.com}, invites a pasted list, signs people up through the
 * links in their mail, shows the sign-up rules refusing bad forms, shares and redeems the invite link,
 * assigns Pro+ licenses until the seats run out, shows a member without invite permission being refused,
 * and prints who sees whom. The clock is fixed, so every run prints the same text but for ids.
 *
 * <p>It never prints a password, and it hides the token of every invitation link it shows (I5); only the
 * shareable invite link is printed whole, because copying it is the point of that step (L1).
 */
public final class Quickstart {
  /** The instant the whole walkthrough happens at: fixed, so the output is the same on every run. */
  static final Instant NOW = Instant.parse("2025-06-02T09:00:00Z");

  // The passwords people type. Package-private so the test can prove none of them reaches the output.
  static final String DANA_PASSWORD = "tangerine harbor lantern 47";
  static final String BOB_PASSWORD = "maple syrup on a rainy tuesday";
  static final String ANN_PASSWORD = "kestrel over the quiet fjord";
  static final String SAM_PASSWORD = "skateboard pizza volcano ramp";
  static final String CAROL_WEAK_PASSWORD = "carol-jones-2025";
  static final String CAROL_WEAK_CONFIRMATION = "carol-jones-2024";
  static final String CAROL_PASSWORD = "violet glacier tramline nine";
  static final String ERIN_PASSWORD = "seven orange kites at dawn";

  /** Every password typed in the walkthrough, accepted or refused. */
  static final List<String> PASSWORDS = List.of(DANA_PASSWORD, BOB_PASSWORD, ANN_PASSWORD, SAM_PASSWORD,
      CAROL_WEAK_PASSWORD, CAROL_WEAK_CONFIRMATION, CAROL_PASSWORD, ERIN_PASSWORD);

  /** The list Dana pastes: co-workers, a named guest, a duplicate, herself, and a typo. */
  static final String PASTED_LIST = """
      bob@acme.com, carol@acme.com; sam@acme.com
      "Lee, Ann" <ann@example.org>, Bob@ACME.com; dana@acme.com, frank.acme.com""";

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private final Outbox outbox;
  private final List<InvitekitEvent> events = new CopyOnWriteArrayList<>();
  private final Invitekit kit;
  private final String where;
  private int section;

  /** A walkthrough on the in-memory store that prints to {@code out}. */
  Quickstart(PrintStream out) {
    this(out, new InMemoryStore(), "the in-memory store", null);
  }

  /** A walkthrough on the in-memory store that prints to {@code out} and also sends its mail through {@code relay}. */
  Quickstart(PrintStream out, @Nullable MailSender relay) {
    this(out, new InMemoryStore(), "the in-memory store", relay);
  }

  /** A walkthrough on {@code store} (described as {@code where} in the output) that prints to {@code out}. */
  Quickstart(PrintStream out, Store store, String where) {
    this(out, store, where, null);
  }

  /**
   * A walkthrough on {@code store} (described as {@code where}) that prints to {@code out} and also sends its
   * mail through {@code relay}, if given.
   */
  Quickstart(PrintStream out, Store store, String where, @Nullable MailSender relay) {
    this.out = Objects.requireNonNull(out, "out");
    this.where = Objects.requireNonNull(where, "where");
    this.outbox = new Outbox(out, relay);
    this.kit = Invitekit.builder()
        .store(store)                                  // in-memory by default; a JdbcStore with --h2 or --pg
        .mail(outbox)                                  // records and shows mail; an SMTP sender in production
        .baseUrl(URI.create("https://app.example.com"))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))       // fixed, so the walkthrough reads the same every run
        .addListener(events::add)
        .build();
  }

  /**
   * Runs the walkthrough on {@link System#out}: on the in-memory store, or on a JDBC store when given
   * {@code --h2 PATH}, {@code --pg URL}, or the environment variable {@code INVITEKIT_PG_URL} (see
   * {@link StoreChoice}). With {@code --smtp host:port} (or {@code INVITEKIT_SMTP_HOST} and
   * {@code INVITEKIT_SMTP_PORT}) it also sends every message to that SMTP server, such as a local Mailpit:
   * a development relay only. Pass flags with {@code -Dexec.args="--h2 target/quickstart-db"}.
   */
  public static void main(String[] args) {
    StoreChoice choice;
    SmtpMailSender smtp;
    try {
      choice = StoreChoice.from(args, System.getenv());
      smtp = smtpRelay(args, System.getenv());
    } catch (IllegalArgumentException wrongUsage) {
      System.err.println(wrongUsage.getMessage());
      System.err.println(StoreChoice.USAGE);
      System.exit(2);
      return;
    }
    try (choice) {
      Quickstart quickstart = new Quickstart(System.out, choice.store(), choice.description(), smtp);
      try {
        quickstart.run();
      } finally {
        quickstart.kit.close();
        if (smtp != null) {
          smtp.close();
        }
      }
    }
  }

  /**
   * The SMTP relay asked for by {@code --smtp host:port} or by {@code INVITEKIT_SMTP_HOST} (and
   * {@code INVITEKIT_SMTP_PORT}, default 25); null when neither is given.
   *
   * @throws IllegalArgumentException if the host or port is malformed
   */
  static @Nullable SmtpMailSender smtpRelay(String[] args, Map<String, String> env) {
    String hostPort = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--smtp") && i + 1 < args.length) {
        hostPort = args[i + 1];
      } else if (args[i].startsWith("--smtp=")) {
        hostPort = args[i].substring("--smtp=".length());
      }
    }
    String host;
    String port;
    if (hostPort != null) {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      port = colon < 0 ? "25" : hostPort.substring(colon + 1);
    } else if (env.get("INVITEKIT_SMTP_HOST") != null && !env.get("INVITEKIT_SMTP_HOST").isBlank()) {
      host = env.get("INVITEKIT_SMTP_HOST");
      port = env.getOrDefault("INVITEKIT_SMTP_PORT", "25");
    } else {
      return null;
    }
    int portNumber;
    try {
      portNumber = Integer.parseInt(port.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--smtp wants host:port, such as localhost:1025; the port was '" + port + "'");
    }
    return SmtpMailSender.builder().host(host.strip()).port(portNumber)
        .security(SmtpMailSender.Security.STARTTLS_OPTIONAL)   // a local development relay, not the internet
        .from("invites@app.example.com", "Acme Inc. via Invitekit")
        .build();
  }

  /** The mail the kit sent, links intact: for the tests. */
  RecordingMailbox mailbox() {
    return outbox.mailbox();
  }

  /** Runs every step in order. */
  void run() {
    out.println("Invitekit quickstart");
    out.println("====================");
    out.println("Every flow of the product on " + where + ". Mail is recorded instead of sent and");
    out.println("shown here with its link's token hidden. The clock stands at " + WHEN.format(NOW) + ",");
    out.println("so every run prints the same walkthrough; only ids differ.");

    Account acme = createAccount();
    User dana = kit.trusted().user(kit.trusted().members(acme.id()).get(0).userId()).orElseThrow();
    inviteList(acme, dana);
    User bob = signUpFromMail(acme, "bob@acme.com", "Bob", "Stone", LocalDate.of(1991, 9, 23), BOB_PASSWORD);
    User ann = signUpFromMail(acme, "ann@example.org", "Ann", "Lee", LocalDate.of(1979, 2, 28), ANN_PASSWORD);
    User carol = signupRules(acme);
    User erin = inviteLink(acme, dana);
    licenses(acme, dana, List.of(bob, ann, carol, erin));
    invitePermission(acme, dana, erin);
    contacts(acme, List.of(dana, bob, carol, erin, ann));
    events();

    blank();
    say("That is the product. Next: docs/getting-started.md to embed Invitekit in your app, and");
    say("docs/concepts.md for the rules behind each step.");
  }

  // ---- 1. account (A1-A4)

  private Account createAccount() {
    section("Create a Pro+ account with its founder (A1, A3, A4)");
    say("Dana Whitfield signs Acme Inc. up for the Pro+ plan with 2 Pro+ seats. acme.com is its company");
    say("domain; Dana signs up under the same rules as everyone (S2-S4). Nothing is usable until she");
    say("proves the address is hers (A3): the account and her identity wait for the link mailed to her.");
    AccountCreation creation = kit.accounts().create(new NewAccount("Acme Inc.", Plan.PRO_PLUS, List.of("acme.com"),
        2, Locale.US, "dana@acme.com", "Dana", "Whitfield", LocalDate.of(1986, 4, 12), Password.of(DANA_PASSWORD),
        Password.of(DANA_PASSWORD)));
    if (!(creation instanceof AccountCreation.ConfirmationSent sent)) {
      throw new IllegalStateException("the walkthrough's account was rejected: " + creation);
    }
    line("created", "confirmation mailed to " + sent.founderEmail() + ", link valid until "
        + WHEN.format(sent.expiresAt()));
    say("Mail sent:");
    outbox.listNew();
    if (kit.users().signIn("dana@acme.com", Password.of(DANA_PASSWORD))
        instanceof SignInResult.Unconfirmed unconfirmed) {
      line("sign-in", unconfirmed.message());
    }
    say("Dana follows the link and enters the password she chose; the app's page passes both to "
        + "accounts().confirmFounder:");
    outbox.show("dana@acme.com");
    FounderConfirmation confirmation = kit.accounts().confirmFounder(Token.of(outbox.tokenMailedTo("dana@acme.com")),
        Password.of(DANA_PASSWORD));
    if (!(confirmation instanceof FounderConfirmation.Confirmed created)) {
      throw new IllegalStateException("the walkthrough's founder was not confirmed: " + confirmation);
    }
    Account acme = created.account();
    line("account", acme.name() + ", plan " + acme.plan() + ", " + acme.proPlusSeats() + " Pro+ seats, company domain "
        + String.join(", ", acme.companyDomains()));
    line("founder", created.founder().displayName() + " <" + created.founder().email() + ">, "
        + kit.members().find(created.founder().id(), acme.id(), created.founder().id()).orElseThrow().role());
    return acme;
  }

  // ---- 2. bulk invitation (I1-I4, I7, U3)

  private void inviteList(Account acme, User dana) {
    section("Invite people by pasting a list (I1-I4, U3)");
    say("Dana pastes this into the invite box, as people do:");
    PASTED_LIST.lines().forEach(l -> say("    " + l));
    blank();
    AddressList pasted = AddressList.parse(PASTED_LIST);
    say(pasted.entries().size() + " entries: the comma inside the quotes does not split \"Lee, Ann\" (I1), and "
        + "addresses");
    say("compare case-insensitively, so duplicates collapse to one (I3):");
    duplicates(pasted).forEach(d -> line("duplicate", d));
    blank();
    InviteResult result = kit.invitations().inviteByEmail(dana.id(), acme.id(), PASTED_LIST);
    say("Every address gets its own outcome; one bad entry never spoils the rest (I4). Addresses at");
    say("acme.com become co-workers, any other domain a guest (U3):");
    printOutcomes(result);
    blank();
    say("Mail sent:");
    outbox.listNew();

    blank();
    say("Carol says the mail never arrived. Dana pastes her address again: the pending invitation is");
    say("re-sent with a fresh link; the link in the first mail stops working and says a newer mail was sent (I7).");
    String firstToken = outbox.tokenMailedTo("carol@acme.com");
    printOutcomes(kit.invitations().inviteByEmail(dana.id(), acme.id(), "carol@acme.com"));
    outbox.listNew();
    if (kit.signup().preview(Token.of(firstToken)) instanceof PreviewResult.Unusable old) {
      say("The link from the first mail now answers: " + old.status() + " - " + old.status().whatToDo());
    }
  }

  /** The entries of a pasted list whose address an earlier entry already had, described for people. */
  private static List<String> duplicates(AddressList pasted) {
    Map<Object, String> first = new LinkedHashMap<>();
    List<String> repeats = new ArrayList<>();
    for (AddressEntry entry : pasted.entries()) {
      if (entry instanceof AddressEntry.Mailbox mailbox) {
        String earlier = first.putIfAbsent(mailbox.address(), entry.input());
        if (earlier != null) {
          repeats.add(entry.input() + " is " + earlier + " again: invited once");
        }
      }
    }
    return repeats;
  }

  private void printOutcomes(InviteResult result) {
    if (result instanceof InviteResult.InviteReport report) {
      for (AddressOutcome outcome : report.outcomes()) {
        line(outcome.input(), describe(outcome));
      }
    } else if (result instanceof InviteResult.TooManyAddresses tooMany) {
      line("refused", tooMany.message());
    } else if (result instanceof InviteResult.NotPermitted notPermitted) {
      refusal(notPermitted.refusal());
    }
  }

  /** One outcome for people. Java 17 tests the sealed type with instanceof; Java 21 could switch over it. */
  static String describe(AddressOutcome outcome) {
    if (outcome instanceof AddressOutcome.Invited invited) {
      return "invited as " + invited.role() + mail(invited.delivery());
    }
    if (outcome instanceof AddressOutcome.Resent resent) {
      return "re-sent with a fresh link" + mail(resent.delivery());
    }
    if (outcome instanceof AddressOutcome.AlreadyMember member) {
      return "already a member (" + member.role() + "), nothing sent";
    }
    if (outcome instanceof AddressOutcome.Invalid invalid) {
      return "invalid: " + invalid.reason();
    }
    if (outcome instanceof AddressOutcome.NotAllowed notAllowed) {
      return "not allowed: " + notAllowed.refusal().message();
    }
    if (outcome instanceof AddressOutcome.RateLimited limited) {
      return "rate-limited: try again in " + limited.retryAfter().toMinutes() + " minutes";
    }
    throw new IllegalStateException("an outcome this walkthrough does not know: " + outcome);
  }

  private static String mail(DeliveryStatus delivery) {
    return delivery == DeliveryStatus.SENT ? ", mail sent" : ", mail " + delivery;
  }

  // ---- 3. sign-up from the mail (S1, S6)

  private User signUpFromMail(Account acme, String email, String first, String last, LocalDate born, String password) {
    section(first + " signs up from the invitation mail (S1, S6)");
    say(first + " opens the mail (a real one shows the whole link; this walkthrough hides its token):");
    outbox.show(email);
    String token = outbox.tokenMailedTo(email);
    preview(token);
    say(first + " fills in the form: date of birth, first and last name, a password typed twice.");
    User user = joined(kit.signup().createAccount(new SignupRequest(Token.of(token), born, first, last,
        Password.of(password), Password.of(password))));
    say("Mail sent:");
    outbox.listNew();
    return user;
  }

  private void preview(String token) {
    PreviewResult preview = kit.signup().preview(Token.of(token));
    if (preview instanceof PreviewResult.Valid valid) {
      InvitationPreview p = valid.preview();
      say("The link opens the sign-up page, which previews the invitation without changing it (S1, I9):");
      line("preview", p.accountName() + ", invited by " + p.inviterName() + " <" + p.inviterEmail() + "> as "
          + p.role() + ", for " + p.invitedEmail() + ", until " + WHEN.format(p.expiresAt()));
    } else if (preview instanceof PreviewResult.Unusable unusable) {
      line("preview", unusable.status() + ": " + unusable.status().whatToDo());
    } else if (preview instanceof PreviewResult.NotAllowed notAllowed) {
      line("preview", notAllowed.refusal().message());
    }
  }

  /** Prints the sign-up outcome and returns the new user; the walkthrough cannot go on without them. */
  private User joined(SignupResult result) {
    printSignup(result);
    if (result instanceof SignupResult.Joined joined) {
      return joined.user();
    }
    throw new IllegalStateException("the walkthrough expected this sign-up to succeed");
  }

  private void printSignup(SignupResult result) {
    if (result instanceof SignupResult.Joined joined) {
      line("joined", joined.user().displayName() + " <" + joined.user().email() + "> is now a "
          + joined.membership().role() + " of the account");
    } else if (result instanceof SignupResult.Invalid invalid) {
      line("refused", "nothing was created; every problem comes back at once, field by field (S5):");
      for (FieldProblem problem : invalid.problems()) {
        out.printf("      %-22s %-16s %s%n", problem.field(), problem.code(), problem.message());
      }
    } else if (result instanceof SignupResult.Unusable unusable) {
      line("refused", unusable.status() + ": " + unusable.status().whatToDo());
    } else if (result instanceof SignupResult.NotAllowed notAllowed) {
      refusal(notAllowed.refusal());
    }
  }

  // ---- 4. sign-up rules (S2-S5)

  private User signupRules(Account acme) {
    section("The sign-up form refuses what breaks the rules (S2-S5)");
    say("Sam, an intern, opens his invitation. He was born on 2010-01-15, so he is 15 today; the age check");
    say("needs 16 (S2). The date of birth is only checked, never stored (U1).");
    String samToken = outbox.tokenMailedTo("sam@acme.com");
    printSignup(kit.signup().createAccount(new SignupRequest(Token.of(samToken), LocalDate.of(2010, 1, 15), "Sam",
        "Park", Password.of(SAM_PASSWORD), Password.of(SAM_PASSWORD))));
    say("A failed age check locks the invitation, so another date cannot simply be tried (S2):");
    preview(samToken);
    blank();
    say("Carol opens the link from her second mail and picks a weak password: it holds her email's local");
    say("part and her name, and the confirmation differs (S4).");
    String carolToken = outbox.tokenMailedTo("carol@acme.com");
    printSignup(kit.signup().createAccount(new SignupRequest(Token.of(carolToken), LocalDate.of(1988, 11, 3),
        "Carol", "Jones", Password.of(CAROL_WEAK_PASSWORD), Password.of(CAROL_WEAK_CONFIRMATION))));
    say("She picks a passphrase instead: long, no composition rules, any characters (S4).");
    User carol = joined(kit.signup().createAccount(new SignupRequest(Token.of(carolToken),
        LocalDate.of(1988, 11, 3), "Carol", "Jones", Password.of(CAROL_PASSWORD), Password.of(CAROL_PASSWORD))));
    say("An invitation is accepted at most once, ever (I5). Using the link again:");
    printSignup(kit.signup().createAccount(new SignupRequest(Token.of(carolToken),
        LocalDate.of(1988, 11, 3), "Carol", "Jones", Password.of(CAROL_PASSWORD), Password.of(CAROL_PASSWORD))));
    say("Mail sent:");
    outbox.listNew();
    return carol;
  }

  // ---- 5. invite link (L1-L3)

  private User inviteLink(Account acme, User dana) {
    section("Share the invite link, and join through it (L1-L3)");
    LinkAccess access = kit.links().current(dana.id(), acme.id());
    if (!(access instanceof LinkAccess.Available available)) {
      throw new IllegalStateException("the walkthrough expected the invite link: " + access);
    }
    InviteLink link = available.link();
    say("Dana copies the account's invite link to post in the team chat (L1):");
    line("copy this", link.url().toString());
    line("valid", "until " + WHEN.format(link.expiresAt()) + ", "
        + (link.useLimit() == null ? "no use limit" : "at most " + link.useLimit() + " uses") + ", "
        + link.uses() + " uses so far");
    blank();
    say("Or she shares it by email: the library builds a mailto: URI (RFC 6068) that opens her own");
    say("mail app with the recipients, a subject and a body holding the link (L2):");
    ShareResult share = kit.links().share(dana.id(), acme.id(), "erin@acme.com", false);
    if (share instanceof ShareResult.Shared shared) {
      line("mailto", shared.mailto().toString());
    }
    blank();
    say("Erin opens the link. The page asks for her work address; whether or not it has an account, the");
    say("answer is the same, so the page reveals nothing (L3):");
    String linkToken = RecordingMailbox.tokenOf(link.url());
    redeem(linkToken, "erin@acme.com");
    say("A visitor with a webmail address is refused: links admit company addresses only (U5, L3).");
    redeem(linkToken, "pat@gmail.com");
    say("Mail sent:");
    outbox.listNew();
    blank();
    say("The mail proves Erin owns the address. She follows it and signs up as Bob did:");
    outbox.show("erin@acme.com");
    User erin = joined(kit.signup().createAccount(new SignupRequest(Token.of(outbox.tokenMailedTo("erin@acme.com")),
        LocalDate.of(1995, 7, 30), "Erin", "Walsh", Password.of(ERIN_PASSWORD), Password.of(ERIN_PASSWORD))));
    if (kit.links().current(dana.id(), acme.id()) instanceof LinkAccess.Available now
        && kit.links().joins(dana.id(), acme.id()) instanceof LinkJoins.Listed listed) {
      line("link", now.link().uses() + " use so far; joined through it: " + listed.joins()
          .stream().map(j -> kit.members().user(dana.id(), j.userId()).map(User::displayName).orElse("?"))
          .collect(Collectors.joining(", ")));
    }
    say("Mail sent:");
    outbox.listNew();
    return erin;
  }

  private void redeem(String linkToken, String email) {
    Redemption redemption = kit.links().redeem(Token.of(linkToken), email);
    if (redemption instanceof Redemption.CheckYourEmail check) {
      line(email, check.message());
    } else if (redemption instanceof Redemption.Refused refused) {
      line(email, "refused (" + refused.reason() + "): " + refused.message());
    }
  }

  // ---- 6. licenses (P1-P4)

  private void licenses(Account acme, User dana, List<User> people) {
    section("Assign Pro+ licenses until the seats run out (P1-P4)");
    say("Nobody gets Pro+ by signing up (P3). Dana assigns the account's 2 seats; guests cannot hold one,");
    say("and assignments never exceed the seats, even when admins click at the same moment (P2):");
    for (User person : people) {
      LicenseResult result = kit.licenses().assign(dana.id(), acme.id(), person.id(), License.PRO_PLUS);
      line(person.displayName(), describe(result));
    }
    say("Every assignment records who made it and when (P4):");
    kit.licenses().assignments(dana.id(), acme.id()).forEach(a -> line("seat",
        name(a.userId()) + ", assigned by " + name(a.assignedBy()) + " at " + WHEN.format(a.assignedAt())));
  }

  private static String describe(LicenseResult result) {
    if (result instanceof LicenseResult.Assigned assigned) {
      return "Pro+ assigned, " + assigned.seatsLeft() + (assigned.seatsLeft() == 1 ? " seat" : " seats") + " left";
    }
    if (result instanceof LicenseResult.AlreadyAssigned) {
      return "already holds Pro+, nothing changed";
    }
    if (result instanceof LicenseResult.NoSeatsLeft none) {
      return "no seats left: " + none.message();
    }
    if (result instanceof LicenseResult.NotAllowed notAllowed) {
      return "not allowed: " + notAllowed.refusal().message();
    }
    return result.toString();
  }

  // ---- 7. invite permission (U6)

  private void invitePermission(Account acme, User dana, User erin) {
    section("A member whose invite permission is off is refused (U6)");
    say("Dana turns off Erin's permission to invite people:");
    MemberChange change = kit.members().setInvitePermission(dana.id(), acme.id(), erin.id(), false);
    if (change instanceof MemberChange.Changed changed) {
      line(erin.displayName(), "may invite: " + changed.membership().mayInvite());
    }
    say("Erin tries to invite frank@acme.com. She is told why, and which admins to reach out to:");
    printOutcomes(kit.invitations().inviteByEmail(erin.id(), acme.id(), "frank@acme.com"));
    say("Mail sent:");
    outbox.listNew();
  }

  private void refusal(Refusal refusal) {
    line("refused", refusal.reason() + ": " + refusal.message());
    if (!refusal.adminsToContact().isEmpty()) {
      line("contact", refusal.adminsToContact().stream().map(Object::toString).collect(Collectors.joining(", ")));
    }
  }

  // ---- 8. contacts (C1, C2)

  private void contacts(Account acme, List<User> people) {
    section("Who sees whom (C1, C2)");
    say("Admins and co-workers share one company directory (C1). A guest sees only the member who");
    say("invited her, and that member sees the guest (C2). Sam never signed up, so nobody sees him.");
    for (User person : people) {
      String role = kit.members().find(person.id(), acme.id(), person.id()).map(m -> m.role().toString())
          .orElse("not a member");
      blank();
      say(person.displayName() + " (" + role + ") sees:");
      for (Contact contact : kit.contacts().visibleTo(person.id(), acme.id())) {
        out.printf("      %-16s %-18s %-9s %s%n", contact.name(), contact.email(), contact.role(),
            relation(contact.relation()));
      }
    }
  }

  private static String relation(Contact.Relation relation) {
    return switch (relation) {
      case DIRECTORY -> "company directory";
      case INVITED_YOU -> "invited you";
      case YOUR_GUEST -> "your guest";
    };
  }

  // ---- 9. events (E1)

  private void events() {
    section("Every change was an event (E1)");
    say("Listeners heard each committed change, in order; none carries a token, a password or a hash:");
    Map<String, Long> byType = events.stream()
        .collect(Collectors.groupingBy(InvitekitEvent::type, LinkedHashMap::new, Collectors.counting()));
    byType.forEach((type, count) -> line(type, count + (count == 1 ? " event" : " events")));
    events.stream().filter(e -> e instanceof InvitekitEvent.LicenseAssigned).findFirst().ifPresent(e -> {
      say("Each serializes to JSON with stable field names, say for an audit log or a webhook:");
      say("    " + e.toJson());
    });
  }

  // ---- output

  private String name(dev.invitekit.id.UserId id) {
    // The walkthrough is the app's own server-side code: it may use the trusted reads (U7).
    return kit.trusted().user(id).map(User::displayName).orElse(id.toString());
  }

  private void section(String title) {
    section++;
    String heading = section + ". " + title;
    blank();
    out.println(heading);
    out.println("-".repeat(heading.length()));
  }

  private void say(String text) {
    out.println(text);
  }

  private void line(String label, String text) {
    out.printf("  %-30s %s%n", label, text);
  }

  private void blank() {
    out.println();
  }
}
