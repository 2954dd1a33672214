package dev.invitekit.signup;

import dev.invitekit.secret.Token;
import dev.invitekit.id.UserId;
import org.jspecify.annotations.Nullable;

/** Sign-up from an invitation (S1–S6). */
public interface Signup {

  /**
   * Looks at an invitation by its token (S1). Never changes it (I9): safe for a mail scanner's GET.
   *
   * @return {@link PreviewResult.Valid}, or {@link PreviewResult.Unusable} telling unknown, expired,
   *     revoked, declined, locked and already-used tokens apart
   */
  default PreviewResult preview(Token token) {
    return preview(token, null);
  }

  /**
   * As {@link #preview(Token)}, counting an unknown or malformed token against {@code clientKey} (SPEC
   * §5). The token is always looked up first: a valid token is never counted and never refused, whatever
   * others send. Past the builder's {@code tokenAttemptLimits}, for this client or for every client
   * together, a miss answers {@link TokenStatus#TOO_MANY_ATTEMPTS} instead of UNKNOWN. Invitekit cannot see
   * the visitor's IP address: pass whatever identifies the client to you (an IP address, a session id),
   * or null to count only against the global cap. The key is stored only as a digest. The same holds for
   * the {@code clientKey} overloads of {@link #createAccount(SignupRequest, String)},
   * {@link #join(Token, UserId, String)} and {@link #decline(Token, String)}.
   */
  PreviewResult preview(Token token, @Nullable String clientKey);

  /**
   * Signs up a new user from an invitation (S2–S6): checks age (S2), names (S3) and password (S4), all
   * problems together (S5); re-checks what the invitation grants (I8); then creates the user and the
   * membership and marks the invitation accepted in one unit of work (S6). A failed age check locks the
   * invitation (S2). If the invited address already has an identity, the answer is
   * {@link SignupResult.Invalid} with {@code EMAIL/ALREADY_TAKEN}: that person joins with
   * {@link #join(Token, UserId)} instead.
   */
  default SignupResult createAccount(SignupRequest request) {
    return createAccount(request, null);
  }

  /** As {@link #createAccount(SignupRequest)}, counting a miss against {@code clientKey} (see {@link #preview(Token, String)}). */
  SignupResult createAccount(SignupRequest request, @Nullable String clientKey);

  /**
   * Accepts an invitation with an existing identity (S6): no second password. The app has authenticated
   * {@code userId}; the invited address must be theirs, else {@link SignupResult.NotAllowed} with
   * {@code INVITATION_FOR_ANOTHER_ADDRESS} (S6; the invited address is not named), or {@code NOT_A_MEMBER}
   * for an unknown user id.
   */
  default SignupResult join(Token token, UserId userId) {
    return join(token, userId, null);
  }

  /** As {@link #join(Token, UserId)}, counting a miss against {@code clientKey} (see {@link #preview(Token, String)}). */
  SignupResult join(Token token, UserId userId, @Nullable String clientKey);

  /**
   * Declines an invitation (I11): it can no longer be used, and the inviter is told when the policy says
   * so. Returns {@link PreviewResult.Unusable} if the token was not usable, else the preview of what was
   * declined.
   */
  default PreviewResult decline(Token token) {
    return decline(token, null);
  }

  /** As {@link #decline(Token)}, counting a miss against {@code clientKey} (see {@link #preview(Token, String)}). */
  PreviewResult decline(Token token, @Nullable String clientKey);
}
