package dev.invitekit;

import dev.invitekit.secret.Token;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.Secret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.id.AccountId;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.link.InviteLink;
import dev.invitekit.id.LinkId;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Secrets never reach toString() (SPEC §5, E1, I5). */
@DisplayName("§5: secrets in toString")
class SecretRedactionTest {

  private static final String TOKEN = "tOkEn_SeCrEt-0123456789abcdefghijklmnopqrs";
  private static final String PASSWORD = "pAsSwOrD-sEcReT lantern meadow";
  private static final Instant AT = Instant.parse("2025-03-10T09:00:00Z");

  @Test
  @DisplayName("§5: a SignupRequest never shows its token, passwords or date of birth")
  void signupRequest() {
    SignupRequest request = new SignupRequest(Token.of(TOKEN), LocalDate.of(1987, 11, 23), "Bob", "Stone", Password.of(PASSWORD),
        Password.of(PASSWORD + "2"));

    assertThat(request.toString())
        .doesNotContain(TOKEN, PASSWORD, "1987", "11-23", "SeCrEt", "sEcReT")
        .contains("Bob", Secret.REDACTED);
  }

  @Test
  @DisplayName("§5: a NewAccount never shows the founder's password or date of birth")
  void newAccount() {
    NewAccount account = new NewAccount("Acme", Plan.PRO, List.of("acme.com"), 0, Locale.ENGLISH, "ann@acme.com",
        "Ann", "Lee", LocalDate.of(1987, 11, 23), Password.of(PASSWORD), Password.of(PASSWORD));

    assertThat(account.toString()).doesNotContain(PASSWORD, "sEcReT", "1987").contains("Acme", Secret.REDACTED);
  }

  @Test
  @DisplayName("I5, L1: an InviteLink never shows its URL's token")
  void inviteLink() {
    InviteLink link = new InviteLink(LinkId.random(), AccountId.random(), URI.create("https://app.example.com/join/" + TOKEN),
        UserId.random(), AT, AT, 10, 1, true);

    assertThat(link.toString()).doesNotContain(TOKEN, "SeCrEt", "/join/").contains(Secret.REDACTED);
  }

  @Test
  @DisplayName("I5: a StoredLink never shows its token")
  void storedLink() {
    StoredLink link = new StoredLink(LinkId.random(), AccountId.random(), TOKEN, UserId.random(), AT, AT, null, 0, true);

    assertThat(link.toString()).doesNotContain(TOKEN, "SeCrEt").contains(Secret.REDACTED);
  }

  @Test
  @DisplayName("I5: a MailMessage never shows its parts or link, which carry the token")
  void mailMessage() {
    URI url = URI.create("https://app.example.com/invite/" + TOKEN);
    MailMessage message = new MailMessage(MailMessage.Kind.INVITATION, EmailAddress.parse("bob@acme.com"), "Bob",
        "Join Acme", "Create your account: " + url, "<a href=\"" + url + "\">Create account</a>", url,
        Map.of("X-Token-Hint", TOKEN), "id-1@app.example.com");

    assertThat(message.toString()).doesNotContain(TOKEN, "SeCrEt", "/invite/").contains("Join Acme", "bob@acme.com");
  }

  @Test
  @DisplayName("S4: a PasswordHash never shows the PHC string, not even its salt")
  void passwordHash() {
    String phc = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$F0iKBE6qhDW05Qg199W35oMo+BGqMDM3gptOc1yiYRM";

    assertThat(new PasswordHash(phc).toString()).doesNotContain(phc, "c29tZXNhbHRz", "F0iKBE6q", "argon2id");
  }

  @Test
  @DisplayName("I5: a TokenDigest never shows its hex")
  void tokenDigest() {
    String hex = "0f007385b6f9d4b7eeb2748605afe1a984a0a3bfa3f014d09e2a784ce9e5cd1a";

    assertThat(new TokenDigest(hex).toString()).doesNotContain(hex, "0f007385");
  }

  @Test
  @DisplayName("I5, S4: records that hold a digest or hash (StoredInvitation, StoredUser) do not show them either")
  void storedRecords() {
    String hex = "0f007385b6f9d4b7eeb2748605afe1a984a0a3bfa3f014d09e2a784ce9e5cd1a";
    String phc = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$F0iKBE6qhDW05Qg199W35oMo+BGqMDM3gptOc1yiYRM";
    User user = new User(UserId.random(), EmailAddress.parse("bob@acme.com"), "Bob", "Stone", AT, AT);
    Invitation invitation = new Invitation(InvitationId.random(), AccountId.random(), user.email(), null, Role.GUEST,
        InvitationState.PENDING, UserId.random(), null, Locale.ENGLISH, AT, AT, AT, DeliveryStatus.SENT, false, false,
        null);

    assertThat(new StoredInvitation(invitation, new TokenDigest(hex)).toString()).doesNotContain(hex, "0f007385");
    assertThat(new StoredUser(user, new PasswordHash(phc)).toString()).doesNotContain(phc, "F0iKBE6q")
        .contains("bob@acme.com");
  }
}
