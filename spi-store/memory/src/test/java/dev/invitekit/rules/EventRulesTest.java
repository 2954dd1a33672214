package dev.invitekit.rules;

import static dev.invitekit.rules.RulesFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invitekit.Invitekit;
import dev.invitekit.secret.Token;
import dev.invitekit.account.InvitePolicy.GuestInviters;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoredUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Events of committed state changes, through the public facade (SPEC E1). */
@DisplayName("Events (E1)")
class EventRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static InvitationId invited(InviteResult.InviteReport report) {
    return ((AddressOutcome.Invited) report.outcomes().get(0)).invitationId();
  }

  private static List<String> fieldNames(String json) throws Exception {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = JSON.readTree(json).fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Nested
  @DisplayName("E1: one event per committed change, in order")
  class Order {

    @Test
    @DisplayName("E1: each state change of a life cycle emits its event, in the order the changes happened")
    void everyChangeInOrder() {
      RulesFixture f = new RulesFixture();
      f.createAcme();
      InvitationId bobInvitation = invited(f.invite(f.adaId(), "bob@acme.com"));
      User bob = f.signUp("bob@acme.com", "Bob", "Stone").user();
      f.kit.members().setInvitePermission(f.adaId(), f.acmeId(), bob.id(), false);
      f.kit.members().setInvitePermission(f.adaId(), f.acmeId(), bob.id(), true);
      InvitationId carl = invited(f.invite(bob.id(), "carl@acme.com"));
      f.kit.invitations().resend(f.adaId(), f.acmeId(), carl);
      f.kit.invitations().revoke(bob.id(), f.acmeId(), carl);
      InvitationId dora = invited(f.invite(f.adaId(), "dora@acme.com"));
      f.kit.signup().decline(Token.of(f.tokenFor("dora@acme.com")));
      f.updateAcmePolicy(p -> p.withGuestInviters(GuestInviters.ADMINS_ONLY));
      InvitationId emil = invited(f.invite(f.adaId(), "emil@acme.com"));
      f.kit.members().changeRole(f.adaId(), f.acmeId(), bob.id(), Role.ADMIN);
      f.kit.members().remove(f.adaId(), f.acmeId(), bob.id());
      f.advance(Duration.ofDays(8));
      f.kit.invitations().expireDue();

      assertThat(f.events()).extracting(InvitekitEvent::type).containsExactly(
          "founder-confirmation-sent",
          "account-created",
          "invited",
          "member-joined",
          "invite-permission-changed",
          "invite-permission-changed",
          "invited",
          "invitation-resent",
          "invitation-revoked",
          "invited",
          "invitation-declined",
          "policy-changed",
          "invited",
          "role-changed",
          "member-removed",
          "invitation-expired");
      assertThat(f.events()).allSatisfy(e -> assertThat(e.accountId()).isEqualTo(f.acmeId()));
      assertThat(f.events(InvitekitEvent.MemberJoined.class)).containsExactly(
          new InvitekitEvent.MemberJoined(START, f.acmeId(), bob.id(), Role.COWORKER, bobInvitation, null));
      assertThat(f.events(InvitekitEvent.Invited.class)).extracting(InvitekitEvent.Invited::invitationId)
          .containsExactly(bobInvitation, carl, dora, emil);
      assertThat(f.events(InvitekitEvent.InvitationExpired.class)).containsExactly(
          new InvitekitEvent.InvitationExpired(START.plus(Duration.ofDays(8)), f.acmeId(), emil));
    }

    @Test
    @DisplayName("E1: refused or read-only operations emit nothing")
    void noChangeNoEvent() {
      RulesFixture f = new RulesFixture();
      f.createAcme();
      f.invite(f.adaId(), "bob@acme.com");
      String token = f.tokenFor("bob@acme.com");
      f.clearEvents();

      f.kit.invitations().inviteByEmail(f.adaId(), f.acmeId(),
          "a@acme.com,b@acme.com,c@acme.com,d@acme.com,e@acme.com,f@acme.com,g@acme.com,h@acme.com,i@acme.com,"
              + "j@acme.com,k@acme.com,l@acme.com,m@acme.com,n@acme.com,o@acme.com,p@acme.com,q@acme.com,r@acme.com,"
              + "s@acme.com,t@acme.com,u@acme.com");
      f.kit.invitations().inviteByEmail(f.adaId(), f.acmeId(), "not-an-address");
      f.kit.signup().preview(Token.of(token));
      f.kit.invitations().list(f.adaId(), f.acmeId());
      f.kit.contacts().visibleTo(f.adaId(), f.acmeId());
      f.kit.members().changeRole(f.adaId(), f.acmeId(), f.adaId(), Role.COWORKER);

      assertThat(f.events()).isEmpty();
    }

    @Test
    @DisplayName("E1: a listener receives an event after its change is committed: it can read the change through "
        + "the facade")
    void deliveredAfterCommit() {
      AtomicReference<Invitekit> kit = new AtomicReference<>();
      List<String> seen = new CopyOnWriteArrayList<>();
      RulesFixture f = new RulesFixture(b -> b.addListener(event -> {
        if (event instanceof InvitekitEvent.Invited i) {
          seen.add("invited:" + kit.get().invitations()
              .find(i.invitedBy(), i.accountId(), i.invitationId()).map(inv -> inv.state().name()).orElse("missing"));
        } else if (event instanceof InvitekitEvent.MemberJoined j) {
          seen.add("joined:" + kit.get().trusted().membership(j.accountId(), j.userId())
              .map(m -> m.role().name()).orElse("missing"));
        } else if (event instanceof InvitekitEvent.AccountCreated c) {
          seen.add("created:" + kit.get().trusted().account(c.accountId()).isPresent());
        }
      }));
      kit.set(f.kit);

      f.createAcmeThroughKit();
      f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone");

      assertThat(seen).containsExactly("created:true", "invited:PENDING", "joined:COWORKER");
    }
  }

  @Nested
  @DisplayName("E1: listeners are guarded")
  class Guarded {

    @Test
    @DisplayName("E1: a listener that throws does not break the use case, and the next listener still gets every "
        + "event")
    void throwingListener() {
      List<InvitekitEvent> second = new CopyOnWriteArrayList<>();
      RulesFixture f = new RulesFixture(b -> b
          .addListener(event -> {
            throw new IllegalStateException("listener bug");
          })
          .addListener(RulesFixture.recordingInto(second)));

      f.createAcmeThroughKit();
      InviteResult.InviteReport report = f.invite(f.adaId(), "bob@acme.com");
      User bob = f.signUp("bob@acme.com", "Bob", "Stone").user();

      assertThat(report.outcomes()).singleElement().isInstanceOf(AddressOutcome.Invited.class);
      assertThat(f.kit.trusted().membership(f.acmeId(), bob.id())).isPresent();
      assertThat(second).isEqualTo(f.events()).extracting(InvitekitEvent::type)
          .containsExactly("founder-confirmation-sent", "account-created", "invited", "member-joined");
    }
  }

  @Nested
  @DisplayName("E1: JSON with stable field names, never a secret")
  class Json {

    @Test
    @DisplayName("E1: event JSON has the type first and the record's field names, ids and instants as strings")
    void stableFieldNames() throws Exception {
      RulesFixture f = new RulesFixture();
      f.createAcme();
      InvitationId id = invited(f.invite(f.adaId(), "bob@acme.com"));
      InvitekitEvent.Invited event = f.events(InvitekitEvent.Invited.class).get(0);

      String json = event.toJson();
      JsonNode node = JSON.readTree(json);

      assertThat(fieldNames(json)).containsExactly(
          "type", "occurredAt", "accountId", "invitationId", "email", "role", "invitedBy", "viaLink");
      assertThat(node.get("type").asText()).isEqualTo("invited");
      assertThat(node.get("occurredAt").asText()).isEqualTo("2025-03-10T09:00:00Z");
      assertThat(node.get("accountId").asText()).isEqualTo(f.acmeId().toString());
      assertThat(node.get("invitationId").asText()).isEqualTo(id.toString());
      assertThat(node.get("email").asText()).isEqualTo("bob@acme.com");
      assertThat(node.get("role").asText()).isEqualTo("COWORKER");
      assertThat(node.get("invitedBy").asText()).isEqualTo(f.adaId().toString());
      assertThat(node.get("viaLink").isNull()).isTrue();
      assertThat(json).doesNotContain("\n");

      assertThat(fieldNames(f.events(InvitekitEvent.AccountCreated.class).get(0).toJson()))
          .containsExactly("type", "occurredAt", "accountId", "founderId");
    }

    @Test
    @DisplayName("E1: no event, as JSON or toString(), carries a token from the mailbox, a password or a hash")
    void noSecretsInEvents() {
      RulesFixture f = new RulesFixture();
      f.createAcme();
      f.updateAcmePolicy(p -> p.withNotices(true, Duration.ofDays(2)));
      InvitationId carl = f.invite(f.adaId(), "bob@acme.com; carl@acme.com; dora@acme.com")
          .outcomes(AddressOutcome.Invited.class).get(1).invitationId();
      User bob = f.signUp("bob@acme.com", "Bob", "Stone").user();
      f.kit.invitations().resend(f.adaId(), f.acmeId(), carl);
      f.kit.signup().decline(Token.of(f.tokenFor("dora@acme.com")));
      f.advance(Duration.ofDays(6));
      f.kit.invitations().sendReminders();

      List<String> tokens = f.mailbox.all().stream().map(MailMessage::actionUrl)
          .filter(url -> url != null && url.getPath().startsWith("/invitations/"))
          .map(RecordingMailbox::tokenOf).toList();
      Optional<StoredUser> stored = f.store.inTransaction(tx -> tx.users().find(bob.id()));
      PasswordHash hash = stored.orElseThrow().passwordHash();
      List<String> secrets = new ArrayList<>(tokens);
      secrets.add(RulesFixture.PASSWORD);
      secrets.add(hash.phc());
      secrets.add(hash.phc().substring(hash.phc().lastIndexOf('$') + 1));

      assertThat(tokens).hasSizeGreaterThanOrEqualTo(5);
      assertThat(f.events()).hasSizeGreaterThanOrEqualTo(7);
      for (InvitekitEvent event : f.events()) {
        for (String secret : secrets) {
          assertThat(event.toJson()).doesNotContain(secret);
          assertThat(event.toString()).doesNotContain(secret);
        }
      }
    }
  }
}
