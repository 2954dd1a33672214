package dev.invitekit.internal.policy;

import dev.invitekit.Refusal;
import dev.invitekit.Refusal.Reason;
import dev.invitekit.account.Account;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.InviteAs;
import dev.invitekit.internal.text.Sentences;
import dev.invitekit.member.AdminContact;
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
 * Who may invite whom, in one place, so inviting (I4, U3–U6), link access (L1) and the re-check at
 * accept time (I8) can never disagree.
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
    return tx.memberships(account.id()).stream()
        .filter(m -> m.role() == Role.ADMIN)
        .map(m -> tx.findUser(m.userId()))
        .flatMap(Optional::stream)
        .map(u -> AdminContact.of(u.user()))
        .sorted(Comparator.comparing(AdminContact::name))
        .toList();
  }

  /**
   * Whether the member may invite anyone at all (U6): a member whose permission is on, and who could
   * invite at least co-workers or guests under the policy. Null when allowed.
   */
  public static @Nullable Refusal mayInviteAtAll(@Nullable Membership inviter, Account account,
      Supplier<List<AdminContact>> admins) {
    if (inviter == null) {
      return Refusal.of(Reason.NOT_A_MEMBER, "You are not a member of " + ending(account.name()));
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
