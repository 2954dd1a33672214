package dev.invitekit.examples.webapp.kit;

import dev.invitekit.secret.Token;
import dev.invitekit.secret.Password;
import dev.invitekit.Invitekit;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.member.MemberChange;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo account, made at start-up on every profile but {@code prod} through the public API as a user
 * would make it: Acme (Pro+, 2 seats, company domain acme.com) created by its founder and confirmed with
 * the link from the dev inbox (A3), two co-workers invited and signed up (I4, S6), and the second one's
 * invite permission turned off (U6). Prints the demo users' addresses and passwords: this is a demo, and
 * these passwords are printed nowhere else.
 */
@Component
@Profile("!prod")
public class DemoData implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  /** A demo user: sign in with these. */
  public record DemoUser(String email, String password, String what) {
    @Override
    public String toString() {
      return "DemoUser[" + email + ", " + what + "]";
    }
  }

  public static final DemoUser ADMIN =
      new DemoUser("ada@acme.com", "violet-harbour-tuesday-1842", "admin of Acme");
  public static final DemoUser COWORKER =
      new DemoUser("carl@acme.com", "copper-lantern-meadow-2719", "co-worker");
  public static final DemoUser NO_INVITES =
      new DemoUser("dora@acme.com", "granite-orchid-ferry-5530", "co-worker whose invite permission is off");

  public static final List<DemoUser> USERS = List.of(ADMIN, COWORKER, NO_INVITES);

  private final Invitekit kit;
  private final DevMailbox mailbox;
  private final Environment environment;

  public DemoData(Invitekit kit, DevMailbox mailbox, Environment environment) {
    this.kit = kit;
    this.mailbox = mailbox;
    this.environment = environment;
  }

  @Override
  public void run(ApplicationArguments args) {
    AccountCreation creation = kit.accounts().create(new NewAccount("Acme", Plan.PRO_PLUS, List.of("acme.com"), 2,
        Locale.US, ADMIN.email(), "Ada", "Lovelace", LocalDate.of(1985, 12, 10), Password.of(ADMIN.password()),
        Password.of(ADMIN.password())));
    if (!(creation instanceof AccountCreation.ConfirmationSent)) {
      LOG.warn("Demo data not created (already there on this store?): {}", creation);
      return;
    }
    FounderConfirmation confirmation = kit.accounts().confirmFounder(Token.of(token(ADMIN.email())),
        Password.of(ADMIN.password()));
    if (!(confirmation instanceof FounderConfirmation.Confirmed confirmed)) {
      throw new IllegalStateException("demo founder not confirmed: " + confirmation);
    }
    AccountId acme = confirmed.account().id();
    UserId ada = confirmed.founder().id();
    kit.links().current(ada, acme); // the invite link exists from the start (L1)

    InviteResult invited = kit.invitations().inviteByEmail(ada, acme, COWORKER.email() + "; " + NO_INVITES.email());
    if (!(invited instanceof InviteResult.InviteReport)) {
      throw new IllegalStateException("demo invitations not sent: " + invited);
    }
    signUp(COWORKER, "Carl", "Jensen");
    UserId dora = signUp(NO_INVITES, "Dora", "Mendes");
    MemberChange change = kit.members().setInvitePermission(ada, acme, dora, false);
    if (!(change instanceof MemberChange.Changed)) {
      throw new IllegalStateException("demo invite permission not changed: " + change);
    }

    // the port the server really listens on (absent in MockMvc tests, which have no server)
    System.out.println(banner(environment.getProperty("local.server.port"),
        environment.getProperty("invitekit.base-url")));
  }

  /**
   * The start-up banner: the app's URL, the base URL the mailed links use (which must name the same port),
   * and the demo users.
   */
  static String banner(String port, String baseUrl) {
    StringBuilder banner = new StringBuilder("\n\n");
    if (port != null) {
      String appUrl = "http://localhost:" + port;
      banner.append("  Invitekit demo: open ").append(appUrl).append('\n');
      if (baseUrl != null && !baseUrl.replaceAll("/+$", "").equals(appUrl)) {
        banner.append("  Mailed links start with ").append(baseUrl)
            .append(": set --invitekit.base-url=").append(appUrl).append(" if they should open this app\n");
      }
    }
    banner.append("  Invitekit demo: sign in as\n");
    for (DemoUser user : USERS) {
      banner.append(String.format("    %-15s password %-28s (%s)%n", user.email(), user.password(), user.what()));
    }
    banner.append("  Demo passwords only: they are printed because this is a demo.\n");
    return banner.toString();
  }

  private UserId signUp(DemoUser user, String firstName, String lastName) {
    SignupResult result = kit.signup().createAccount(new SignupRequest(Token.of(token(user.email())),
        LocalDate.of(1990, 3, 14), firstName, lastName, Password.of(user.password()), Password.of(user.password())));
    if (!(result instanceof SignupResult.Joined joined)) {
      throw new IllegalStateException("demo user " + user.email() + " not signed up: " + result);
    }
    return joined.user().id();
  }

  private String token(String address) {
    return RecordingMailbox.tokenOf(mailbox.recording().lastLink(address).orElseThrow(
        () -> new IllegalStateException("no mail with a link to " + address)));
  }
}
