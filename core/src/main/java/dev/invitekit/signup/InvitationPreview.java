package dev.invitekit.signup;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.member.Role;
import java.time.Instant;

/**
 * What an invitee sees before signing up (S1).
 *
 * @param accountName the account's name
 * @param inviterName who invited them
 * @param inviterEmail the inviter's address
 * @param invitedEmail the address the invitation was sent to
 * @param role the role it grants
 * @param expiresAt when it stops working
 */
public record InvitationPreview(
    String accountName, String inviterName, EmailAddress inviterEmail, EmailAddress invitedEmail, Role role,
    Instant expiresAt) {}
