package dev.invitekit.invite;

import dev.invitekit.id.InvitationId;
import dev.invitekit.refusal.Refusal;
import dev.invitekit.email.AddressProblem;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.member.Role;
import java.time.Duration;

/**
 * What happened to one address of a bulk invitation (I4). One bad address never spoils the rest.
 * Java 17 callers test with {@code instanceof}; Java 21 callers can {@code switch} over it.
 */
public sealed interface AddressOutcome {

  /** The entry as typed, or the normalized address. */
  String input();

  /** A new invitation was recorded and emailed ({@code delivery} says whether the email went out). */
  record Invited(String input, EmailAddress address, InvitationId invitationId, Role role, DeliveryStatus delivery)
      implements AddressOutcome {}

  /** A pending invitation already existed; it was re-sent with a fresh token (I4, I7). */
  record Resent(String input, EmailAddress address, InvitationId invitationId, DeliveryStatus delivery)
      implements AddressOutcome {}

  /** The address already belongs to a member of the account; nothing was sent. */
  record AlreadyMember(String input, EmailAddress address, Role role) implements AddressOutcome {}

  /** The entry is not a valid address, for {@code problem}. */
  record Invalid(String input, AddressProblem problem) implements AddressOutcome {
    /** A sentence for people. */
    public String reason() {
      return problem.message();
    }
  }

  /** The inviter may not invite this address (guests off, admin role for an outside domain, …). */
  record NotAllowed(String input, EmailAddress address, Refusal refusal) implements AddressOutcome {}

  /** A rate limit was reached; try again after {@code retryAfter}. */
  record RateLimited(String input, EmailAddress address, Duration retryAfter) implements AddressOutcome {}
}
