/**
 * The store TCK: extend {@link StoreContractKit}, return a fresh, empty store from
 * {@link StoreContractKit#newStore()}, and run it with JUnit 5; every rule the
 * {@link dev.invitekit.spi.store.StoreTransaction} javadoc states (I5, I7, L1, L3, P2, P4, I10 …) is
 * checked, concurrent runs included (SPEC §4). {@link StoreFixtures} builds valid records with sensible
 * defaults for your own tests.
 */
@NullMarked
package dev.invitekit.store.tck;

import org.jspecify.annotations.NullMarked;
