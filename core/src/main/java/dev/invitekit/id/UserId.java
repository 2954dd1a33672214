package dev.invitekit.id;

import java.util.Objects;
import java.util.UUID;

/** A user's identity, the same across all accounts (U1). */
public record UserId(UUID value) {
  /** Requires a value. */
  public UserId {
    Objects.requireNonNull(value, "value");
  }

  /** A new random id. */
  public static UserId random() {
    return new UserId(UUID.randomUUID());
  }

  /** Parses the form {@link #toString()} produces; throws {@link IllegalArgumentException} if malformed. */
  public static UserId parse(String text) {
    return new UserId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
