package dev.invitekit.examples.webapp.web;

import dev.invitekit.signup.TokenStatus;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

/** The page for a token that cannot be used: what happened and what to do (S1, L3, A3). */
final class TokenPages {

  private TokenPages() {}

  static String problem(Model model, jakarta.servlet.http.HttpServletResponse response, String title,
      String whatToDo, HttpStatus status) {
    response.setStatus(status.value());
    model.addAttribute("title", title);
    model.addAttribute("whatToDo", whatToDo);
    return "token-problem";
  }

  static String invitation(Model model, jakarta.servlet.http.HttpServletResponse response, TokenStatus status) {
    String title = switch (status) {
      case UNKNOWN -> "This invitation link is not valid";
      case SUPERSEDED -> "A newer invitation was sent";
      case EXPIRED -> "This invitation has expired";
      case REVOKED -> "This invitation was withdrawn";
      case ALREADY_USED -> "This invitation was already used";
      case DECLINED -> "You declined this invitation";
      case LOCKED -> "This invitation can no longer be used";
      case TOO_MANY_ATTEMPTS -> "Too many links were tried";
    };
    HttpStatus http = switch (status) {
      case UNKNOWN -> HttpStatus.NOT_FOUND;
      case TOO_MANY_ATTEMPTS -> HttpStatus.TOO_MANY_REQUESTS;
      default -> HttpStatus.GONE;
    };
    return problem(model, response, title, status.whatToDo(), http);
  }
}
