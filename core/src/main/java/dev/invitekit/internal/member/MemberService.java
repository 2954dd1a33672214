package dev.invitekit.internal.member;

import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.contacts.Directory;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.Members;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Memberships (U1–U7, A4): the reads of {@link MemberReads}, the admin's changes of {@link ChangeMember}. */
public final class MemberService implements Members {
  private final MemberReads reads;
  private final ChangeMember changes;

  /** Memberships on the store's units of work; changes invalidate the contacts directory (C3). */
  public MemberService(UnitOfWork work, Clock clock, EventBus events, Directory directory) {
    this.reads = new MemberReads(work);
    this.changes = new ChangeMember(work, clock, events, directory);
  }

  @Override
  public Optional<Membership> find(UserId viewerId, AccountId accountId, UserId userId) {
    return reads.find(viewerId, accountId, userId);
  }

  @Override
  public List<Membership> list(UserId viewerId, AccountId accountId) {
    return reads.list(viewerId, accountId);
  }

  @Override
  public Optional<User> user(UserId viewerId, UserId userId) {
    return reads.user(viewerId, userId);
  }

  @Override
  public List<AdminContact> admins(UserId viewerId, AccountId accountId) {
    return reads.admins(viewerId, accountId);
  }

  @Override
  public MemberChange setInvitePermission(UserId adminId, AccountId accountId, UserId memberId, boolean mayInvite) {
    return changes.setInvitePermission(adminId, accountId, memberId, mayInvite);
  }

  @Override
  public MemberChange changeRole(UserId adminId, AccountId accountId, UserId memberId, Role newRole) {
    return changes.changeRole(adminId, accountId, memberId, newRole);
  }

  @Override
  public MemberChange remove(UserId adminId, AccountId accountId, UserId memberId) {
    return changes.remove(adminId, accountId, memberId);
  }
}
