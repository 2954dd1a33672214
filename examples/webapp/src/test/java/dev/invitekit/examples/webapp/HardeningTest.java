package dev.invitekit.examples.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.invitekit.examples.webapp.kit.DemoData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** What the outside review of the web app found, each shown fixed. */
@SpringBootTest(properties = {"invitekit.password.hashing.insecure-fast-for-tests-only=true"})
@AutoConfigureMockMvc
class HardeningTest {
  @Autowired MockMvc mvc;

  private MvcResult signIn(String email, String password, String client) throws Exception {
    return mvc.perform(post("/sign-in").with(csrf()).with(request -> {
      request.setRemoteAddr(client);
      return request;
    }).param("email", email).param("password", password)).andReturn();
  }

  private String errorShown(MvcResult failed) throws Exception {
    return mvc.perform(get("/sign-in").param("error", "").session((MockHttpSession) failed.getRequest().getSession()))
        .andReturn().getResponse().getContentAsString();
  }

  @Test
  void failedSignInsAreLimitedPerAddressAndClient_S5() throws Exception {
    String email = DemoData.COWORKER.email();
    for (int i = 0; i < 5; i++) {
      assertThat(signIn(email, "wrong guess number " + i, "198.51.100.7").getResponse().getRedirectedUrl())
          .isEqualTo("/sign-in?error");
    }
    // the sixth try from that client is refused before the password is looked at, even the right one
    MvcResult throttled = signIn(email, DemoData.COWORKER.password(), "198.51.100.7");
    assertThat(throttled.getResponse().getRedirectedUrl()).isEqualTo("/sign-in?error");
    assertThat(errorShown(throttled)).contains("Too many failed sign-ins");
    // from another machine the owner still signs in: nobody locks a colleague out from one client
    assertThat(signIn(email, DemoData.COWORKER.password(), "198.51.100.8").getResponse().getRedirectedUrl())
        .isEqualTo("/");
  }

  @Test
  void theDevInboxAnswersOnlyThisMachine_I6() throws Exception {
    mvc.perform(get("/dev/inbox").with(request -> {
      request.setRemoteAddr("203.0.113.5");
      return request;
    })).andExpect(status().is3xxRedirection());   // to sign-in, and even signed in it is refused
    mvc.perform(get("/dev/inbox").with(request -> {
      request.setRemoteAddr("127.0.0.1");
      return request;
    })).andExpect(status().isOk());
    mvc.perform(get("/dev/inbox").with(request -> {
      request.setRemoteAddr("::1");
      return request;
    })).andExpect(status().isOk());
  }

  @Test
  void aRefusedAddressDoesNotShowThePassword() throws Exception {
    MvcResult failed = signIn("nobody@acme.com", "hunter2-secret-guess", "192.0.2.1");
    assertThat(failed.getResponse().getRedirectedUrl()).isEqualTo("/sign-in?error");
    assertThat(errorShown(failed)).doesNotContain("hunter2-secret-guess");
  }
}
