/**
 * Invitekit in-memory mail: {@link dev.invitekit.mail.memory.RecordingMailbox}, a thread-safe recorder for
 * tests, and {@link dev.invitekit.mail.memory.ConsoleMailSender}, the quickstart's development sender.
 */
module dev.invitekit.mail.memory {
  requires transitive dev.invitekit.core;           // MailSender, MailMessage, EmailAddress appear in our API

  exports dev.invitekit.mail.memory;
}
