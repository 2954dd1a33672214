package dev.invitekit.examples.webapp.security;

import dev.invitekit.Invitekit;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Sessions, CSRF on every POST (Spring Security's default, kept on), form sign-in at {@code /sign-in}
 * backed by {@link InvitekitAuthenticationProvider}, sign-out by POST, and the security headers: a
 * Content-Security-Policy with no inline script or style, and {@code Referrer-Policy: no-referrer} on every
 * page, so that the invitation and link tokens in the path of the token pages never leave in a
 * {@code Referer} header (I6, L1).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

  /** Only this app's own files; no inline script or style; no framing; forms post to this app only. */
  // tag::csp[]
  public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  // end::csp[]

  @Bean
  SignInThrottle signInThrottle() {
    return new SignInThrottle();
  }

  @Bean
  InvitekitAuthenticationProvider invitekitAuthenticationProvider(Invitekit kit, SignInThrottle throttle) {
    return new InvitekitAuthenticationProvider(kit, throttle);
  }

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http, InvitekitAuthenticationProvider provider)
      throws Exception {
    // tag::filter-chain[]
    http
        .authorizeHttpRequests(requests -> requests
            // the pages a visitor needs: sign-in, founder sign-up and confirmation, the token pages
            .requestMatchers("/sign-in", "/sign-up", "/sign-up/sent", "/confirm-founder/*", "/invitations/*",
                "/join/*", "/welcome", "/css/**", "/js/**", "/error", "/actuator/health")
            .permitAll()
            // the dev inbox shows every mailed token: only to a browser on this machine (it exists outside
            // the prod profile only, and that profile's server listens on the loopback address)
            .requestMatchers("/dev/inbox").access((authentication, context) ->
                new AuthorizationDecision(isLoopback(context.getRequest().getRemoteAddr())))
            .anyRequest().authenticated())
        .authenticationProvider(provider)
        .formLogin(form -> form
            .loginPage("/sign-in")
            .usernameParameter("email")
            .passwordParameter("password")
            .defaultSuccessUrl("/", false)
            .failureHandler(new KeepEmailOnFailure()))    // to /sign-in?error, keeping the address
        .logout(logout -> logout
            .logoutUrl("/sign-out")                 // POST only, with the CSRF token
            .logoutSuccessUrl("/sign-in?signed-out"))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
    // end::filter-chain[]
    return http.build();
  }

  static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();   // a literal: no name lookup
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
