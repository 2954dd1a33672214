package dev.invitekit.spi.store;

/** The outcome of the store's atomic seat claim (P2, P4). */
public enum SeatClaim {
  /** A seat was free and is now taken by the member. */
  ASSIGNED,
  /** The member already held the license; nothing changed. */
  ALREADY_ASSIGNED,
  /** Every seat was taken; nothing changed. */
  NO_SEAT_LEFT
}
