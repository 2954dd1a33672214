package dev.invitekit.examples.webapp.security;

import dev.invitekit.Invitekit;
import dev.invitekit.member.SignInResult;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Spring Security's sign-in, backed by {@code kit.users().signIn} (S5): Invitekit checks the Argon2id hash
 * (and spends the same time on an unknown address), Spring Security keeps the session. Each
 * {@link SignInResult} maps to the exception Spring Security expects, carrying the library's message:
 * {@code Refused} is {@link BadCredentialsException} (one message for a wrong password and an unknown
 * address), {@code Unconfirmed} is {@link DisabledException} (a founder who has not confirmed the address,
 * A3). The password is passed on once and never logged; the returned token holds no credentials.
 */
public final class InvitekitAuthenticationProvider implements AuthenticationProvider {

  /** Every signed-in user may see the app; what they may do in an account is Invitekit's decision. */
  static final List<GrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority("ROLE_USER"));

  private final Invitekit kit;

  public InvitekitAuthenticationProvider(Invitekit kit) {
    this.kit = kit;
  }

  // tag::authenticate[]
  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    String email = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (email == null || email.isBlank() || credentials == null || credentials.toString().isEmpty()) {
      throw new BadCredentialsException("Enter your email address and your password.");
    }
    SignInResult result = kit.users().signIn(email.strip(), credentials.toString());
    if (result instanceof SignInResult.SignedIn signedIn) {
      UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(
          SignedInUser.of(signedIn.user()), null, AUTHORITIES);
      token.setDetails(authentication.getDetails());
      return token;
    }
    if (result instanceof SignInResult.Unconfirmed unconfirmed) {
      throw new DisabledException(unconfirmed.message());
    }
    throw new BadCredentialsException(((SignInResult.Refused) result).message());
  }
  // end::authenticate[]

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
