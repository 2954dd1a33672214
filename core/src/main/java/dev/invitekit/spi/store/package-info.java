/**
 * The store SPI (SPEC §4): a {@link dev.invitekit.spi.store.Store} runs units of work; each
 * {@link dev.invitekit.spi.store.StoreTransaction} leads to one small role interface per aggregate
 * ({@code accounts()}, {@code users()}, {@code memberships()}, {@code invitations()}, {@code links()},
 * {@code seats()}, {@code idempotency()}, {@code founderSignups()}), the mail {@code outbox()} and the
 * rate-limit {@code counters()}. Each method states its atomicity and isolation requirement where it is
 * declared.
 *
 * <p>Records: public domain values that carry nothing secret are stored as they are ({@code Account},
 * {@code Membership}, {@code LicenseAssignment}, {@code LinkJoin}); a domain value stored together with a
 * secret's form is a {@code Stored…} record ({@link dev.invitekit.spi.store.StoredUser} with its password
 * hash, {@link dev.invitekit.spi.store.StoredInvitation} with its token digest,
 * {@link dev.invitekit.spi.store.StoredLink}); rows with no domain counterpart are named for what they are
 * ({@link dev.invitekit.spi.store.OutboxEntry}, {@link dev.invitekit.spi.store.FounderSignup},
 * {@link dev.invitekit.spi.store.IdempotencyRecord}). Tokens are looked up by
 * {@link dev.invitekit.spi.store.TokenDigest} only, never in the clear: one rule for every kind of token,
 * and the one that lets a store keep no token at all where it need not show it again.
 */
@NullMarked
package dev.invitekit.spi.store;

import org.jspecify.annotations.NullMarked;
