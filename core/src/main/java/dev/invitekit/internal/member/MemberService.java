package dev.invitekit.internal.member;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.refusal.Refusal.Reason;
import dev.invitekit.account.Account;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.contacts.Directory;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.license.License;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.Members;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredUser;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Memberships (U1–U6, A4). */
public final class MemberService implements Members {
  private final UnitOfWork work;
  private final Clock clock;
  private final EventBus events;
  private final Directory directory;

  /** Memberships on the store's units of work; changes invalidate the contacts directory (C3). */
  public MemberService(UnitOfWork work, Clock clock, EventBus events, Directory directory) {
    this.work = work;
    this.clock = clock;
    this.events = events;
    this.directory = directory;
  }

  @Override
  public Optional<Membership> find(UserId viewerId, AccountId accountId, UserId userId) {
    Objects.requireNonNull(viewerId, "viewerId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(userId, "userId");
    return work.tx("finding a membership", tx -> tx.memberships().find(accountId, viewerId).flatMap(viewer ->
        tx.memberships().find(accountId, userId).filter(target -> maySee(viewer, target))));
  }

  @Override
  public List<Membership> list(UserId viewerId, AccountId accountId) {
    Objects.requireNonNull(viewerId, "viewerId");
    Objects.requireNonNull(accountId, "accountId");
    return work.tx("listing members", tx -> tx.memberships().find(accountId, viewerId)
        .map(viewer -> ordered(tx.memberships().ofAccount(accountId).stream().filter(m -> maySee(viewer, m)).toList()))
        .orElse(List.of()));
  }

  @Override
  public Optional<User> user(UserId viewerId, UserId userId) {
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

  @Override
  public List<AdminContact> admins(UserId viewerId, AccountId accountId) {
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

  @Override
  public MemberChange setInvitePermission(UserId adminId, AccountId accountId, UserId memberId, boolean mayInvite) {
    return change(adminId, accountId, memberId, "change who may invite", (tx, account, target, now) -> {
      if (target.role() == Role.ADMIN && !mayInvite) {
        return refused(Reason.ADMINS_ONLY, "Admins can always invite; demote the admin first.");
      }
      Membership updated = target.withMayInvite(mayInvite);
      tx.memberships().update(updated);
      return new Result(new MemberChange.Changed(updated),
          List.of(new InvitekitEvent.InvitePermissionChanged(now, accountId, memberId, mayInvite, adminId)));
    });
  }

  @Override
  public MemberChange changeRole(UserId adminId, AccountId accountId, UserId memberId, Role newRole) {
    Objects.requireNonNull(newRole, "newRole");
    return change(adminId, accountId, memberId, "change roles", (tx, account, target, now) -> {
      if (target.role() == newRole) {
        return new Result(new MemberChange.Changed(target), List.of());
      }
      StoredUser user = tx.users().find(memberId).orElseThrow();
      if (newRole == Role.ADMIN && !account.isCompanyAddress(user.user().email())) {
        return refused(Reason.ADMIN_NEEDS_COMPANY_DOMAIN, "Only addresses at "
            + String.join(", ", account.companyDomains()) + " can be admins (U4).");
      }
      if (target.role() == Role.ADMIN && isLastAdmin(tx, accountId)) {
        return refused(Reason.LAST_ADMIN, "The account needs at least one admin: promote someone else first.");
      }
      List<InvitekitEvent> events = new ArrayList<>();
      if (newRole == Role.GUEST) {
        // Guests hold no Pro+ license (P2): demoting frees the seat.
        tx.seats().remove(accountId, memberId, License.PRO_PLUS).ifPresent(a -> events.add(
            new InvitekitEvent.LicenseUnassigned(now, accountId, memberId, a.license(), adminId)));
      }
      Membership updated = target.withRole(newRole);
      if (newRole == Role.ADMIN) {
        updated = updated.withMayInvite(true);
      }
      tx.memberships().update(updated);
      events.add(0, new InvitekitEvent.RoleChanged(now, accountId, memberId, target.role(), newRole, adminId));
      return new Result(new MemberChange.Changed(updated), events);
    });
  }

  @Override
  public MemberChange remove(UserId adminId, AccountId accountId, UserId memberId) {
    return change(adminId, accountId, memberId, "remove members", (tx, account, target, now) -> {
      if (target.role() == Role.ADMIN && isLastAdmin(tx, accountId)) {
        return refused(Reason.LAST_ADMIN, "The account needs at least one admin: promote someone else first.");
      }
      List<InvitekitEvent> events = new ArrayList<>();
      tx.seats().remove(accountId, memberId, License.PRO_PLUS).ifPresent(a -> events.add(
          new InvitekitEvent.LicenseUnassigned(now, accountId, memberId, a.license(), adminId)));
      tx.memberships().delete(accountId, memberId);
      events.add(0, new InvitekitEvent.MemberRemoved(now, accountId, memberId, adminId));
      return new Result(new MemberChange.Changed(target), events);
    });
  }

  private static boolean isLastAdmin(StoreTransaction tx, AccountId accountId) {
    return tx.memberships().ofAccount(accountId).stream().filter(m -> m.role() == Role.ADMIN).count() <= 1;
  }

  private static Result refused(Reason reason, String message) {
    return new Result(new MemberChange.NotAllowed(Refusal.of(reason, message)), List.of());
  }

  private record Result(MemberChange change, List<InvitekitEvent> events) {}

  @FunctionalInterface
  private interface Change {
    Result apply(StoreTransaction tx, Account account, Membership target, Instant now);
  }

  private MemberChange change(UserId adminId, AccountId accountId, UserId memberId, String what, Change change) {
    Objects.requireNonNull(adminId, "adminId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(memberId, "memberId");
    Instant now = clock.instant();
    Result result = work.tx(what, tx -> {
      // Locked first: role changes and removals in one account run one after another, on every node, and
      // each decides on what the previous one committed, so the last admin is never demoted or removed (U2).
      Optional<Account> account = tx.accounts().lock(accountId);
      Optional<Membership> actor = tx.memberships().find(accountId, adminId);
      if (account.isEmpty() || actor.isEmpty()) {
        return refused(Reason.NOT_A_MEMBER, "You are not a member of this account.");
      }
      if (actor.get().role() != Role.ADMIN) {
        return new Result(new MemberChange.NotAllowed(
            Permissions.adminsOnly(account.get(), what, () -> Permissions.admins(tx, account.get()))), List.of());
      }
      Optional<Membership> target = tx.memberships().find(accountId, memberId);
      if (target.isEmpty()) {
        return refused(Reason.TARGET_NOT_A_MEMBER, "That person is not a member of " + Permissions.ending(account.get().name()));
      }
      return change.apply(tx, account.get(), target.get(), now);
    });
    if (!result.events().isEmpty()) {
      directory.invalidate(accountId);
      events.publish(result.events());
    }
    return result.change();
  }
}
