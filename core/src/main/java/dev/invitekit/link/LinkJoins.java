package dev.invitekit.link;

import dev.invitekit.refusal.Refusal;
import java.util.List;

/**
 * The answer to "who joined through the account's links?" (L1, U6, U7): the list, or a typed refusal for
 * a caller who may not see it, so that "nobody joined" is never confused with "you may not see this"
 * (issue 9 item 12).
 */
public sealed interface LinkJoins {

  /** Everyone who joined through any of the account's links, oldest first; empty when nobody did. */
  record Listed(List<LinkJoin> joins) implements LinkJoins {
    /** Copies the list. */
    public Listed {
      joins = List.copyOf(joins);
    }
  }

  /**
   * The caller may not see who joined: not a member ({@code NOT_A_MEMBER}), or not an admin
   * ({@code ADMINS_ONLY}, naming the admins to ask, U6).
   */
  record NotAllowed(Refusal refusal) implements LinkJoins {}
}
