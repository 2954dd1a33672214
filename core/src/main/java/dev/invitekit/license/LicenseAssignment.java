package dev.invitekit.license;

import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A license held by a member, with who assigned it and when (P4).
 *
 * @param accountId the account whose seat it takes
 * @param userId the holder
 * @param license which license
 * @param assignedBy the admin who assigned it
 * @param assignedAt when
 */
public record LicenseAssignment(
    AccountId accountId, UserId userId, License license, UserId assignedBy, Instant assignedAt) {
  /** Requires every component. */
  public LicenseAssignment {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(license, "license");
    Objects.requireNonNull(assignedBy, "assignedBy");
    Objects.requireNonNull(assignedAt, "assignedAt");
  }
}
