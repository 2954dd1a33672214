/**
 * The thread-safe in-memory {@link dev.invitekit.spi.store.Store}: {@link InMemoryStore}. It runs every
 * unit of work under one lock with an undo log, so units are serializable and a failing one leaves nothing
 * behind; it passes the store TCK ({@code invitekit-store-tck}) in its own build (SPEC §4).
 */
@NullMarked
package dev.invitekit.store.memory;

import org.jspecify.annotations.NullMarked;
