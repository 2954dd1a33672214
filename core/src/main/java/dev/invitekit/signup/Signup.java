package dev.invitekit.signup;

import dev.invitekit.member.UserId;

/** Sign-up from an invitation (S1–S6). */
public interface Signup {

  /**
   * Looks at an invitation by its token (S1). Never changes it (I9): safe for a mail scanner's GET.
   *
   * @return {@link PreviewResult.Valid}, or {@link PreviewResult.Unusable} telling unknown, expired,
   *     revoked, declined, locked and already-used tokens apart
   */
  PreviewResult preview(String token);

  /**
   * Signs up a new user from an invitation (S2–S6): checks age (S2), names (S3) and password (S4), all
   * problems together (S5); re-checks what the invitation grants (I8); then creates the user and the
   * membership and marks the invitation accepted in one unit of work (S6). A failed age check locks the
   * invitation (S2). If the invited address already has an identity, the answer is
   * {@link SignupResult.Invalid} with {@code EMAIL/ALREADY_TAKEN}: that person joins with
   * {@link #join(String, UserId)} instead.
   */
  SignupResult createAccount(SignupRequest request);

  /**
   * Accepts an invitation with an existing identity (S6): no second password. The app has authenticated
   * {@code userId}; the invited address must be theirs, else {@link SignupResult.NotAllowed}.
   */
  SignupResult join(String token, UserId userId);

  /**
   * Declines an invitation (I11): it can no longer be used, and the inviter is told when the policy says
   * so. Returns {@link PreviewResult.Unusable} if the token was not usable, else the preview of what was
   * declined.
   */
  PreviewResult decline(String token);
}
