package dev.invitekit.spi.store;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.invitekit.secret.Secret;
import java.util.Objects;

/**
 * A password hash in PHC string format ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}, S4). Stores keep
 * it as text; {@link #toString()} and JSON never show it.
 *
 * @param phc the PHC string
 */
public record PasswordHash(String phc) {
  /** Requires a PHC string. */
  public PasswordHash {
    Objects.requireNonNull(phc, "phc");
    if (!phc.startsWith("$")) {
      throw new IllegalArgumentException("a password hash is a PHC string starting with $");
    }
  }

  /** Never shows the hash, also as JSON (SPEC §5). */
  @JsonValue
  @Override
  public String toString() {
    return "PasswordHash[" + Secret.REDACTED + "]";
  }
}
