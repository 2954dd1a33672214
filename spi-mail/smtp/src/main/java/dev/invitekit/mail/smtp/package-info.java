/** Invitekit's SMTP mail provider: {@link dev.invitekit.mail.smtp.SmtpMailSender}. */
@NullMarked
package dev.invitekit.mail.smtp;

import org.jspecify.annotations.NullMarked;
