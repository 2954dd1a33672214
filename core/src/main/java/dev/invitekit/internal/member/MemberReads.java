package dev.invitekit.internal.member;

import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.Membership;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.StoredUser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The membership reads of U7: whom a member may see, in the order the directory shows them. */
final class MemberReads {
  private final UnitOfWork work;

  MemberReads(UnitOfWork work) {
    this.work = work;
  }

  Optional<Membership> find(UserId viewerId, AccountId accountId, UserId userId) {
    Objects.requireNonNull(viewerId, "viewerId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(userId, "userId");
    return work.tx("finding a membership", tx -> tx.memberships().find(accountId, viewerId).flatMap(viewer ->
        tx.memberships().find(accountId, userId).filter(target -> maySee(viewer, target))));
  }

  List<Membership> list(UserId viewerId, AccountId accountId) {
    Objects.requireNonNull(viewerId, "viewerId");
    Objects.requireNonNull(accountId, "accountId");
    return work.tx("listing members", tx -> tx.memberships().find(accountId, viewerId)
        .map(viewer -> ordered(tx.memberships().ofAccount(accountId).stream().filter(m -> maySee(viewer, m)).toList()))
        .orElse(List.of()));
  }

  Optional<User> user(UserId viewerId, UserId userId) {
    Objects.requireNonNull(viewerId, "viewerId");
    Objects.requireNonNull(userId, "userId");
    return work.tx("finding a user", tx -> {
      Optional<User> user = tx.users().find(userId).map(StoredUser::user);
      if (user.isEmpty() || viewerId.equals(userId)) {
        return user;
      }
      for (Membership target : tx.memberships().ofUser(userId)) {
        Optional<Membership> viewer = tx.memberships().find(target.accountId(), viewerId);
        if (viewer.isPresent() && maySee(viewer.get(), target)) {
          return user;
        }
      }
      return Optional.empty();
    });
  }

  List<AdminContact> admins(UserId viewerId, AccountId accountId) {
    Objects.requireNonNull(viewerId, "viewerId");
    Objects.requireNonNull(accountId, "accountId");
    return work.tx("listing admins", tx -> tx.memberships().find(accountId, viewerId).isEmpty() ? List.<AdminContact>of()
        : tx.accounts().find(accountId).map(account -> Permissions.admins(tx, account)).orElse(List.of()));
  }

  /**
   * Whom a member sees in their account (U7, C1, C2): themselves; an admin every member; a co-worker the
   * admins and co-workers and the guests they invited; a guest the member who invited them and the guests
   * they invited.
   */
  static boolean maySee(Membership viewer, Membership target) {
    if (viewer.userId().equals(target.userId()) || viewer.userId().equals(target.invitedBy())) {
      return true;
    }
    return switch (viewer.role()) {
      case ADMIN -> true;
      case COWORKER -> target.role().isCompanyMember();
      case GUEST -> target.userId().equals(viewer.invitedBy());
    };
  }

  /** Admins first, then co-workers, then guests; oldest first within a role. */
  static List<Membership> ordered(List<Membership> memberships) {
    List<Membership> all = new ArrayList<>(memberships);
    all.sort(Comparator.comparing(Membership::role).thenComparing(Membership::joinedAt));
    return List.copyOf(all);
  }

}
