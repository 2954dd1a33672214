package dev.invitekit.examples.webapp.security;

import dev.invitekit.secret.Password;
import dev.invitekit.Invitekit;
import dev.invitekit.member.SignInResult;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Spring Security's sign-in, backed by {@code kit.users().signIn} (S5): Invitekit checks the Argon2id hash
 * (and spends the same time on an unknown address), Spring Security keeps the session. Each
 * {@link SignInResult} maps to the exception Spring Security expects, carrying the library's message:
 * {@code Refused} is {@link BadCredentialsException} (one message for a wrong password and an unknown
 * address), and failures are limited by {@link SignInThrottle} ({@link LockedException} past a limit), {@code Unconfirmed} is {@link DisabledException} (a founder who has not confirmed the address,
 * A3). The password is passed on once and never logged; the returned token holds no credentials.
 */
public final class InvitekitAuthenticationProvider implements AuthenticationProvider {

  /** Every signed-in user may see the app; what they may do in an account is Invitekit's decision. */
  static final List<GrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority("ROLE_USER"));

  /** Shown for a wrong password and an unknown address alike; this app has no password reset to offer. */
  static final String REFUSED = "That email address and password do not match.";
  static final String THROTTLED = "Too many failed sign-ins. Wait 15 minutes, then try again.";

  private final Invitekit kit;
  private final SignInThrottle throttle;

  public InvitekitAuthenticationProvider(Invitekit kit, SignInThrottle throttle) {
    this.kit = kit;
    this.throttle = throttle;
  }

  // tag::authenticate[]
  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    String email = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (email == null || email.isBlank() || credentials == null || credentials.toString().isEmpty()) {
      throw new BadCredentialsException("Enter your email address and your password.");
    }
    // Invitekit does not limit sign-in attempts; the app does, per address and client (docs/security.md).
    String client = authentication.getDetails() instanceof WebAuthenticationDetails details
        && details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
    if (!throttle.allows(email, client)) {
      throw new LockedException(THROTTLED);
    }
    SignInResult result = kit.users().signIn(email.strip(), Password.of(credentials.toString()));
    if (!(result instanceof SignInResult.SignedIn)) {
      throttle.failed(email, client);
    }
    if (result instanceof SignInResult.SignedIn signedIn) {
      throttle.succeeded(email, client);
      UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(
          SignedInUser.of(signedIn.user()), null, AUTHORITIES);
      token.setDetails(authentication.getDetails());
      return token;
    }
    if (result instanceof SignInResult.Unconfirmed unconfirmed) {
      throw new DisabledException(unconfirmed.message());
    }
    throw new BadCredentialsException(REFUSED);
  }
  // end::authenticate[]

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
