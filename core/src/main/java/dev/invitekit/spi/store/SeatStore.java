package dev.invitekit.spi.store;

import dev.invitekit.id.AccountId;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.id.UserId;
import java.util.List;
import java.util.Optional;

/** The license seats of one unit of work (P1–P4), reached through {@link StoreTransaction#seats()}. */
public interface SeatStore {

  /**
   * Assigns the license if the member does not hold it and fewer than {@code seats} are assigned in the
   * account. Atomic: concurrent claims, on one node or many, never exceed {@code seats} (P2).
   *
   * @throws IllegalArgumentException if {@code seats} is negative
   */
  SeatClaim tryAssign(LicenseAssignment assignment, int seats);

  /** Removes the member's assignment and returns it, if there was one (P4). Plain write. */
  Optional<LicenseAssignment> remove(AccountId accountId, UserId userId, License license);

  /** The account's assignments, oldest first. Plain read. */
  List<LicenseAssignment> ofAccount(AccountId accountId);
}
