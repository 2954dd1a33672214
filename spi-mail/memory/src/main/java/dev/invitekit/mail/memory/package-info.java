/**
 * Mail providers that never leave the process (SPEC §4, mail SPI).
 *
 * <ul>
 *   <li>{@link dev.invitekit.mail.memory.RecordingMailbox} records every message so tests can read the
 *       mail an invite flow sent, follow its "Create account" link (I6, L3) and preview the invitation
 *       by its token (S1); it can also simulate transient and permanent delivery failures.
 *   <li>{@link dev.invitekit.mail.memory.ConsoleMailSender} prints each message to a console for local
 *       development. It prints secret links: never use it in production.
 * </ul>
 */
@NullMarked
package dev.invitekit.mail.memory;

import org.jspecify.annotations.NullMarked;
