package dev.invitekit.spi.store;

import dev.invitekit.email.EmailAddress;
import java.time.Instant;
import java.util.Optional;

/** Founder sign-ups waiting for confirmation by mail (A3, U1), reached through {@link StoreTransaction#founderSignups()}. */
public interface FounderSignupStore {

  /**
   * Records a founder's sign-up waiting for confirmation by mail (A3). Plain write. Token digests are
   * unique among founder sign-ups. Several open sign-ups may name the same address: an unproven one
   * blocks nobody.
   */
  void insert(FounderSignup signup);

  /** The sign-up whose confirmation token has this digest, confirmed or not, expired or not. Plain read. */
  Optional<FounderSignup> findByToken(TokenDigest digest);

  /**
   * The newest sign-up for this (normalized) address that is still open at {@code now}: not confirmed and
   * {@code expiresAt} after {@code now}; the latest {@code expiresAt} first, ties by insertion (the later
   * one). Plain read. Signing in asks it to tell an unconfirmed founder what to do (A3).
   */
  Optional<FounderSignup> latestOpen(EmailAddress email, Instant now);

  /**
   * Marks the sign-up with this digest confirmed at {@code now} if it is still open then (not confirmed,
   * {@code expiresAt} after {@code now}); returns whether it did. Atomic: of any number of concurrent
   * calls, on one node or many, at most one succeeds (A3).
   */
  boolean confirm(TokenDigest digest, Instant now);

  /**
   * Deletes every sign-up that was never confirmed and whose {@code expiresAt} is at or before
   * {@code before}, together with its account (which never had a member); returns how many sign-ups it
   * deleted. Confirmed sign-ups and their accounts are kept (A3). Plain write.
   */
  int deleteExpired(Instant before);
}
