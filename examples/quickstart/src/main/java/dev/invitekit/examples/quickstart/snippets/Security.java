package dev.invitekit.examples.quickstart.snippets;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.Token;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.PolicyChange;
import dev.invitekit.link.Redemption;
import dev.invitekit.mail.memory.ConsoleMailSender;
import dev.invitekit.member.SignInResult;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.store.memory.InMemoryStore;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The code docs/security.md shows. */
public final class Security {
  private Security() {}

  /** A kit with tighter limits on guessing tokens. */
  public static Invitekit limits() {
    // tag::limits[]
    Invitekit kit = Invitekit.builder()
        .store(new InMemoryStore())
        .mail(new ConsoleMailSender())
        .baseUrl(URI.create("https://app.example.com"))
        // 20 missed tokens per client key, 5,000 for everyone together, per 15 minutes (§5)
        .tokenAttemptLimits(20, 5_000, Duration.ofMinutes(15))
        .build();
    // end::limits[]
    return kit;
  }

  /** Tightens the account's invitation limits. */
  public static PolicyChange rateLimits(Invitekit kit, UserId adminId, AccountId accountId) {
    // tag::rate-limits[]
    InvitePolicy policy = InvitePolicy.builder()
        .invitesPerInviterPerHour(30).invitesPerAccountPerDay(300).resendsPerInvitationPerDay(2)
        .invitesPerRecipientPerDay(2)         // new invitations to one address per day (and as many link mails)
        .build();
    PolicyChange change = kit.accounts().updatePolicy(adminId, accountId, policy);
    // end::rate-limits[]
    return change;
  }

  /** Previews a token on behalf of a visitor whose IP address the app knows. */
  public static PreviewResult preview(Invitekit kit, String token, String remoteAddress) {
    // tag::client-key[]
    // Invitekit never sees the request: pass what identifies the client (here the IP address the app saw).
    PreviewResult preview = kit.signup().preview(Token.of(token), remoteAddress);
    Redemption redemption = kit.links().redeem(Token.of(token), "erin@acme.com", remoteAddress);
    // a miss answers TOO_MANY_ATTEMPTS once this client or everyone missed too often; a valid token always works
    // end::client-key[]
    return redemption instanceof Redemption.Refused r && r.reason() == Redemption.Reason.TOO_MANY_ATTEMPTS
        ? new PreviewResult.Unusable(dev.invitekit.signup.TokenStatus.TOO_MANY_ATTEMPTS) : preview;
  }

  /** Signs in; the app starts its own session on success. */
  public static Optional<User> signIn(Invitekit kit, String email, String password) {
    // tag::sign-in[]
    SignInResult result = kit.users().signIn(email, Password.of(password));
    if (result instanceof SignInResult.SignedIn signedIn) {
      return Optional.of(signedIn.user());   // start the app's session: Invitekit keeps none
    }
    return Optional.empty();                 // one answer for unknown address and wrong password
    // end::sign-in[]
  }
}
