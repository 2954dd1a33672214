package dev.invitekit.spi.store;

import dev.invitekit.member.User;
import java.util.Objects;

/**
 * A user as stored: the public record and the password hash (U1, S4).
 *
 * @param user the user
 * @param passwordHash the PHC hash of their password
 */
public record StoredUser(User user, PasswordHash passwordHash) {
  /** Requires both. */
  public StoredUser {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(passwordHash, "passwordHash");
  }
}
