package dev.invitekit.spi.store;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.UserId;
import dev.invitekit.member.Role;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One member of an account as the contacts directory lists them (C1–C3): only what a contact shows or the
 * directory filters by, read by {@link StoreTransaction#directoryOf}. Narrower than {@link StoredMember}
 * (no timestamps, no link, no invite permission) so that a store reading a large account materialises five
 * fields a member instead of eleven.
 *
 * @param userId the member
 * @param name the member's display name, as {@link dev.invitekit.member.User#displayName()} answers it: first
 *     name, a space, last name
 * @param email the member's address
 * @param role the member's one role in the account
 * @param invitedBy who invited the member, as the membership records it; {@code null} for no one
 */
public record DirectoryEntry(UserId userId, String name, EmailAddress email, Role role, @Nullable UserId invitedBy) {
  /** Requires every component but {@code invitedBy}. */
  public DirectoryEntry {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(role, "role");
  }

  /** The entry of a member read with their user. */
  public static DirectoryEntry of(StoredMember member) {
    Objects.requireNonNull(member, "member");
    return new DirectoryEntry(member.user().id(), member.user().displayName(), member.user().email(),
        member.membership().role(), member.membership().invitedBy());
  }
}
