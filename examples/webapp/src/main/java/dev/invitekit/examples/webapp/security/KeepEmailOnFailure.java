package dev.invitekit.examples.webapp.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * After a refused sign-in, keeps the typed email address (never the password) in the session for the
 * sign-in page to fill in again, then redirects to {@code /sign-in?error} as before; the page reads it once.
 */
public final class KeepEmailOnFailure extends SimpleUrlAuthenticationFailureHandler {

  /** The session attribute holding the address typed in the last refused sign-in. */
  public static final String LAST_EMAIL = KeepEmailOnFailure.class.getName() + ".LAST_EMAIL";

  /** Longer input is no address (RFC 5321 caps a path at 256 octets): nothing is kept then. */
  private static final int MAX_LENGTH = 320;

  public KeepEmailOnFailure() {
    super("/sign-in?error");
  }

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException exception) throws IOException, ServletException {
    String email = request.getParameter("email");
    if (email != null && !email.isBlank() && email.length() <= MAX_LENGTH) {
      request.getSession().setAttribute(LAST_EMAIL, email.strip());
    }
    super.onAuthenticationFailure(request, response, exception);
  }
}
