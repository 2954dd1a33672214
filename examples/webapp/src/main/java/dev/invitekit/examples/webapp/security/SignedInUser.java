package dev.invitekit.examples.webapp.security;

import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import java.io.Serializable;
import java.security.Principal;

/**
 * The principal of a signed-in session: who the user is, never a secret (no password, no hash), so it can
 * sit in the HTTP session and appear in logs.
 */
public record SignedInUser(String userId, String email, String displayName) implements Principal, Serializable {

  static SignedInUser of(User user) {
    return new SignedInUser(user.id().toString(), user.email().toString(), user.displayName());
  }

  public UserId id() {
    return UserId.parse(userId);
  }

  @Override
  public String getName() {
    return email;
  }
}
