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

  /** A builder holding this invitation's components, to change some of them. */
  public Builder toBuilder() {
    return new Builder()
        .id(id)
        .accountId(accountId)
        .email(email)
        .displayName(displayName)
        .role(role)
        .state(state)
        .invitedBy(invitedBy)
        .viaLink(viaLink)
        .locale(locale)
        .createdAt(createdAt)
        .expiresAt(expiresAt)
        .updatedAt(updatedAt)
        .delivery(delivery)
        .ageCheckLocked(ageCheckLocked)
        .reminded(reminded)
        .acceptedBy(acceptedBy);
  }

  /** An empty builder: every component but the nullable ones must be set before {@link Builder#build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A copy in another state. */
  public Invitation withState(InvitationState newState, Instant at) {
    return toBuilder().state(newState).updatedAt(at).build();
  }

  /** A copy accepted by {@code user}. */
  public Invitation accepted(UserId user, Instant at) {
    return toBuilder().state(InvitationState.ACCEPTED).acceptedBy(user).updatedAt(at).build();
  }

  /** A copy with another delivery status. */
  public Invitation withDelivery(DeliveryStatus status, Instant at) {
    return toBuilder().delivery(status).updatedAt(at).build();
  }

  /** A copy renewed (I7): pending again until {@code newExpiry}, delivery not yet known. */
  public Invitation renewed(Instant newExpiry, Instant at) {
    return toBuilder().state(InvitationState.PENDING).expiresAt(newExpiry).updatedAt(at)
        .delivery(DeliveryStatus.NOT_SENT).reminded(false).build();
  }

  /** A copy marked as reminded (I11). */
  public Invitation withReminded(Instant at) {
    return toBuilder().reminded(true).updatedAt(at).build();
  }

  /** A copy locked against retries after a failed age check (S2). */
  public Invitation lockedByAgeCheck(Instant at) {
    return toBuilder().ageCheckLocked(true).updatedAt(at).build();
  }

  /**
   * Builds an {@link Invitation}; each setter replaces one component and {@link #build()} checks them all
   * through the canonical constructor.
   */
  public static final class Builder {
    private @Nullable InvitationId id;
    private @Nullable AccountId accountId;
    private @Nullable EmailAddress email;
    private @Nullable String displayName;
    private @Nullable Role role;
    private @Nullable InvitationState state;
    private @Nullable UserId invitedBy;
    private @Nullable LinkId viaLink;
    private @Nullable Locale locale;
    private @Nullable Instant createdAt;
    private @Nullable Instant expiresAt;
    private @Nullable Instant updatedAt;
    private @Nullable DeliveryStatus delivery;
    private boolean ageCheckLocked;
    private boolean reminded;
    private @Nullable UserId acceptedBy;

    private Builder() {}

    /** Sets the invitation's id. */
    public Builder id(InvitationId id) {
      this.id = id;
      return this;
    }

    /** Sets the account it invites to. */
    public Builder accountId(AccountId accountId) {
      this.accountId = accountId;
      return this;
    }

    /** Sets the invited address. */
    public Builder email(EmailAddress email) {
      this.email = email;
      return this;
    }

    /** Sets the display name pasted with the address, or null. */
    public Builder displayName(@Nullable String displayName) {
      this.displayName = displayName;
      return this;
    }

    /** Sets the role it grants. */
    public Builder role(Role role) {
      this.role = role;
      return this;
    }

    /** Sets its state. */
    public Builder state(InvitationState state) {
      this.state = state;
      return this;
    }

    /** Sets who invited. */
    public Builder invitedBy(UserId invitedBy) {
      this.invitedBy = invitedBy;
      return this;
    }

    /** Sets the invite link it came from, or null. */
    public Builder viaLink(@Nullable LinkId viaLink) {
      this.viaLink = viaLink;
      return this;
    }

    /** Sets the language of its mails. */
    public Builder locale(Locale locale) {
      this.locale = locale;
      return this;
    }

    /** Sets when it was created. */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /** Sets when it expires. */
    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    /** Sets when it last changed. */
    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /** Sets the delivery status of its last mail. */
    public Builder delivery(DeliveryStatus delivery) {
      this.delivery = delivery;
      return this;
    }

    /** Sets whether a failed age check locked it (S2). */
    public Builder ageCheckLocked(boolean ageCheckLocked) {
      this.ageCheckLocked = ageCheckLocked;
      return this;
    }

    /** Sets whether the reminder went out (I11). */
    public Builder reminded(boolean reminded) {
      this.reminded = reminded;
      return this;
    }

    /** Sets who accepted it, or null. */
    public Builder acceptedBy(@Nullable UserId acceptedBy) {
      this.acceptedBy = acceptedBy;
      return this;
    }

    /**
     * The invitation.
     *
     * @throws NullPointerException naming the first required component that was not set
     */
    public Invitation build() {
      return new Invitation(Objects.requireNonNull(id, "id"),
          Objects.requireNonNull(accountId, "accountId"),
          Objects.requireNonNull(email, "email"),
          displayName,
          Objects.requireNonNull(role, "role"),
          Objects.requireNonNull(state, "state"),
          Objects.requireNonNull(invitedBy, "invitedBy"),
          viaLink,
          Objects.requireNonNull(locale, "locale"),
          Objects.requireNonNull(createdAt, "createdAt"),
          Objects.requireNonNull(expiresAt, "expiresAt"),
          Objects.requireNonNull(updatedAt, "updatedAt"),
          Objects.requireNonNull(delivery, "delivery"),
          ageCheckLocked,
          reminded,
          acceptedBy);
    }
  }
}
