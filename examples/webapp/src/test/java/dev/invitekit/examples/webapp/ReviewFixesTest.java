package dev.invitekit.examples.webapp;

import dev.invitekit.secret.Password;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.invitekit.Invitekit;
import dev.invitekit.examples.webapp.kit.DemoData;
import dev.invitekit.examples.webapp.kit.DevMailbox;
import dev.invitekit.examples.webapp.security.SignedInUser;
import dev.invitekit.invite.Invitation;
import dev.invitekit.member.SignInResult;
import dev.invitekit.member.User;
import dev.invitekit.spi.mail.MailMessage;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** What the new-user review of the web app found, each shown fixed. */
@SpringBootTest(properties = {"invitekit.password.hashing.insecure-fast-for-tests-only=true",
    "invitekit.base-url=https://invites.example.test"})
@AutoConfigureMockMvc
class ReviewFixesTest {

  @Autowired MockMvc mvc;
  @Autowired Invitekit kit;
  @Autowired DevMailbox mailbox;
  @Autowired dev.invitekit.examples.webapp.kit.AccountDirectory directory;

  private RequestPostProcessor as(DemoData.DemoUser demo) {
    return as(demo.email(), demo.password());
  }

  private RequestPostProcessor as(String email, String password) {
    User user = ((SignInResult.SignedIn) kit.users().signIn(email, Password.of(password))).user();
    SignedInUser principal = new SignedInUser(user.id().toString(), user.email().toString(), user.displayName());
    return authentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
        List.of(new SimpleGrantedAuthority("ROLE_USER"))));
  }

  private Document page(String path, DemoData.DemoUser demo) throws Exception {
    return page(path, as(demo));
  }

  private Document page(String path, RequestPostProcessor user) throws Exception {
    return Jsoup.parse(mvc.perform(get(path).with(user)).andReturn().getResponse().getContentAsString());
  }

  private Element memberRow(Document admin, String address) {
    return admin.select("tr[data-email]").stream().filter(row -> row.attr("data-email").equals(address))
        .findFirst().orElseThrow(() -> new AssertionError("no member row for " + address));
  }

  private Element invitationRow(Document admin, String address) {
    return admin.select("section[aria-labelledby=invitations-heading] tbody tr").stream()
        .filter(row -> row.selectFirst("th").text().equals(address)).findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + address));
  }

  /** S2: the lock stops retries, so the admin page neither calls it pending nor offers to send it again. */
  @Test
  void anInvitationLockedByAFailedAgeCheckIsShownLockedWithoutResend_S2() throws Exception {
    String address = "young-reviewer@acme.com";
    mvc.perform(post("/invite").with(as(DemoData.ADMIN)).with(csrf()).param("addresses", address))
        .andExpect(status().is3xxRedirection());
    Element before = invitationRow(page("/admin", DemoData.ADMIN), address);
    assertThat(before.text()).contains("Pending");
    assertThat(before.select("button").eachText()).containsExactly("Resend", "Revoke");

    String token = Mail.lastToken(mailbox, address, MailMessage.Kind.INVITATION);
    mvc.perform(post("/invitations/" + token).with(csrf()).param("firstName", "Kim").param("lastName", "Young")
        .param("birthDay", "1").param("birthMonth", "6").param("birthYear", "2020")
        .param("password", "volcano-hammock-lisbon-4471").param("passwordConfirmation", "volcano-hammock-lisbon-4471"));
    Invitation locked = kit.invitations().list(adminId(), adminAccount()).stream()
        .filter(i -> i.email().toString().equals(address)).findFirst().orElseThrow();
    assertThat(locked.ageCheckLocked()).isTrue();

    Document admin = page("/admin", DemoData.ADMIN);
    Element row = invitationRow(admin, address);
    assertThat(row.text()).contains("Locked: failed the age check").doesNotContain("Pending");
    assertThat(row.select("button").eachText()).containsExactly("Revoke");
    assertThat(admin.getElementById("age-locked-note").text()).contains("revoke").doesNotContain("new invitation");

    // and a hand-made POST is refused without a mail
    long mailsBefore = mailbox.newestFirst().stream().filter(m -> m.to().toString().equals(address)).count();
    MvcResult resend = mvc.perform(post("/admin/invitations/" + locked.id() + "/resend").with(as(DemoData.ADMIN))
        .with(csrf())).andReturn();
    assertThat(resend.getFlashMap().get("notice").toString()).contains("locked by a failed age check");
    assertThat(mailbox.newestFirst().stream().filter(m -> m.to().toString().equals(address)).count())
        .isEqualTo(mailsBefore);
  }

  /** S5: after a refusal the page fills in the typed address again and never the password. */
  @Test
  void aRefusedSignInKeepsTheTypedEmailButNotThePassword_S5() throws Exception {
    MvcResult failed = mvc.perform(post("/sign-in").with(csrf()).param("email", DemoData.COWORKER.email())
        .param("password", "a-wrong-password-typed-here")).andReturn();
    assertThat(failed.getResponse().getRedirectedUrl()).isEqualTo("/sign-in?error");
    String html = mvc.perform(get("/sign-in").param("error", "")
            .session((org.springframework.mock.web.MockHttpSession) failed.getRequest().getSession()))
        .andReturn().getResponse().getContentAsString();
    Document page = Jsoup.parse(html);
    assertThat(page.getElementById("email").attr("value")).isEqualTo(DemoData.COWORKER.email());
    assertThat(page.getElementById("password").hasAttr("value")).isFalse();
    assertThat(html).doesNotContain("a-wrong-password-typed-here")
        .contains("That email address and password do not match.");
    // a fresh visit starts empty
    assertThat(Jsoup.parse(mvc.perform(get("/sign-in")).andReturn().getResponse().getContentAsString())
        .getElementById("email").attr("value")).isEmpty();
  }

  /** L3, I6: the inbox labels each mail's link by what it does, not "Create account" on every kind. */
  @Test
  void theDevInboxLabelsEachLinkByWhatItDoes_L3_I6() throws Exception {
    mvc.perform(post("/invite").with(as(DemoData.ADMIN)).with(csrf()).param("addresses", "label-invitee@acme.com"))
        .andExpect(status().is3xxRedirection());
    String link = kit.links().current(adminId(), adminAccount()) instanceof dev.invitekit.link.LinkAccess.Available a
        ? a.link().url().getPath().substring("/join/".length()) : null;
    assertThat(link).isNotNull();
    mvc.perform(post("/join/" + link).with(csrf()).param("email", "label-visitor@acme.com"));
    mvc.perform(post("/join/" + link).with(csrf()).param("email", DemoData.COWORKER.email()));

    Document inbox = Jsoup.parse(mvc.perform(get("/dev/inbox").with(request -> {
      request.setRemoteAddr("127.0.0.1");
      return request;
    })).andReturn().getResponse().getContentAsString());
    assertThat(actionOfNewestMailTo(inbox, "label-invitee@acme.com")).isEqualTo("Create account");
    assertThat(actionOfNewestMailTo(inbox, "label-visitor@acme.com")).isEqualTo("Confirm your email");
    assertThat(actionOfNewestMailTo(inbox, DemoData.COWORKER.email())).isEqualTo("Sign in");
  }

  private static String actionOfNewestMailTo(Document inbox, String address) {
    return inbox.select("article.mail").stream()
        .filter(mail -> mail.selectFirst(".mail-to").text().equals(address)).findFirst()
        .map(mail -> mail.select("a.mail-action").text())
        .orElseThrow(() -> new AssertionError("no mail to " + address));
  }

  /** The error page says what happened and what to do for each status, and shows no path or stack trace. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "400|The form was not understood|reload the page",
      "403|This could not be done|Your session expired or the form was open too long. Go back, reload the page and try again.",
      "404|This page does not exist|This page does not exist.",
      "405|This page cannot be used that way|use the page's button",
      "413|What was sent is too large|send less",
      "429|Too many tries|Wait a few minutes",
      "500|Something went wrong on our side|Try again in a moment"})
  void theErrorPageSaysWhatToDoForEachStatus(int status, String heading, String whatToDo) throws Exception {
    MvcResult result = mvc.perform(get("/error").accept(org.springframework.http.MediaType.TEXT_HTML)
        .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_STATUS_CODE, status)
        .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI, "/invitations/secret-token-in-path")
        .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("internal detail"))
    ).andReturn();
    assertThat(result.getResponse().getStatus()).isEqualTo(status);
    String html = result.getResponse().getContentAsString();
    Document page = Jsoup.parse(html);
    assertThat(page.selectFirst("h1").text()).isEqualTo(heading);
    assertThat(page.getElementById("what-to-do").text()).contains(whatToDo);
    assertThat(html).doesNotContain("secret-token-in-path").doesNotContain("internal detail")
        .doesNotContain("IllegalStateException");
  }

  /** U6: an admin's permission has no toggle; P2: a guest gets no Assign; counts are singular for one. */
  @Test
  void theAdminPageOffersOnlyWhatTheRulesAllow_U6_P2() throws Exception {
    String guest = "gus-guest@example.org";
    mvc.perform(post("/invite").with(as(DemoData.ADMIN)).with(csrf()).param("addresses", guest))
        .andExpect(status().is3xxRedirection());
    mvc.perform(post("/invitations/" + Mail.lastToken(mailbox, guest, MailMessage.Kind.INVITATION)).with(csrf())
            .param("firstName", "Gus").param("lastName", "Guest").param("birthDay", "3").param("birthMonth", "4")
            .param("birthYear", "1980").param("password", "lantern-orchid-fjord-2291")
            .param("passwordConfirmation", "lantern-orchid-fjord-2291"))
        .andExpect(status().is3xxRedirection());

    Document admin = page("/admin", DemoData.ADMIN);
    Element adminRow = memberRow(admin, DemoData.ADMIN.email());
    assertThat(adminRow.select("form[action$=/invite-permission]")).isEmpty();
    assertThat(adminRow.text()).contains("Always (admin)");
    assertThat(memberRow(admin, DemoData.COWORKER.email()).select("form[action$=/invite-permission]")).hasSize(1);
    Element guestRow = memberRow(admin, guest);
    assertThat(guestRow.text()).contains("guest").contains("Guests cannot hold Pro+");
    assertThat(guestRow.select("form[action$=/pro-plus]")).isEmpty();
    assertThat(memberRow(admin, DemoData.COWORKER.email()).select("form[action$=/pro-plus] button").text())
        .isIn("Assign Pro+", "Unassign Pro+");

    // one seat left is "1 seat", not "1 seats"
    String coworkerId = memberRow(admin, DemoData.COWORKER.email()).selectFirst("form[action$=/pro-plus]")
        .attr("action").replaceAll(".*/members/([^/]+)/pro-plus", "$1");
    MvcResult assigned = mvc.perform(post("/admin/members/" + coworkerId + "/pro-plus").param("assign", "true")
        .with(as(DemoData.ADMIN)).with(csrf())).andReturn();
    try {
      assertThat(assigned.getFlashMap().get("notice").toString()).isEqualTo("Pro+ assigned. 1 seat left.");
    } finally {
      mvc.perform(post("/admin/members/" + coworkerId + "/pro-plus").param("assign", "false")
          .with(as(DemoData.ADMIN)).with(csrf()));
    }
  }

  /** P1: an account without Pro+ seats shows no Assign button at all. */
  @Test
  void anAccountWithoutSeatsHasNoAssignButtons_P1() throws Exception {
    String founder = "fran@initech.test";
    String password = "stapler-basement-memo-5512";
    mvc.perform(post("/sign-up").with(csrf()).param("accountName", "Initech").param("domain", "initech.test")
            .param("email", founder).param("firstName", "Fran").param("lastName", "Founder")
            .param("birthDay", "2").param("birthMonth", "5").param("birthYear", "1970")
            .param("password", password).param("passwordConfirmation", password))
        .andExpect(status().is3xxRedirection());
    String token = Mail.lastToken(mailbox, founder, MailMessage.Kind.FOUNDER_CONFIRMATION);
    mvc.perform(post("/confirm-founder/" + token).with(csrf()).param("password", password))
        .andExpect(status().is3xxRedirection());

    Document admin = page("/admin", as(founder, password));
    assertThat(admin.getElementById("seats").text()).isEqualTo("This account has no Pro+ seats.");
    assertThat(admin.select("form[action$=/pro-plus]")).isEmpty();
  }

  /** U6: a member whose invite permission is off is not sent to the (+) menu to invite, and learns whom to ask. */
  @Test
  void aMemberWithoutInvitePermissionIsNotToldToInvite_U6() throws Exception {
    assertThat(page("/", DemoData.COWORKER).getElementById("invite-hint").text()).contains("New actions");
    dev.invitekit.id.UserId coworker = ((SignInResult.SignedIn) kit.users()
        .signIn(DemoData.COWORKER.email(), Password.of(DemoData.COWORKER.password()))).user().id();
    kit.members().setInvitePermission(adminId(), adminAccount(), coworker, false);
    try {
      Element hint = page("/", DemoData.COWORKER).getElementById("invite-hint");
      assertThat(hint.text()).doesNotContain("New actions").doesNotContain("to invite people.")
          .startsWith("Your permission to invite people is turned off").contains("ask");
    } finally {
      kit.members().setInvitePermission(adminId(), adminAccount(), coworker, true);
    }
  }

  private dev.invitekit.id.UserId adminId() {
    return ((SignInResult.SignedIn) kit.users().signIn(DemoData.ADMIN.email(), Password.of(DemoData.ADMIN.password()))).user().id();
  }

  private dev.invitekit.id.AccountId adminAccount() {
    return directory.accountOf(adminId()).orElseThrow();
  }
}
