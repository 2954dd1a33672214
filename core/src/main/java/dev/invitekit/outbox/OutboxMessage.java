package dev.invitekit.outbox;

import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.InvitationId;
import dev.invitekit.spi.mail.MailMessage;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One message in the outbox, as an operator sees it: never its content, which may hold a link with a token.
 *
 * @param messageId the stable {@code Message-ID}, without angle brackets
 * @param accountId the account, or null
 * @param invitationId the invitation whose mail this is, or null
 * @param kind what the message is for, while its content is kept (until delivered or given up); else null
 * @param to the recipient, also once the message was sent or given up (operators must see who did not get
 *     mail); null only for messages a store recorded without it
 * @param status where it is
 * @param attempts delivery attempts so far
 * @param createdAt when it was recorded
 * @param nextAttemptAt when it is due next (pending messages)
 * @param lastError what the last failed attempt reported, or null
 */
public record OutboxMessage(
    String messageId,
    @Nullable AccountId accountId,
    @Nullable InvitationId invitationId,
    MailMessage.@Nullable Kind kind,
    @Nullable EmailAddress to,
    Status status,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    @Nullable String lastError) {

  /** A message's life in the outbox: {@code PENDING → SENT | GAVE_UP}. */
  public enum Status {
    /** Waiting for its first attempt or between attempts. */
    PENDING,
    /** The provider accepted it. */
    SENT,
    /** Not delivered and no longer tried: a permanent failure, the give-up time passed, or superseded. */
    GAVE_UP
  }
}
