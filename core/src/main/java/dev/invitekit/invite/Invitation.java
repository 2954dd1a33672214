package dev.invitekit.invite;

import dev.invitekit.id.InvitationId;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.LinkId;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An invitation, bound to its address, its account and its role (I5). It never holds the token: the
 * token appears only in the emailed link and is stored only as a digest.
 *
 * @param id the invitation's public id
 * @param accountId the account it admits to
 * @param email the address it was sent to; only that address may accept it (S6)
 * @param displayName the name typed with the address, or null
 * @param role the role it grants, fixed at invite time from U3/U4 and re-checked at accept (I8)
 * @param state where it is in its life cycle
 * @param invitedBy the member who invited (for a link redemption, the member who shared the link)
 * @param viaLink the link it came from (L3), or null for an emailed invitation
 * @param locale the language of its mail (I6)
 * @param createdAt when it was created
 * @param expiresAt when it stops working
 * @param updatedAt when its state, token or delivery last changed
 * @param delivery what happened to its latest email
 * @param ageCheckLocked whether a failed age check locked it against retries (S2)
 * @param reminded whether the reminder before expiry went out (I11)
 * @param acceptedBy the user who accepted it, once accepted
 */
public record Invitation(
    InvitationId id,
    AccountId accountId,
    EmailAddress email,
    @Nullable String displayName,
    Role role,
    InvitationState state,
    UserId invitedBy,
    @Nullable LinkId viaLink,
    Locale locale,
    Instant createdAt,
    Instant expiresAt,
    Instant updatedAt,
    DeliveryStatus delivery,
    boolean ageCheckLocked,
    boolean reminded,
    @Nullable UserId acceptedBy) {

  /** Requires the non-optional components. */
  public Invitation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(invitedBy, "invitedBy");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(delivery, "delivery");
  }

  /** Whether it is pending and its lifetime has passed at {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return state == InvitationState.EXPIRED || (state.isOpen() && !now.isBefore(expiresAt));
  }

  /** A copy in another state. */
  public Invitation withState(InvitationState newState, Instant at) {
    return new Invitation(id, accountId, email, displayName, role, newState, invitedBy, viaLink, locale,
        createdAt, expiresAt, at, delivery, ageCheckLocked, reminded, acceptedBy);
  }

  /** A copy accepted by {@code user}. */
  public Invitation accepted(UserId user, Instant at) {
    return new Invitation(id, accountId, email, displayName, role, InvitationState.ACCEPTED, invitedBy,
        viaLink, locale, createdAt, expiresAt, at, delivery, ageCheckLocked, reminded, user);
  }

  /** A copy with another delivery status. */
  public Invitation withDelivery(DeliveryStatus status, Instant at) {
    return new Invitation(id, accountId, email, displayName, role, state, invitedBy, viaLink, locale,
        createdAt, expiresAt, at, status, ageCheckLocked, reminded, acceptedBy);
  }

  /** A copy renewed (I7): pending again until {@code newExpiry}, delivery not yet known. */
  public Invitation renewed(Instant newExpiry, Instant at) {
    return new Invitation(id, accountId, email, displayName, role, InvitationState.PENDING, invitedBy,
        viaLink, locale, createdAt, newExpiry, at, DeliveryStatus.NOT_SENT, ageCheckLocked, false, acceptedBy);
  }

  /** A copy marked as reminded (I11). */
  public Invitation withReminded(Instant at) {
    return new Invitation(id, accountId, email, displayName, role, state, invitedBy, viaLink, locale,
        createdAt, expiresAt, at, delivery, ageCheckLocked, true, acceptedBy);
  }

  /** A copy locked against retries after a failed age check (S2). */
  public Invitation lockedByAgeCheck(Instant at) {
    return new Invitation(id, accountId, email, displayName, role, state, invitedBy, viaLink, locale,
        createdAt, expiresAt, at, delivery, true, reminded, acceptedBy);
  }
}
