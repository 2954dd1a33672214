/**
 * Invitekit's SMTP mail provider: {@link dev.invitekit.mail.smtp.SmtpMailSender}, on Jakarta Mail with
 * Eclipse Angus (2.0.4 or later, for CVE-2025-7962).
 */
module dev.invitekit.mail.smtp {
  requires transitive dev.invitekit.core;   // MailSender, MailMessage, EmailAddress appear in our API
  requires jakarta.mail;                    // MimeMessage, Transport, InternetAddress, MimeUtility
  requires org.eclipse.angus.mail;          // SMTP return codes (SMTPAddressFailedException and kin)
  requires org.slf4j;                       // logging through the API only; never a binding

  exports dev.invitekit.mail.smtp;
}
