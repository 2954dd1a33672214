package dev.invitekit.examples.webapp.web;

import dev.invitekit.examples.webapp.security.KeepEmailOnFailure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page. Spring Security handles the POST (InvitekitAuthenticationProvider); after a failure it
 * redirects here with {@code ?error} and keeps the exception, whose message is Invitekit's, in the session,
 * and {@link KeepEmailOnFailure} keeps the typed address, filled in again (the password never is).
 */
@Controller
public class SignInController {

  @GetMapping("/sign-in")
  String signIn(HttpServletRequest request, Model model) {
    HttpSession session = request.getSession(false);
    if (request.getParameter("error") != null && session != null
        && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationException e) {
      model.addAttribute("error", e.getMessage());
    } else if (request.getParameter("error") != null) {
      model.addAttribute("error", "That email address and password do not match.");
    }
    if (session != null && session.getAttribute(KeepEmailOnFailure.LAST_EMAIL) instanceof String email) {
      session.removeAttribute(KeepEmailOnFailure.LAST_EMAIL); // shown once, on the page after the refusal
      if (model.containsAttribute("error")) {
        model.addAttribute("email", email);
      }
    }
    model.addAttribute("signedOut", request.getParameter("signed-out") != null);
    model.addAttribute("confirmed", request.getParameter("confirmed") != null);
    return "sign-in";
  }
}
