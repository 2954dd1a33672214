package dev.invitekit.examples.quickstart.snippets;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.ConsoleMailSender;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.InvitationPreview;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.store.memory.InMemoryStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/** The code docs/getting-started.md shows, in the order it shows it. */
public final class GettingStarted {
  private GettingStarted() {}

  /** Builds Invitekit with every setting spelled out. */
  public static Invitekit builder() {
    // tag::builder[]
    Invitekit kit = Invitekit.builder()
        .store(new InMemoryStore())                          // required: where everything is kept
        .mail(new ConsoleMailSender())                       // required: who delivers the mail Invitekit composes
        .baseUrl(URI.create("https://app.example.com"))      // required: links in mail start with it
        .paths("/invitations/{token}", "/join/{token}", "/sign-in")  // your app's routes (the defaults)
        .clock(Clock.systemUTC())                            // every use case reads time from it
        .zone(ZoneId.of("Europe/Berlin"))                    // where "today" is decided for the age check
        .productName("Acme Teams")                           // named in every mail
        .passwordHashing(PasswordHashing.owasp())            // Argon2id m=19 MiB, t=2, p=1: the default
        .contactsCache(Duration.ofSeconds(30), 10_000)       // how stale a directory read may be, for how many accounts
        .addListener(event -> System.out.println(event.toJson()))  // every committed change
        .build();
    // end::builder[]
    return kit;
  }

  /** An account and its founder, as {@link #confirm} made them usable. */
  public record Founded(AccountId accountId, UserId founderId) {}

  /**
   * Starts creating the first account: returns whether the confirmation mail went out (A3), or prints the
   * form's problems.
   */
  public static boolean account(Invitekit kit, String password) {
    // tag::account[]
    AccountCreation creation = kit.accounts().create(NewAccount.builder()
        .name("Acme").plan(Plan.PRO_PLUS).domains("acme.com").proPlusSeats(2).locale(Locale.US)
        .founderEmail("dana@acme.com").firstName("Dana").lastName("Whitfield")
        .birthDate(LocalDate.of(1986, 4, 12))
        .password(Password.of(password)).passwordConfirmation(Password.of(password))
        .build());
    if (creation instanceof AccountCreation.ConfirmationSent sent) {
      System.out.println("Check " + sent.founderEmail() + " for the link that confirms the address");
      // end::account[]
      return true;
      // tag::account[]
    } else if (creation instanceof AccountCreation.Rejected rejected) {
      rejected.problems().forEach(p -> System.out.println(p.field() + ": " + p.message()));
    } else if (creation instanceof AccountCreation.RateLimited limited) {
      System.out.println(limited.message());
    }
    // end::account[]
    return false;
  }

  /**
   * Confirms the founder with the token of the mailed link and the password they chose; returns the account
   * and its first admin.
   */
  public static Optional<Founded> confirm(Invitekit kit, String token, String password) {
    // tag::confirm[]
    // token from /confirm-founder/{token}; password typed on that page: the one chosen at sign-up
    FounderConfirmation confirmation = kit.accounts().confirmFounder(Token.of(token), Password.of(password));
    if (confirmation instanceof FounderConfirmation.Confirmed confirmed) {
      AccountId acme = confirmed.account().id();
      UserId dana = confirmed.founder().id();              // the first admin, who can now sign in
      // end::confirm[]
      return Optional.of(new Founded(acme, dana));
      // tag::confirm[]
    } else if (confirmation instanceof FounderConfirmation.WrongPassword wrong) {
      System.out.println(wrong.message());                // ask again; the link still works
    } else if (confirmation instanceof FounderConfirmation.Unusable unusable) {
      System.out.println(unusable.status().whatToDo());   // unknown, expired or already used
    }
    // end::confirm[]
    return Optional.empty();
  }

  /** The token of the founder's confirmation link, read from the recording mailbox as a test would. */
  public static String founderTokenFromMail(RecordingMailbox mailbox) {
    return RecordingMailbox.tokenOf(mailbox.lastLink("dana@acme.com").orElseThrow());
  }

