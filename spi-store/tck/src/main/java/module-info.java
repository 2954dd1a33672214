/**
 * The store contract kit (SPEC §4): the abstract JUnit 5 suite every {@link dev.invitekit.spi.store.Store}
 * provider passes, ours and the users', plus reusable fixtures. A normal artifact, so a platform team that
 * depends on it gets the test libraries transitively.
 */
module dev.invitekit.store.tck {
  requires transitive dev.invitekit.core;        // the Store SPI under test and its domain records
  requires transitive org.junit.jupiter.api;     // subclasses extend a JUnit 5 class and see its annotations
  requires org.junit.jupiter.params;             // parameterized contract tests (one per state or status)
  requires org.assertj.core;                     // fluent assertions inside the contract tests
  requires quicktheories;                        // model-based life-cycle test; automatic module (no manifest name)

  exports dev.invitekit.store.tck;

  // JUnit instantiates the package-private @Nested classes and calls package-private test methods.
  opens dev.invitekit.store.tck to org.junit.platform.commons;
}
