package dev.invitekit.examples.webapp;

import dev.invitekit.secret.Password;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.invitekit.Invitekit;
import dev.invitekit.id.AccountId;
import dev.invitekit.examples.webapp.kit.AccountDirectory;
import dev.invitekit.examples.webapp.kit.DemoData;
import dev.invitekit.examples.webapp.kit.DevMailbox;
import dev.invitekit.member.SignInResult;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spring.boot.InvitekitBuilderCustomizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Expired links get a page saying what to do (S1, L1): the kit's clock is moved past the invitation's and the
 * link's lifetimes through an {@link InvitekitBuilderCustomizer}, as an app's tests would.
 */
@SpringBootTest(properties = "invitekit.password.hashing.insecure-fast-for-tests-only=true")
@AutoConfigureMockMvc
@Import(ExpiredLinksTest.MovableClock.class)
class ExpiredLinksTest {

  /** A clock the test moves forward; the kit reads it through the builder customizer. */
  @TestConfiguration
  static class MovableClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    @Bean
    InvitekitBuilderCustomizer movableClock() {
      return builder -> builder.clock(this);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  @Autowired MockMvc mvc;
  @Autowired Invitekit kit;
  @Autowired DevMailbox mailbox;
  @Autowired AccountDirectory directory;
  @Autowired MovableClock clock;

  @Test
  void anExpiredInvitationAndAnExpiredLinkEachSayWhatToDo_S1_L1() throws Exception {
    UserId ada = ((SignInResult.SignedIn) kit.users().signIn(DemoData.ADMIN.email(), Password.of(DemoData.ADMIN.password())))
        .user().id();
    AccountId acme = directory.accountOf(ada).orElseThrow();
    kit.invitations().inviteByEmail(ada, acme, "late@acme.com");
    String invitation = Mail.lastToken(mailbox, "late@acme.com", MailMessage.Kind.INVITATION);
    String link = kit.links().current(ada, acme) instanceof dev.invitekit.link.LinkAccess.Available available
        ? available.link().url().getPath().substring("/join/".length()) : null;

    clock.now.set(clock.now.get().plus(Duration.ofDays(31)));

    mvc.perform(get("/invitations/" + invitation)).andExpect(status().isGone())
        .andExpect(content().string(Matchers.containsString("This invitation has expired")))
        .andExpect(content().string(Matchers.containsString("Ask the person who invited you to send a new one.")));
    mvc.perform(post("/join/" + link).with(csrf()).param("email", "late-visitor@acme.com"))
        .andExpect(status().isGone())
        .andExpect(content().string(Matchers.containsString("This invite link no longer works")));
  }
}
