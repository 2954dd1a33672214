/**
 * The mail contract kit (SPEC §4): the abstract JUnit 5 suite every {@link dev.invitekit.spi.mail.MailSender}
 * provider passes, ours and the users'. A normal artifact, so a team that depends on it gets the test
 * libraries transitively.
 */
module dev.invitekit.mail.tck {
  requires transitive dev.invitekit.core;        // the MailSender SPI under test and MailMessage
  requires transitive org.junit.jupiter.api;     // subclasses extend a JUnit 5 class and see its annotations
  requires org.junit.jupiter.params;             // one contract test per message kind
  requires org.assertj.core;                     // fluent assertions inside the contract tests

  exports dev.invitekit.mail.tck;

  // JUnit instantiates the package-private @Nested classes and calls package-private test methods.
  opens dev.invitekit.mail.tck to org.junit.platform.commons;
}
