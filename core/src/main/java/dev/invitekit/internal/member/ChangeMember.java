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
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredUser;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An admin changes a member (U2, U4, U6): the invite permission, the role, or the membership itself, each
 * in one unit of work that locks the account first.
 */
final class ChangeMember {
  private final UnitOfWork work;
  private final Clock clock;
  private final EventBus events;
  private final Directory directory;

  ChangeMember(UnitOfWork work, Clock clock, EventBus events, Directory directory) {
    this.work = work;
    this.clock = clock;
    this.events = events;
    this.directory = directory;
  }

  MemberChange setInvitePermission(UserId adminId, AccountId accountId, UserId memberId, boolean mayInvite) {
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

  MemberChange changeRole(UserId adminId, AccountId accountId, UserId memberId, Role newRole) {
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

  MemberChange remove(UserId adminId, AccountId accountId, UserId memberId) {
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
