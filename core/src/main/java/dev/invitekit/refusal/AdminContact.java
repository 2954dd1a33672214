package dev.invitekit.refusal;

import dev.invitekit.email.EmailAddress;
import java.util.Objects;

/**
 * An admin to reach out to, shown to someone refused for lack of permission (U6).
 *
 * @param name the admin's display name
 * @param email the admin's address
 */
public record AdminContact(String name, EmailAddress email) {
  /** Requires both. */
  public AdminContact {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
  }

  /** {@code Name <address>}, for messages. */
  @Override
  public String toString() {
    return name + " <" + email + ">";
  }
}
