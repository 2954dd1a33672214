package dev.invitekit.id;

import java.util.Objects;
import java.util.UUID;

/** An invite link's id (L1): public, never the link's token. */
public record LinkId(UUID value) {
  /** Requires a value. */
  public LinkId {
    Objects.requireNonNull(value, "value");
  }

  /** A new random id. */
  public static LinkId random() {
    return new LinkId(UUID.randomUUID());
  }

  /** Parses the form {@link #toString()} produces; throws {@link IllegalArgumentException} if malformed. */
  public static LinkId parse(String text) {
    return new LinkId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
