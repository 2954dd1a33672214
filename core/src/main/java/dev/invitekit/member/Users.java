package dev.invitekit.member;

import dev.invitekit.secret.Password;

/** Identities (U1): signing in with the email address and password chosen at sign-up (S4). */
public interface Users {

  /**
   * Checks an email address and password (S4). The password is NFKC-normalized as at sign-up and never
   * truncated: one over {@code FormRules.MAX_PASSWORD} (256) code points is refused. An unknown address,
   * a malformed address, a password over the maximum and a wrong password all get the same
   * {@link SignInResult.Refused}, after the same Argon2id work, so the answer tells nobody whether an
   * address has an identity. When the stored hash used weaker parameters than the configured ones, it is
   * re-hashed with them and stored on success.
   *
   * <p>Invitekit does not limit sign-in attempts or keep sessions: the app does (see docs/security.md).
   *
   * @return {@link SignInResult.SignedIn} with the user; {@link SignInResult.Unconfirmed} when they match a
   *     founder's sign-up not yet confirmed by mail (A3); or {@link SignInResult.Refused}
   */
  SignInResult signIn(String email, Password password);
}
