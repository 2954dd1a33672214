package dev.invitekit.spi.store;

import dev.invitekit.member.Membership;
import dev.invitekit.member.User;
import java.util.Objects;

/**
 * A member of an account with their user's public record, as the contacts directory reads them (U2, C1–C3).
 * It holds no password hash (SPEC §5).
 *
 * @param membership the membership
 * @param user the member's user, whose id is the membership's user id
 */
public record StoredMember(Membership membership, User user) {
  /** Requires both, for the same user. */
  public StoredMember {
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(user, "user");
    if (!membership.userId().equals(user.id())) {
      throw new IllegalArgumentException("the membership is " + membership.userId() + "'s, the user " + user.id());
    }
  }
}
