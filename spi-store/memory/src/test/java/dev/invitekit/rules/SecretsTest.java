package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.id.InvitationId;
import dev.invitekit.license.License;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.StoredUser;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * §5, E1, I5: across a quickstart-sized scenario, no token, token digest, password or password hash (nor
 * its salt or digest part) appears in a log line, an event, an event's JSON, a result's toString() or a
 * mail message's toString(). Mail bodies are the one place a token belongs, in the invitee's link.
 */
@DisplayName("§5: no secret in logs, events, JSON or toString across a full scenario")
class SecretsTest {
  private static final String SECOND_PASSWORD = "winter orchard 42 copper kettles";

  @Test
  @DisplayName("§5/E1/I5: every log line, event, JSON and toString of a full scenario is free of secrets")
  void noSecretAnywhere() throws Exception {
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    PrintStream originalOut = System.out;
    PrintStream tee = new PrintStream(new Tee(logs, originalErr), true, StandardCharsets.UTF_8);
    List<String> seen = new ArrayList<>();
    List<InvitekitEvent> events = new ArrayList<>();
    RulesFixture f;
    System.setErr(tee);
    System.setOut(new PrintStream(new Tee(logs, originalOut), true, StandardCharsets.UTF_8));
    try {
      f = new RulesFixture(b -> b.addListener(events::add)
          .addListener(e -> {
            throw new IllegalStateException("a listener that fails on " + e.type());   // logged by the bus
          }));
      seen.add(f.createAcme().toString());
      UserId ada = f.adaId();
      seen.add(f.updateAcmePolicy(p -> p.withNotices(true, Duration.ofDays(2))).toString());

      seen.add(f.invite(ada, "bob@acme.com; \"Lee, Ann\" <ann@example.org>; bad@@x").toString());
      f.mailbox.failNext(1, DeliveryResult.Failed.transientFailure("421 try later"));   // logged by the mail dispatcher
      seen.add(f.invite(ada, "carl@acme.com").toString());
      InvitationId carl = ((AddressOutcome.Invited) f.invite(ada, "dan@acme.com").outcomes().get(0)).invitationId();
      seen.add(f.kit.invitations().resend(ada, f.acmeId(), carl).toString());
      seen.add(f.kit.invitations().list(ada, f.acmeId()).toString());
      seen.add(f.kit.signup().preview(Token.of(f.tokenFor("bob@acme.com"))).toString());
      seen.add(f.kit.signup().preview(Token.of("x".repeat(43)), "203.0.113.7").toString());
      seen.add(f.kit.signup().decline(Token.of(f.tokenFor("ann@example.org"))).toString());
      seen.add(f.kit.signup().createAccount(RulesFixture.signupRequest(f.tokenFor("bob@acme.com"), "Bob", "Stone"))
          .toString());
      seen.add(f.kit.signup().createAccount(new dev.invitekit.signup.SignupRequest(Token.of(f.tokenFor("dan@acme.com")),
          RulesFixture.ADULT_BIRTH_DATE, "Dan", "Dale", Password.of("password"), Password.of("passwort"))).toString());
      UserId bob = f.kit.users().signIn("bob@acme.com", Password.of(RulesFixture.PASSWORD)) instanceof
          dev.invitekit.member.SignInResult.SignedIn s ? s.user().id() : null;
      seen.add(f.kit.users().signIn("bob@acme.com", Password.of("wrong " + RulesFixture.PASSWORD)).toString());

      LinkAccess link = f.kit.links().current(bob, f.acmeId());
      seen.add(link.toString());
      String linkToken = RecordingMailbox.tokenOf(((LinkAccess.Available) link).link().url());
      seen.add(f.kit.links().redeem(Token.of(linkToken), "erin@acme.com").toString());
      seen.add(f.kit.links().redeem(Token.of(linkToken), "bob@acme.com").toString());
      seen.add(f.kit.links().share(bob, f.acmeId(), "zoe@acme.com", true).toString());
      seen.add(f.kit.links().rotate(ada, f.acmeId()).toString());
      seen.add(f.kit.signup().createAccount(new dev.invitekit.signup.SignupRequest(Token.of(f.tokenFor("erin@acme.com")),
          RulesFixture.ADULT_BIRTH_DATE, "Erin", "Eve", Password.of(SECOND_PASSWORD), Password.of(SECOND_PASSWORD))).toString());

      seen.add(f.kit.licenses().assign(ada, f.acmeId(), bob, License.PRO_PLUS).toString());
      seen.add(f.kit.licenses().unassign(ada, f.acmeId(), bob, License.PRO_PLUS).toString());
      seen.add(f.kit.members().changeRole(ada, f.acmeId(), bob, Role.ADMIN).toString());
      seen.add(f.kit.trusted().members(f.acmeId()).toString());
      seen.add(f.kit.contacts().visibleTo(bob, f.acmeId()).toString());
      // A stronger node re-hashes Ada's password on sign-in.
      seen.add(f.anotherNode(b -> b.passwordHashing(PasswordHashing.owasp())).users()
          .signIn(RulesFixture.ADA_EMAIL, Password.of(RulesFixture.PASSWORD)).toString());
      f.advance(Duration.ofDays(6));
      f.kit.invitations().sendReminders();
      f.advance(Duration.ofDays(2));
      f.kit.invitations().expireDue();
      seen.add(f.kit.toString());
    } finally {
      System.setErr(originalErr);
      System.setOut(originalOut);
    }

    // The secrets: every token ever mailed or shown, their digests, the passwords and every stored hash.
    Set<String> secrets = new LinkedHashSet<>(List.of(RulesFixture.PASSWORD, SECOND_PASSWORD));
    for (MailMessage m : f.mailbox.all()) {
      seen.add(m.toString());
      if (m.actionUrl() != null && m.actionUrl().getPath().matches("/(invitations|join)/.*")) {
        secrets.add(RecordingMailbox.tokenOf(m.actionUrl()));
      }
    }
    for (MailMessage m : f.mailbox.failedAttempts()) {
      seen.add(m.toString());
    }
    secrets.add(((LinkAccess.Available) f.kit.links().current(f.adaId(), f.acmeId())).link().url().getPath()
        .replace("/join/", ""));
    for (String token : List.copyOf(secrets)) {
      if (token.length() == 43) {
        secrets.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(token.getBytes(StandardCharsets.US_ASCII))));
      }
    }
    List<UserId> memberIds = f.kit.trusted().members(f.acmeId()).stream().map(m -> m.userId()).toList();
    List<StoredUser> users = f.store.inTransaction(tx -> memberIds.stream()
        .map(id -> tx.users().find(id).orElseThrow()).toList());
    for (StoredUser user : users) {
      String phc = user.passwordHash().phc();
      secrets.add(phc);
      String[] parts = phc.split("\\$");
      secrets.add(parts[4]);   // salt
      secrets.add(parts[5]);   // digest
      secrets.add(HexFormat.of().formatHex(Base64.getDecoder().decode(parts[5])));
    }
    for (InvitekitEvent e : events) {
      seen.add(e.toString());
      seen.add(e.toJson());
    }
    String logText = logs.toString(StandardCharsets.UTF_8);
    seen.add(logText);

    assertThat(secrets).as("secrets collected").hasSizeGreaterThan(15);
    assertThat(events).as("events seen").hasSizeGreaterThan(15);
    assertThat(logText).as("the scenario's logs").contains("Could not deliver").contains("listener");
    String everything = String.join("\n", seen);
    for (String secret : secrets) {
      int at = everything.indexOf(secret);
      assertThat(at).as("a secret of %d characters, found in: %s", secret.length(),
          at < 0 ? "" : everything.substring(Math.max(0, at - 200), at).replace(secret, "<SECRET>")).isEqualTo(-1);
    }
  }

  /** Writes to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
