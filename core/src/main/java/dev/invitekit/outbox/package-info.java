/**
 * Mail delivery as an operator sees it (SPEC §5): the outbox every message goes through
 * ({@link dev.invitekit.outbox.MailOutbox}) and its entries ({@link dev.invitekit.outbox.OutboxMessage}).
 */
@NullMarked
package dev.invitekit.outbox;

import org.jspecify.annotations.NullMarked;
