package dev.invitekit.internal.policy;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.refusal.Refusal.Reason;
import dev.invitekit.account.Account;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InviteAs;
import dev.invitekit.internal.text.Sentences;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.StoreTransaction;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Who may invite whom, in one place, so that every operation that sends mail or admits someone can never
 * disagree (U6, issue 8 items 5, 6, 10): inviting (I4, U3–U6), re-sending (I7, {@link #mayResend}),
 * fetching and sharing the link ({@link #mayHaveLink}), what the link admits ({@link #linkAdmits}, L1, L3,
 * U5), and the re-check at preview and accept time ({@link #stillGrants}, I8).
 */
public final class Permissions {
  private Permissions() {}

  /** The role an address gets in the account (U3, U4): admin or co-worker for company addresses, else guest. */
  public static Role roleFor(Account account, EmailAddress address, InviteAs as) {
    if (!account.isCompanyAddress(address)) {
      return Role.GUEST;
    }
    return as == InviteAs.ADMIN ? Role.ADMIN : Role.COWORKER;
  }

  /** The account's admins as contact cards, by name (U6). */
  public static List<AdminContact> admins(StoreTransaction tx, Account account) {
    return tx.memberships().ofAccount(account.id()).stream()
        .filter(m -> m.role() == Role.ADMIN)
        .map(m -> tx.users().find(m.userId()))
        .flatMap(Optional::stream)
        .map(u -> new AdminContact(u.user().displayName(), u.user().email()))
        .sorted(Comparator.comparing(AdminContact::name))
        .toList();
  }

  /**
   * The refusal for someone who is not a member of the account, or for an account that does not exist:
   * one answer for both, naming neither the account nor anyone in it (U7), so it tells an outsider nothing.
   */
  public static Refusal notAMember() {
    return Refusal.of(Reason.NOT_A_MEMBER, "You are not a member of this account.");
  }

  /**
   * Whether the member may invite anyone at all (U6): a member whose permission is on, and who could
   * invite at least co-workers or guests under the policy. Null when allowed.
   */
  public static @Nullable Refusal mayInviteAtAll(@Nullable Membership inviter, Account account,
      Supplier<List<AdminContact>> admins) {
    if (inviter == null) {
      return notAMember();
    }
    if (!inviter.mayInvite()) {
      return new Refusal(Reason.INVITE_PERMISSION_DISABLED,
          "An admin turned off your permission to invite people to " + ending(account.name())
              + " Ask an admin to turn it on.", admins.get());
    }
    if (mayInviteCoworkers(inviter, account.policy()) || mayInviteGuests(inviter, account.policy())) {
      return null;
    }
    return new Refusal(Reason.ADMINS_ONLY, "Only admins may invite people to " + ending(account.name())
        + " Ask an admin to invite them.", admins.get());
  }

  /**
   * Whether the member may invite this address with the role it would get. Null when allowed; the role
   * is re-checked this way when the invitation is accepted (I8).
   */
  public static @Nullable Refusal mayInvite(Membership inviter, Account account, EmailAddress address, Role role,
      Supplier<List<AdminContact>> admins) {
    InvitePolicy policy = account.policy();
    if (!inviter.mayInvite()) {
      return new Refusal(Reason.INVITE_PERMISSION_DISABLED, "An admin turned off your permission to invite people to "
          + ending(account.name()) + " Ask an admin to turn it on.", admins.get());
    }
    switch (role) {
      case ADMIN:
        if (!account.isCompanyAddress(address)) {
          return Refusal.of(Reason.ADMIN_NEEDS_COMPANY_DOMAIN, "Only addresses at "
              + String.join(", ", account.companyDomains()) + " can be admins of " + ending(account.name()));
        }
        if (inviter.role() != Role.ADMIN) {
          return new Refusal(Reason.ADMINS_ONLY, "Only admins may invite admins. Ask an admin to invite " + address + ".",
              admins.get());
        }
        return null;
      case COWORKER:
        if (!mayInviteCoworkers(inviter, policy)) {
          return new Refusal(Reason.ADMINS_ONLY, "Only admins may invite co-workers to " + ending(account.name())
              + " Ask an admin to invite " + address + ".", admins.get());
        }
        return null;
      case GUEST:
      default:
        return mayInviteGuest(inviter, account, address, admins);
    }
  }

  private static @Nullable Refusal mayInviteGuest(Membership inviter, Account account, EmailAddress address,
      Supplier<List<AdminContact>> admins) {
    InvitePolicy policy = account.policy();
    if (policy.guestInviters() == InvitePolicy.GuestInviters.NO_ONE) {
      return new Refusal(Reason.GUESTS_NOT_ALLOWED, account.name() + " does not allow guests, and " + address
          + " is outside its company domains.", admins.get());
    }
    if (!mayInviteGuests(inviter, policy)) {
      return new Refusal(Reason.ADMINS_ONLY, "Only admins may invite guests to " + ending(account.name())
          + " Ask an admin to invite " + address + ".", admins.get());
    }
    if (!policy.guestDomains().allows(address.domain())) {
      return new Refusal(Reason.GUEST_DOMAIN_NOT_ALLOWED, account.name() + " does not allow guests from "
          + address.domain() + ".", admins.get());
    }
    return null;
  }

  // ---- invite links (L1, L3, U5): the account's right under its current policy

  /**
   * Whether the member may have (fetch, share) the account's invite link (L1, U6): links on, a member
   * whose invite permission is on and who may invite co-workers. Null when allowed.
   */
  public static @Nullable Refusal mayHaveLink(@Nullable Membership member, Account account,
      Supplier<List<AdminContact>> admins) {
    if (member == null) {
      return notAMember();
    }
    if (!account.policy().linksEnabled()) {
      return new Refusal(Reason.LINKS_DISABLED, "Invite links are turned off for " + account.name()
          + ". Invite people by email, or ask an admin to turn links on.", admins.get());
    }
    Refusal refusal = mayInviteAtAll(member, account, admins);
    if (refusal == null && !mayInviteCoworkers(member, account.policy())) {
      refusal = new Refusal(Reason.ADMINS_ONLY, "Only admins may share the invite link of " + ending(account.name()),
          admins.get());
    }
    return refusal;
  }

  /**
   * The role the account's invite link admits {@code address} with, or null when it does not (L1, L3, U5,
   * issue 8 items 5 and 6). A link admits in the account's name under its current policy, never in the
   * name of the member who fetched it: removing that member changes nothing. A company address joins as
   * a co-worker. A guest only where the policy lets links admit guests, the guest-domain lists allow the
   * address, and <em>every member who may fetch the link may invite that guest by email</em>: guest
   * invites open to everyone, or admins-only while only admins may fetch the link (co-worker invites
   * admins-only). So nobody admits through the link whom they could not invite by email.
   */
  public static @Nullable Role linkAdmits(Account account, EmailAddress address) {
    if (account.isCompanyAddress(address)) {
      return Role.COWORKER;
    }
    InvitePolicy policy = account.policy();
    return policy.linksAdmitGuests() && everyLinkHolderMayInviteGuests(policy)
        && policy.guestDomains().allows(address.domain()) ? Role.GUEST : null;
  }

  /** Whether every member who may fetch the link (L1) may also invite guests by email (A2, U5). */
  static boolean everyLinkHolderMayInviteGuests(InvitePolicy policy) {
    return switch (policy.guestInviters()) {
      case EVERYONE -> true;
      case ADMINS_ONLY -> policy.coworkerInviters() == InvitePolicy.CoworkerInviters.ADMINS_ONLY;
      case NO_ONE -> false;
    };
  }

  // ---- the re-check of what an invitation grants (I8), and re-sending it (I7, U6)

  /**
   * I8: what the invitation grants, checked again now. An emailed invitation needs its inviter still to be
   * a member who may grant its role under today's policy; a link invitation needs links still on and the
   * address still admitted by the link ({@link #linkAdmits}) with its role. Null when it still grants its
   * role; else a refusal naming the admins. Preview, acceptance and re-sending all ask this.
   */
  public static @Nullable Refusal stillGrants(StoreTransaction tx, Account account, Invitation invitation) {
    InvitePolicy policy = account.policy();
    String problem = null;
    if (invitation.role() != Role.GUEST && !account.isCompanyAddress(invitation.email())) {
      problem = invitation.email().domain() + " is no longer a company domain of " + ending(account.name());
    } else if (invitation.viaLink() != null) {
      if (!policy.linksEnabled()) {
        problem = "Invite links were turned off for " + ending(account.name());
      } else if (invitation.role() == Role.GUEST && linkAdmits(account, invitation.email()) != Role.GUEST) {
        problem = account.name() + " no longer admits guests through invite links.";
      }
    } else {
      Optional<Membership> inviter = tx.memberships().find(account.id(), invitation.invitedBy());
      if (inviter.isEmpty()) {
        problem = "The person who invited you is no longer a member of " + ending(account.name());
      } else if (mayInvite(inviter.get(), account, invitation.email(), invitation.role(), List::of) != null) {
        problem = "The person who invited you can no longer invite you as " + roleName(invitation.role())
            + " to " + ending(account.name());
      }
    }
    if (problem == null) {
      return null;
    }
    return new Refusal(Reason.INVITER_NO_LONGER_ALLOWED, problem + " Ask an admin for a new invitation.",
        admins(tx, account));
  }

  /**
   * Whether {@code actor} may re-send {@code invitation} now (I7, I8, U4, U6, issue 8 item 10): the actor
   * must be allowed to invite that address with that role today (a member whose permission is off, or a
   * demoted admin re-sending an admin invitation, is refused naming the admins), and the invitation must
   * still grant its role ({@link #stillGrants}), or its mail would promise what accepting refuses. Null
   * when allowed.
   */
  public static @Nullable Refusal mayResend(StoreTransaction tx, Membership actor, Account account,
      Invitation invitation) {
    Refusal refusal = mayInvite(actor, account, invitation.email(), invitation.role(), () -> admins(tx, account));
    return refusal != null ? refusal : stillGrants(tx, account, invitation);
  }

  /** The role in words, for sentences. */
  public static String roleName(Role role) {
    return switch (role) {
      case ADMIN -> "an admin";
      case COWORKER -> "a co-worker";
      case GUEST -> "a guest";
    };
  }

  /** Co-workers may be invited by admins, and by co-workers when the policy says so (A2). */
  public static boolean mayInviteCoworkers(Membership inviter, InvitePolicy policy) {
    if (!inviter.mayInvite()) {
      return false;
    }
    return inviter.role() == Role.ADMIN
        || (inviter.role() == Role.COWORKER && policy.coworkerInviters() == InvitePolicy.CoworkerInviters.ADMINS_AND_COWORKERS);
  }

  /** Guests may be invited by everyone allowed to invite, by admins only, or by no one (A2). */
  public static boolean mayInviteGuests(Membership inviter, InvitePolicy policy) {
    if (!inviter.mayInvite()) {
      return false;
    }
    return switch (policy.guestInviters()) {
      case EVERYONE -> true;
      case ADMINS_ONLY -> inviter.role() == Role.ADMIN;
      case NO_ONE -> false;
    };
  }

  /** A refusal for a non-admin trying an admin-only operation, naming the admins (U6). */
  public static Refusal adminsOnly(Account account, String what, Supplier<List<AdminContact>> admins) {
    return new Refusal(Reason.ADMINS_ONLY, "Only admins of " + account.name() + " may " + what + ".", admins.get());
  }

  /** A name at the end of a sentence: "Acme." but "Acme Inc." rather than "Acme Inc..". */
  public static String ending(String name) {
    return Sentences.ending(name);
  }

  /** The user's display name, or the address when the user is unknown. */
  public static String nameOf(@Nullable User user) {
    return user == null ? "someone" : user.displayName();
  }
}
