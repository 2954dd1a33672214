package dev.invitekit.id;

import java.util.Objects;
import java.util.UUID;

/** An invitation's id: public, and never the token (I5). */
public record InvitationId(UUID value) {
  /** Requires a value. */
  public InvitationId {
    Objects.requireNonNull(value, "value");
  }

  /** A new random id. */
  public static InvitationId random() {
    return new InvitationId(UUID.randomUUID());
  }

  /** Parses the form {@link #toString()} produces; throws {@link IllegalArgumentException} if malformed. */
  public static InvitationId parse(String text) {
    return new InvitationId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
