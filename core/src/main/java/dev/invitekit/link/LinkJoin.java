package dev.invitekit.link;

import dev.invitekit.id.LinkId;
import dev.invitekit.id.UserId;
import java.time.Instant;

/**
 * One person who joined through an invite link (L1).
 *
 * @param linkId the link
 * @param userId who joined
 * @param joinedAt when
 */
public record LinkJoin(LinkId linkId, UserId userId, Instant joinedAt) {}
