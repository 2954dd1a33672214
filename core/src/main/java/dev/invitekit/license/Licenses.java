package dev.invitekit.license;

import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import java.util.List;

/** Pro+ licenses (P1–P4). */
public interface Licenses {

  /**
   * Assigns a license (P1–P4). Only admins of a {@code PRO_PLUS} account may, to its admins and
   * co-workers; assignments never exceed the seats, even when admins assign at the same moment (P2);
   * assigning twice is harmless (P4).
   */
  LicenseResult assign(UserId adminId, AccountId accountId, UserId memberId, License license);

  /** Unassigns a license and frees its seat (P4). Admins only. */
  LicenseResult unassign(UserId adminId, AccountId accountId, UserId memberId, License license);

  /** The account's current assignments, oldest first. Any member may look. */
  List<LicenseAssignment> assignments(UserId actorId, AccountId accountId);
}
