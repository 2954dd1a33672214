package dev.invitekit.id;

import java.util.Objects;
import java.util.UUID;

/** An account's id (A1). */
public record AccountId(UUID value) {
  /** Requires a value. */
  public AccountId {
    Objects.requireNonNull(value, "value");
  }

  /** A new random id. */
  public static AccountId random() {
    return new AccountId(UUID.randomUUID());
  }

  /** Parses the form {@link #toString()} produces; throws {@link IllegalArgumentException} if malformed. */
  public static AccountId parse(String text) {
    return new AccountId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