  /** Invites a pasted list and handles every outcome. */
  public static InviteResult invite(Invitekit kit, UserId dana, AccountId acme) {
    // tag::invite[]
    InviteResult result = kit.invitations().inviteByEmail(dana, acme,
        "bob@acme.com, \"Lee, Ann\" <ann@example.org>; Bob@ACME.com, not-an-address");
    // end::invite[]
    // tag::outcomes[]
    if (result instanceof InviteResult.InviteReport report) {
      for (AddressOutcome outcome : report.outcomes()) {
        if (outcome instanceof AddressOutcome.Invited invited) {
          System.out.println(invited.address() + ": invited as " + invited.role() + ", mail " + invited.delivery());
        } else if (outcome instanceof AddressOutcome.Resent resent) {
          System.out.println(resent.address() + ": invitation re-sent with a fresh link");
        } else if (outcome instanceof AddressOutcome.AlreadyMember member) {
          System.out.println(member.address() + ": already a member, as " + member.role());
        } else if (outcome instanceof AddressOutcome.Invalid invalid) {
          System.out.println(invalid.input() + ": " + invalid.reason());
        } else if (outcome instanceof AddressOutcome.NotAllowed notAllowed) {
          System.out.println(notAllowed.address() + ": " + notAllowed.refusal().message());
        } else if (outcome instanceof AddressOutcome.RateLimited limited) {
          System.out.println(limited.address() + ": try again in " + limited.retryAfter());
        }
      }
    } else if (result instanceof InviteResult.TooManyAddresses tooMany) {
      System.out.println(tooMany.message());               // more than 20: nothing was sent
    } else if (result instanceof InviteResult.NotPermitted notPermitted) {
      System.out.println(notPermitted.refusal().message() + " Ask: " + notPermitted.refusal().adminsToContact());
    }
    // end::outcomes[]
    return result;
  }

  /** Previews an invitation by the token from its link. */
  public static PreviewResult preview(Invitekit kit, String token) {
    // tag::preview[]
    // never changes the invitation: safe for any GET
    PreviewResult preview = kit.signup().preview(Token.of(token));
    if (preview instanceof PreviewResult.Valid valid) {
      InvitationPreview p = valid.preview();
      System.out.println(p.inviterName() + " invited " + p.invitedEmail() + " to " + p.accountName()
          + " as " + p.role());
    } else if (preview instanceof PreviewResult.Unusable unusable) {
      System.out.println(unusable.status() + ": " + unusable.status().whatToDo());
    } else if (preview instanceof PreviewResult.NotAllowed notAllowed) {   // the inviter can no longer grant it (I8)
      System.out.println(notAllowed.refusal().message());
    }
    // end::preview[]
    return preview;
  }

  /** Signs up from the invitation, as the sign-up form posts it. */
  public static SignupResult signup(Invitekit kit, String token, String password) {
    // tag::signup[]
    SignupResult result = kit.signup().createAccount(SignupRequest.builder()
        .token(Token.of(token))                              // from /invitations/{token}
        .birthDate(LocalDate.of(1991, 9, 23)).firstName("Bob").lastName("Stone")
        .password(Password.of(password)).passwordConfirmation(Password.of(password))   // as typed in the form
        .build());
    if (result instanceof SignupResult.Joined joined) {
      System.out.println(joined.user().displayName() + " joined as " + joined.membership().role());
    } else if (result instanceof SignupResult.Invalid invalid) {
      for (FieldProblem problem : invalid.problems()) {   // show each next to its field
        System.out.println(problem.field() + " " + problem.code() + ": " + problem.message());
      }
    } else if (result instanceof SignupResult.Unusable unusable) {
      System.out.println(unusable.status().whatToDo());   // expired, revoked, already used, ...
    } else if (result instanceof SignupResult.NotAllowed notAllowed) {
      System.out.println(notAllowed.refusal().message());
    }
    // end::signup[]
    return result;
  }

  /** A kit for tests: a recording mailbox, a fixed clock and cheap hashes. */
  public static Invitekit forTests(RecordingMailbox mailbox) {
    // tag::testing-kit[]
    Invitekit kit = Invitekit.builder()
        .store(new InMemoryStore())
        .mail(mailbox)                                      // a RecordingMailbox keeps every message
        .baseUrl(URI.create("https://app.example.com"))
        .clock(Clock.fixed(Instant.parse("2025-06-02T09:00:00Z"), ZoneOffset.UTC))
        .passwordHashing(PasswordHashing.insecureFastForTestsOnly())  // tests only: weak, fast hashes
        .build();
    // end::testing-kit[]
    return kit;
  }

  /** The token Bob's invitation mail carries, as his click would. */
  public static String tokenFromMail(RecordingMailbox mailbox) {
    // tag::testing-token[]
    URI link = mailbox.lastLink("bob@acme.com").orElseThrow();  // https://app.example.com/invitations/{token}
    String token = RecordingMailbox.tokenOf(link);
    // end::testing-token[]
    return token;
  }
}
