package dev.invitekit.examples.webapp;

import dev.invitekit.secret.Token;
import dev.invitekit.secret.Password;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.invitekit.Invitekit;
import dev.invitekit.examples.webapp.kit.DemoData;
import dev.invitekit.examples.webapp.kit.DevMailbox;
import dev.invitekit.examples.webapp.security.SecurityConfig;
import dev.invitekit.examples.webapp.security.SignedInUser;
import dev.invitekit.member.SignInResult;
import dev.invitekit.member.User;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.spi.mail.MailMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The web app's controllers and security without a browser: sign-in through Invitekit (S5), CSRF on every
 * POST, GETs that change nothing (token pages show a form, the POST acts), the security headers, field
 * errors tied to their fields (S3), the token pages (S1, L3, A3), refusals with the admins to ask (U6), and
 * no token in the logs (I6).
 */
@SpringBootTest(properties = {"invitekit.password.hashing.insecure-fast-for-tests-only=true",
    "invitekit.base-url=https://invites.example.test"})
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class WebappMvcTest {

  @Autowired MockMvc mvc;
  @Autowired Invitekit kit;
  @Autowired DevMailbox mailbox;
  @Autowired dev.invitekit.examples.webapp.kit.AccountDirectory directory;

  private RequestPostProcessor as(DemoData.DemoUser demo) {
    SignInResult result = kit.users().signIn(demo.email(), Password.of(demo.password()));
    User user = ((SignInResult.SignedIn) result).user();
    SignedInUser principal = new SignedInUser(user.id().toString(), user.email().toString(), user.displayName());
    return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(
        UsernamePasswordAuthenticationToken.authenticated(principal, null,
            List.of(new SimpleGrantedAuthority("ROLE_USER"))));
  }

  private String inviteAndGetToken(String address) throws Exception {
    mvc.perform(post("/invite").with(as(DemoData.ADMIN)).with(csrf()).param("addresses", address))
        .andExpect(status().is3xxRedirection());
    return Mail.lastToken(mailbox, address, MailMessage.Kind.INVITATION);
  }

  @Test
  void signInWithTheRightPasswordStartsASession_S5() throws Exception {
    mvc.perform(post("/sign-in").with(csrf()).param("email", DemoData.ADMIN.email())
            .param("password", DemoData.ADMIN.password()))
        .andExpect(redirectedUrl("/"));
  }

  /** The app words the refusal itself (it has no password reset to offer), the same for both cases (S5). */
  @Test
  void aWrongPasswordAndAnUnknownAddressGetOneMessage_S5() throws Exception {
    for (String email : new String[] {DemoData.ADMIN.email(), "nobody-here@acme.com"}) {
      MvcResult failed = mvc.perform(post("/sign-in").with(csrf()).param("email", email)
              .param("password", "not-the-password-at-all"))
          .andExpect(redirectedUrl("/sign-in?error")).andReturn();
      MockHttpSession session = (MockHttpSession) failed.getRequest().getSession();
      mvc.perform(get("/sign-in").param("error", "").session(session))
          .andExpect(content().string(org.hamcrest.Matchers.containsString(
              "That email address and password do not match.")))
          .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("reset"))));
    }
  }

  @Test
  void anUnconfirmedFounderIsToldToConfirmFirst_A3() throws Exception {
    mvc.perform(post("/sign-up").with(csrf()).param("accountName", "Globex").param("domain", "globex.test")
            .param("email", "hank@globex.test").param("firstName", "Hank").param("lastName", "Scorpio")
            .param("birthDay", "2").param("birthMonth", "5").param("birthYear", "1970")
            .param("password", "volcano-hammock-lisbon-4471").param("passwordConfirmation", "volcano-hammock-lisbon-4471"))
        .andExpect(redirectedUrl("/sign-up/sent"));
    MvcResult failed = mvc.perform(post("/sign-in").with(csrf()).param("email", "hank@globex.test")
            .param("password", "volcano-hammock-lisbon-4471"))
        .andExpect(redirectedUrl("/sign-in?error")).andReturn();
    mvc.perform(get("/sign-in").param("error", "").session((MockHttpSession) failed.getRequest().getSession()))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Confirm your email address first")));

    String token = Mail.lastToken(mailbox, "hank@globex.test", MailMessage.Kind.FOUNDER_CONFIRMATION);
    mvc.perform(get("/confirm-founder/" + token)).andExpect(status().isOk());
    mvc.perform(post("/confirm-founder/" + token).with(csrf()).param("password", "wrong-password-entirely-here"))
        .andExpect(status().isUnprocessableContent())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("aria-describedby=\"password-error\"")));
    mvc.perform(post("/confirm-founder/" + token).with(csrf()).param("password", "volcano-hammock-lisbon-4471"))
        .andExpect(redirectedUrl("/sign-in?confirmed"));
    mvc.perform(post("/sign-in").with(csrf()).param("email", "hank@globex.test")
            .param("password", "volcano-hammock-lisbon-4471"))
        .andExpect(redirectedUrl("/"));
  }

  @Test
  void everyPostWithoutTheCsrfTokenIsRefused() throws Exception {
    mvc.perform(post("/sign-in").param("email", DemoData.ADMIN.email()).param("password", DemoData.ADMIN.password()))
        .andExpect(status().isForbidden());
    mvc.perform(post("/invite").with(as(DemoData.ADMIN)).param("addresses", "csrf-victim@acme.com"))
        .andExpect(status().isForbidden());
    mvc.perform(post("/sign-out").with(as(DemoData.ADMIN))).andExpect(status().isForbidden());
    assertThat(mailbox.newestFirst()).noneMatch(m -> m.to().toString().equals("csrf-victim@acme.com"));
  }

  @Test
  void signedOutVisitorsAreSentToSignIn() throws Exception {
    mvc.perform(get("/admin")).andExpect(status().is3xxRedirection())
        .andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/sign-in")));
  }

  @Test
  void aGetOfTheInvitationPageChangesNothing_S1() throws Exception {
    String token = inviteAndGetToken("gina@acme.com");
    for (int i = 0; i < 3; i++) {
      mvc.perform(get("/invitations/" + token)).andExpect(status().isOk())
          .andExpect(content().string(org.hamcrest.Matchers.containsString("gina@acme.com")));
    }
    assertThat(kit.signup().preview(Token.of(token))).isInstanceOf(PreviewResult.Valid.class);
    mvc.perform(get("/join/" + token)).andExpect(status().isOk()); // the link page shows a form only
  }

  @Test
  void tokenPagesSendNoReferrerAndACspWithoutInlineScript() throws Exception {
    String token = inviteAndGetToken("hugo@acme.com");
    mvc.perform(get("/invitations/" + token))
        .andExpect(header().string("Referrer-Policy", "no-referrer"))
        .andExpect(header().string("Content-Security-Policy", SecurityConfig.CONTENT_SECURITY_POLICY))
        .andExpect(header().string("X-Frame-Options", "DENY"));
    assertThat(SecurityConfig.CONTENT_SECURITY_POLICY).doesNotContain("unsafe-inline").contains("script-src 'self'");
    mvc.perform(get("/sign-in")).andExpect(header().string("Referrer-Policy", "no-referrer"));
  }

  @Test
  void linksInMailAndInTheMenuStartWithTheConfiguredBaseUrl_I6_L1() throws Exception {
    inviteAndGetToken("ivan@acme.com");
    assertThat(Mail.lastLink(mailbox, "ivan@acme.com", MailMessage.Kind.INVITATION).toString())
        .startsWith("https://invites.example.test/invitations/");
    mvc.perform(get("/").with(as(DemoData.ADMIN)))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"https://invites.example.test/join/")));
  }

  @Test
  void everySignupProblemIsShownNextToItsFieldAtOnce_S3() throws Exception {
    String token = inviteAndGetToken("jane@acme.com");
    String page = mvc.perform(post("/invitations/" + token).with(csrf()).param("birthDay", "31")
            .param("birthMonth", "2").param("birthYear", "1990").param("firstName", "").param("lastName", "Doe")
            .param("password", "short").param("passwordConfirmation", "different"))
        .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
    for (String field : List.of("birthDate", "firstName", "password", "passwordConfirmation")) {
      assertThat(page).as(field).contains("id=\"" + field + "-error\"")
          .contains("aria-describedby=\"" + field + "-error\"");
    }
    assertThat(page).doesNotContain("id=\"lastName-error\"").contains("There are ");
    assertThat(page).doesNotContain("value=\"short\"").doesNotContain("value=\"different\"");
    assertThat(kit.signup().preview(Token.of(token))).isInstanceOf(PreviewResult.Valid.class);

    mvc.perform(post("/invitations/" + token).with(csrf()).param("birthDay", "14").param("birthMonth", "3")
            .param("birthYear", "1990").param("firstName", "Jane").param("lastName", "Doe")
            .param("password", "saffron-kayak-midnight-3390").param("passwordConfirmation", "saffron-kayak-midnight-3390"))
        .andExpect(redirectedUrl("/welcome"));
    mvc.perform(get("/invitations/" + token)).andExpect(status().isGone())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("already used")));
  }

  @Test
  void unknownRevokedAndUsedLinksEachSayWhatToDo_S1() throws Exception {
    mvc.perform(get("/invitations/no-such-token-at-all")).andExpect(status().isNotFound())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("not valid")));
    mvc.perform(post("/join/no-such-link-token").with(csrf()).param("email", "visitor@acme.com"))
        .andExpect(status().isNotFound())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Ask the person who shared it")));
    mvc.perform(get("/confirm-founder/no-such-token")).andExpect(status().isOk()); // a form; the POST checks
    mvc.perform(post("/confirm-founder/no-such-token").with(csrf()).param("password", "whatever-password-1"))
        .andExpect(status().isNotFound());
  }

  @Test
  void aMemberWithoutInvitePermissionSeesWhyAndWhomToAsk_U6() throws Exception {
    mvc.perform(get("/").with(as(DemoData.NO_INVITES)))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"invite-refusal\"")))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("ada@acme.com")));
    MvcResult posted = mvc.perform(post("/invite").with(as(DemoData.NO_INVITES)).with(csrf())
        .param("addresses", "refused@acme.com")).andExpect(status().is3xxRedirection()).andReturn();
    assertThat((String) posted.getFlashMap().get("inviteMessage")).contains("ada@acme.com");
    assertThat(mailbox.newestFirst()).noneMatch(m -> m.to().toString().equals("refused@acme.com"));
    mvc.perform(get("/admin").with(as(DemoData.NO_INVITES))).andExpect(status().isForbidden());
  }

  @Test
  void noTokenEverReachesTheLogs_I6(CapturedOutput output) throws Exception {
    List<String> tokens = new ArrayList<>();
    String token = inviteAndGetToken("kim@acme.com");
    tokens.add(token);
    mvc.perform(get("/invitations/" + token));
    mvc.perform(post("/invitations/" + token).with(csrf()).param("firstName", "Kim"));
    mvc.perform(post("/invitations/" + token).with(csrf()).param("birthDay", "1").param("birthMonth", "1")
        .param("birthYear", "1991").param("firstName", "Kim").param("lastName", "Lee")
        .param("password", "meadow-trombone-quartz-8812").param("passwordConfirmation", "meadow-trombone-quartz-8812"));
    mvc.perform(get("/invitations/" + token));
    String linkUrl = mvc.perform(get("/").with(as(DemoData.ADMIN))).andReturn().getResponse().getContentAsString()
        .replaceAll("(?s).*id=\"invite-link\" type=\"text\" readonly value=\"([^\"]+)\".*", "$1");
    String linkToken = linkUrl.substring(linkUrl.lastIndexOf('/') + 1);
    tokens.add(linkToken);
    mvc.perform(get("/join/" + linkToken));
    mvc.perform(post("/join/" + linkToken).with(csrf()).param("email", "lou@acme.com"));
    tokens.add(Mail.lastToken(mailbox, "lou@acme.com", MailMessage.Kind.LINK_VERIFICATION));
    mvc.perform(get("/invitations/unknown-" + token));

    assertThat(tokens).allSatisfy(t -> assertThat(t).hasSizeGreaterThan(20));
    assertThat(output.getAll()).contains("Mail (INVITATION) to kim@acme.com"); // the capture works
    for (String t : tokens) {
      assertThat(output.getAll()).doesNotContain(t);
    }
    assertThat(output.getAll()).doesNotContain("meadow-trombone-quartz-8812");
  }

  @Test
  void aResentInvitationSupersedesTheOldLink_I7_S1() throws Exception {
    String first = inviteAndGetToken("sam@acme.com");
    String id = kit.invitations().list(adminId(), acmeId()).stream()
        .filter(i -> i.email().toString().equals("sam@acme.com")).findFirst().orElseThrow().id().toString();
    mvc.perform(post("/admin/invitations/" + id + "/resend").with(as(DemoData.ADMIN)).with(csrf()))
        .andExpect(redirectedUrl("/admin"))
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
            .attribute("notice", "Invitation sent again."));
    String second = Mail.lastToken(mailbox, "sam@acme.com", MailMessage.Kind.INVITATION);
    assertThat(second).isNotEqualTo(first);
    mvc.perform(get("/invitations/" + first)).andExpect(status().isGone())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Use the link in the latest one")));
    mvc.perform(get("/invitations/" + second)).andExpect(status().isOk());
  }

  @Test
  void theAdminTurnsTheLinkOffAndOnAndSetsThePolicy_L1_A2() throws Exception {
    mvc.perform(post("/admin/link/enabled").with(as(DemoData.ADMIN)).with(csrf()).param("enabled", "false"))
        .andExpect(redirectedUrl("/admin"));
    String home = mvc.perform(get("/").with(as(DemoData.COWORKER))).andReturn().getResponse().getContentAsString();
    assertThat(home).doesNotContain("id=\"invite-link\"").contains("id=\"addresses\"");
    mvc.perform(post("/admin/link/enabled").with(as(DemoData.ADMIN)).with(csrf()).param("enabled", "true"))
        .andExpect(redirectedUrl("/admin"));
    mvc.perform(get("/").with(as(DemoData.COWORKER)))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"invite-link\"")));

    mvc.perform(post("/admin/policy").with(as(DemoData.ADMIN)).with(csrf()).param("coworkerInviters", "ADMINS_ONLY")
            .param("guestInviters", "ADMINS_ONLY").param("invitationLifetimeDays", "5"))
        .andExpect(redirectedUrl("/admin"));
    try {
      MvcResult refused = mvc.perform(post("/invite").with(as(DemoData.COWORKER)).with(csrf())
          .param("addresses", "policy-test@acme.com")).andReturn();
      @SuppressWarnings("unchecked")
      List<dev.invitekit.examples.webapp.web.InvitePanel.Outcome> outcomes =
          (List<dev.invitekit.examples.webapp.web.InvitePanel.Outcome>) refused.getFlashMap().get("inviteOutcomes");
      String message = outcomes == null ? (String) refused.getFlashMap().get("inviteMessage")
          : outcomes.get(0).kind() + " " + outcomes.get(0).message();
      assertThat(message).contains("admin");
      assertThat(mailbox.newestFirst()).noneMatch(m -> m.to().toString().equals("policy-test@acme.com"));
      assertThat(kit.trusted().account(acmeId()).orElseThrow().policy().invitationLifetime())
          .isEqualTo(java.time.Duration.ofDays(5));
    } finally {
      mvc.perform(post("/admin/policy").with(as(DemoData.ADMIN)).with(csrf())
          .param("coworkerInviters", "ADMINS_AND_COWORKERS").param("guestInviters", "EVERYONE")
          .param("invitationLifetimeDays", "7"));
    }
  }

  @Test
  void aPolicyOutsideTheRulesIsRefusedWithAMessage_A2() throws Exception {
    mvc.perform(post("/admin/policy").with(as(DemoData.ADMIN)).with(csrf()).param("coworkerInviters", "EVERYBODY")
            .param("guestInviters", "EVERYONE").param("invitationLifetimeDays", "7"))
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
            .attribute("noticeKind", "error"));
    mvc.perform(post("/admin/policy").with(as(DemoData.ADMIN)).with(csrf()).param("coworkerInviters", "ADMINS_ONLY")
            .param("guestInviters", "EVERYONE").param("invitationLifetimeDays", "90"))
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
            .attribute("notice", "Invitations last 1 to 30 days."));
    assertThat(kit.trusted().account(acmeId()).orElseThrow().policy().coworkerInviters())
        .isEqualTo(dev.invitekit.account.InvitePolicy.CoworkerInviters.ADMINS_AND_COWORKERS);
  }

  private dev.invitekit.id.UserId adminId() {
    return ((SignInResult.SignedIn) kit.users().signIn(DemoData.ADMIN.email(), Password.of(DemoData.ADMIN.password()))).user().id();
  }

  private dev.invitekit.id.AccountId acmeId() {
    return directory.accountOf(adminId()).orElseThrow();
  }
}
