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
import org.jspecify.annotations.Nullable;

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

  /** The account if the actor is its admin and it has Pro+ seats; else null and the refusal in {@code out[0]}. */
  private static @Nullable Account adminOfProPlus(StoreTransaction tx, UserId adminId, AccountId accountId,
      LicenseResult[] out) {
    // Locked first, as role changes and removals lock it: the member's role read below is the one the
    // assignment commits with, so a guest or a removed member never holds Pro+ (P2).
    Optional<Account> account = tx.accounts().lock(accountId);
    Optional<Membership> admin = tx.memberships().find(accountId, adminId);
    if (account.isEmpty() || admin.isEmpty()) {
      out[0] = new LicenseResult.NotAllowed(Permissions.notAMember());
      return null;
    }
    if (admin.get().role() != Role.ADMIN) {
      out[0] = new LicenseResult.NotAllowed(Permissions.adminsOnly(account.get(), "assign Pro+ licenses",
          () -> Permissions.admins(tx, account.get())));
      return null;
    }
    if (account.get().plan() != Plan.PRO_PLUS) {
      out[0] = new LicenseResult.NotAllowed(Refusal.of(Reason.NOT_PRO_PLUS,
          account.get().name() + " is on the " + account.get().plan() + " plan, which has no Pro+ licenses (P1)."));
      return null;
    }
    return account.get();
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
      LicenseResult[] refused = new LicenseResult[1];
      Account account = adminOfProPlus(tx, adminId, accountId, refused);
      return account == null ? refused[0] : change.apply(tx, account, now);
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
