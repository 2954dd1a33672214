package dev.invitekit.member;

import dev.invitekit.id.UserId;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.LinkId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user's place in an account, with exactly one role (U2).
 *
 * @param accountId the account
 * @param userId the member
 * @param role the member's one role
 * @param mayInvite whether the member may invite at all; an admin can turn it off (U6)
 * @param invitedBy who invited the member; {@code null} for the founder (A3)
 * @param joinedVia the invite link the member joined through, if any (L1)
 * @param joinedAt when the membership began
 */
public record Membership(
    AccountId accountId,
    UserId userId,
    Role role,
    boolean mayInvite,
    @Nullable UserId invitedBy,
    @Nullable LinkId joinedVia,
    Instant joinedAt) {

  /** Requires the non-optional components. */
  public Membership {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(joinedAt, "joinedAt");
  }

  /** This membership with another role. */
  public Membership withRole(Role newRole) {
    return new Membership(accountId, userId, newRole, mayInvite, invitedBy, joinedVia, joinedAt);
  }

  /** This membership with the invite permission set. */
  public Membership withMayInvite(boolean allowed) {
    return new Membership(accountId, userId, role, allowed, invitedBy, joinedVia, joinedAt);
  }
}
