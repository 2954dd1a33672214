package dev.invitekit.event;

import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.InvitationId;
import dev.invitekit.license.License;
import dev.invitekit.id.LinkId;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An immutable record of one committed state change (E1), delivered to every registered
 * {@link EventListener} after its unit of work committed. Events serialize to JSON with stable field
 * names ({@link #toJson()}); no event carries a token, a password or a hash.
 */
public sealed interface InvitekitEvent {

  /** When the change happened, by the configured clock. */
  Instant occurredAt();

  /** The account it happened in. */
  AccountId accountId();

  /** The event's stable type name, the {@code "type"} field of its JSON (such as {@code "invited"}). */
  default String type() {
    return EventJson.typeName(this);
  }

  /** The event as one line of JSON with stable field names (E1). */
  default String toJson() {
    return EventJson.write(this);
  }

  /**
   * An account was created and a confirmation mail went to its founder, who must prove the address before
   * the account or the identity can be used (A3). Carries no token and no address.
   */
  record FounderConfirmationSent(Instant occurredAt, AccountId accountId, Instant expiresAt)
      implements InvitekitEvent {}

  /** The founder proved the address by mail: the account is usable, with its founder as first admin (A3). */
  record AccountCreated(Instant occurredAt, AccountId accountId, UserId founderId) implements InvitekitEvent {}

  /** An invitation was recorded (I4, L3): once for each invitation id. */
  record Invited(Instant occurredAt, AccountId accountId, InvitationId invitationId, EmailAddress email,
      Role role, UserId invitedBy, @Nullable LinkId viaLink) implements InvitekitEvent {}

  /**
   * An invitation was sent again with a fresh token: re-sent by a member (I7), approved while its link redemption
   * awaited approval (L1, by an admin or by a member inviting the address), re-sent because the link was redeemed
   * again for the same address (L3), or a reminder (I11). {@code by} is the member, or null when no member sent it:
   * a reminder or a redemption of the link. Each invitation id has one {@link Invited}.
   */
  record InvitationResent(Instant occurredAt, AccountId accountId, InvitationId invitationId, @Nullable UserId by)
      implements InvitekitEvent {}

  /** An invitation was revoked (I7) or a link redemption denied (L1). */
  record InvitationRevoked(Instant occurredAt, AccountId accountId, InvitationId invitationId, UserId by)
      implements InvitekitEvent {}

  /** An invitation expired unused. */
  record InvitationExpired(Instant occurredAt, AccountId accountId, InvitationId invitationId)
      implements InvitekitEvent {}

  /** The invitee declined (I11). */
  record InvitationDeclined(Instant occurredAt, AccountId accountId, InvitationId invitationId)
      implements InvitekitEvent {}

  /** An invitation's email could not be delivered; {@code retryable} says whether re-sending may help. */
  record InvitationDeliveryFailed(Instant occurredAt, AccountId accountId, InvitationId invitationId,
      boolean retryable) implements InvitekitEvent {}

  /** An invite link was created (L1). */
  record LinkCreated(Instant occurredAt, AccountId accountId, LinkId linkId, UserId by) implements InvitekitEvent {}

  /** An invite link was rotated: the old one stopped working (L1). */
  record LinkRotated(Instant occurredAt, AccountId accountId, LinkId oldLinkId, LinkId newLinkId, UserId by)
      implements InvitekitEvent {}

  /** A visitor redeemed an invite link and got a personal invitation (L3). */
  record LinkRedeemed(Instant occurredAt, AccountId accountId, LinkId linkId, InvitationId invitationId)
      implements InvitekitEvent {}

  /** Someone joined the account through an invitation (S6). */
  record MemberJoined(Instant occurredAt, AccountId accountId, UserId userId, Role role,
      InvitationId invitationId, @Nullable LinkId viaLink) implements InvitekitEvent {}

  /** A member's permission to invite changed (U6). */
  record InvitePermissionChanged(Instant occurredAt, AccountId accountId, UserId userId, boolean mayInvite,
      UserId by) implements InvitekitEvent {}

  /** A member's role changed (U4, A4). */
  record RoleChanged(Instant occurredAt, AccountId accountId, UserId userId, Role from, Role to, UserId by)
      implements InvitekitEvent {}

  /** A member was removed. */
  record MemberRemoved(Instant occurredAt, AccountId accountId, UserId userId, UserId by) implements InvitekitEvent {}

  /** The invite policy changed (A2). */
  record PolicyChanged(Instant occurredAt, AccountId accountId, UserId by) implements InvitekitEvent {}

  /** A license was assigned (P4). */
  record LicenseAssigned(Instant occurredAt, AccountId accountId, UserId userId, License license, UserId by)
      implements InvitekitEvent {}

  /** A license was unassigned and its seat freed (P4). */
  record LicenseUnassigned(Instant occurredAt, AccountId accountId, UserId userId, License license, UserId by)
      implements InvitekitEvent {}
}
