package dev.invitekit.internal.license;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.refusal.Refusal.Reason;
import dev.invitekit.account.Account;
import dev.invitekit.account.Plan;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.license.LicenseResult;
import dev.invitekit.license.Licenses;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.spi.store.SeatClaim;
import dev.invitekit.spi.store.StoreTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Pro+ licenses (P1–P4). */
public final class LicenseService implements Licenses {
  private final UnitOfWork work;
  private final Clock clock;
  private final EventBus events;

  /** Licenses on the store's units of work. */
  public LicenseService(UnitOfWork work, Clock clock, EventBus events) {
    this.work = work;
    this.clock = clock;
    this.events = events;
  }

  /** What the gate of a license change decided: the account to change, or the refusal to answer. */
  private sealed interface Gate permits Admitted, Refused {}

  private record Admitted(Account account) implements Gate {}

  private record Refused(LicenseResult answer) implements Gate {}

  /** Admits the change when the actor is an admin of the account and it is on Pro+ (P1, P2). */
  private static Gate adminOfProPlus(StoreTransaction tx, UserId adminId, AccountId accountId) {
    // Locked first, as role changes and removals lock it: the member's role read below is the one the
    // assignment commits with, so a guest or a removed member never holds Pro+ (P2).
    Optional<Account> account = tx.accounts().lock(accountId);
    Optional<Membership> admin = tx.memberships().find(accountId, adminId);
    if (account.isEmpty() || admin.isEmpty()) {
      return new Refused(new LicenseResult.NotAllowed(Permissions.notAMember()));
    }
    if (admin.get().role() != Role.ADMIN) {
      return new Refused(new LicenseResult.NotAllowed(Permissions.adminsOnly(account.get(), "assign Pro+ licenses",
          () -> Permissions.admins(tx, account.get()))));
    }
    if (account.get().plan() != Plan.PRO_PLUS) {
      return new Refused(new LicenseResult.NotAllowed(Refusal.of(Reason.NOT_PRO_PLUS,
          account.get().name() + " is on the " + account.get().plan() + " plan, which has no Pro+ licenses (P1).")));
    }
    return new Admitted(account.get());
  }

  @Override
  public LicenseResult assign(UserId adminId, AccountId accountId, UserId memberId, License license) {
    return change("assigning a license", adminId, accountId, memberId, license, (tx, account, now) -> {
      Optional<Membership> member = tx.memberships().find(accountId, memberId);
      if (member.isEmpty()) {
        return new LicenseResult.NotAllowed(Refusal.of(Reason.TARGET_NOT_A_MEMBER,
            "That person is not a member of " + Permissions.ending(account.name())));
      }
      if (member.get().role() == Role.GUEST) {
        return new LicenseResult.NotAllowed(Refusal.of(Reason.NOT_LICENSABLE,
            "Guests cannot hold Pro+ licenses; promote them to co-worker first (P2)."));
      }
      LicenseAssignment assignment = new LicenseAssignment(accountId, memberId, license, adminId, now);
      SeatClaim claim = tx.seats().tryAssign(assignment, account.proPlusSeats());
      List<LicenseAssignment> assignments = tx.seats().ofAccount(accountId);
      return switch (claim) {
        case ASSIGNED -> new LicenseResult.Assigned(assignment, account.proPlusSeats() - assignments.size());
        case ALREADY_ASSIGNED -> new LicenseResult.AlreadyAssigned(assignments.stream()
            .filter(a -> a.userId().equals(memberId) && a.license() == license).findFirst().orElse(assignment));
        case NO_SEAT_LEFT -> new LicenseResult.NoSeatsLeft(account.proPlusSeats());
      };
    });
  }

  @Override
  public LicenseResult unassign(UserId adminId, AccountId accountId, UserId memberId, License license) {
    return change("unassigning a license", adminId, accountId, memberId, license, (tx, account, now) ->
        tx.seats().remove(accountId, memberId, license)
            .<LicenseResult>map(LicenseResult.Unassigned::new)
            .orElseGet(LicenseResult.NotAssigned::new));
  }

  @FunctionalInterface
  private interface Change {
    LicenseResult apply(StoreTransaction tx, Account account, Instant now);
  }

  /**
   * One license change in one unit of work: only an admin of a Pro+ account may make it (P1, P2); the
   * committed change is published as its event, recording who made it and when (P4).
   */
  private LicenseResult change(String operation, UserId adminId, AccountId accountId, UserId memberId,
      License license, Change change) {
    Objects.requireNonNull(adminId, "adminId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(license, "license");
    Instant now = clock.instant();
    LicenseResult result = work.tx(operation, tx -> {
      Gate gate = adminOfProPlus(tx, adminId, accountId);
      return gate instanceof Admitted admitted ? change.apply(tx, admitted.account(), now) : ((Refused) gate).answer();
    });
    if (result instanceof LicenseResult.Assigned) {
      events.publish(List.of(new InvitekitEvent.LicenseAssigned(now, accountId, memberId, license, adminId)));
    } else if (result instanceof LicenseResult.Unassigned) {
      events.publish(List.of(new InvitekitEvent.LicenseUnassigned(now, accountId, memberId, license, adminId)));
    }
    return result;
  }

  @Override
  public List<LicenseAssignment> assignments(UserId actorId, AccountId accountId) {
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(accountId, "accountId");
    return work.tx("listing licenses", tx -> tx.memberships().find(accountId, actorId).isPresent()
        ? tx.seats().ofAccount(accountId) : List.<LicenseAssignment>of());
  }
}
