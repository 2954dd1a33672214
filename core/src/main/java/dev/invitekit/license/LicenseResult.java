package dev.invitekit.license;

import dev.invitekit.refusal.Refusal;

/** The outcome of assigning or unassigning a license (P1–P4). */
public sealed interface LicenseResult {

  /** The license was assigned; {@code seatsLeft} remain. */
  record Assigned(LicenseAssignment assignment, int seatsLeft) implements LicenseResult {}

  /** The member already held it; nothing changed (P4). */
  record AlreadyAssigned(LicenseAssignment assignment) implements LicenseResult {}

  /** Every seat is taken; buy more or unassign one (P2). */
  record NoSeatsLeft(int seats) implements LicenseResult {
    /** A sentence for the admin. */
    public String message() {
      return "All " + seats + " Pro+ seats are assigned. Unassign one or buy more seats.";
    }
  }

  /** The license was unassigned and its seat freed (P4). */
  record Unassigned(LicenseAssignment previous) implements LicenseResult {}

  /** The member did not hold it; nothing changed. */
  record NotAssigned() implements LicenseResult {}

  /** Not allowed: not an admin, not a Pro+ account, or a guest or non-member as holder (P1, P2). */
  record NotAllowed(Refusal refusal) implements LicenseResult {}
}
