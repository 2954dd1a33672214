/**
 * The in-memory store: Invitekit's embedded default and the store testers use (SPEC §4). It keeps
 * everything in the heap of one JVM, so it suits tests, demos and single-node apps that accept losing
 * their data on restart.
 */
module dev.invitekit.store.memory {
  requires transitive dev.invitekit.core;   // implements its Store SPI; the SPI types appear in our API
  requires com.carrotsearch.hppc;           // open-addressing tables of the records (issue 12, benchmark 7)

  exports dev.invitekit.store.memory;
}
