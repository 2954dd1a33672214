/** The mail contract kit (SPEC §4): {@link dev.invitekit.mail.tck.MailSenderContractKit}. */
@NullMarked
package dev.invitekit.mail.tck;

import org.jspecify.annotations.NullMarked;
