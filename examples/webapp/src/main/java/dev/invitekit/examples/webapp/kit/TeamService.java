package dev.invitekit.examples.webapp.kit;

import dev.invitekit.Invitekit;
import dev.invitekit.refusal.Refusal;
import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.PolicyChange;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.license.LicenseResult;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.ShareResult;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.Membership;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The signed-in member's calls to the kit: the invite menu (I1–I4, L1, L2) and the admin page (U2, U6, P1–P3,
 * I7, I8, L1, A2). Every call passes the acting user, and Invitekit decides what they may do; a refusal
 * comes back as a value with the admins to ask (U6).
 */
@Service
public class TeamService {

  private final Invitekit kit;

  public TeamService(Invitekit kit) {
    this.kit = kit;
  }

  public Optional<Account> account(UserId viewer, AccountId accountId) {
    return kit.accounts().find(viewer, accountId);
  }

  public Optional<Membership> membership(UserId viewer, AccountId accountId) {
    return kit.members().find(viewer, accountId, viewer);
  }

  /**
   * The account's invite link for the share panel, or why the member may not have it. Invitekit creates
   * the link on its first fetch (L1); the app fetches it once when an account is made (a POST), so this
   * read creates nothing on the pages that call it.
   */
  public LinkAccess link(UserId member, AccountId accountId) {
    return kit.links().current(member, accountId);
  }

  /** The {@code mailto:} URI of "Share invite link via email", built by the library (L2); nothing is sent. */
  public ShareResult shareByMail(UserId member, AccountId accountId) {
    return kit.links().share(member, accountId, "", false);
  }

  public InviteResult inviteByEmail(UserId inviter, AccountId accountId, String addresses) {
    return kit.invitations().inviteByEmail(inviter, accountId, addresses);
  }

  public List<AdminContact> admins(UserId viewer, AccountId accountId) {
    return kit.members().admins(viewer, accountId);
  }

  /** The account's members with their user records and whether they hold Pro+, for the admin page. */
  public List<MemberRow> members(UserId viewer, AccountId accountId) {
    Set<UserId> licensed = kit.licenses().assignments(viewer, accountId).stream()
        .map(LicenseAssignment::userId).collect(Collectors.toSet());
    return kit.members().list(viewer, accountId).stream()
        .map(m -> new MemberRow(m, kit.members().user(viewer, m.userId()).orElse(null), licensed.contains(m.userId())))
        .toList();
  }

  public int seatsUsed(UserId viewer, AccountId accountId) {
    return kit.licenses().assignments(viewer, accountId).size();
  }

  public List<Invitation> openInvitations(UserId viewer, AccountId accountId) {
    return kit.invitations().list(viewer, accountId).stream().filter(i -> i.state().isOpen()).toList();
  }

  public LicenseResult assignProPlus(UserId admin, AccountId accountId, UserId member) {
    return kit.licenses().assign(admin, accountId, member, License.PRO_PLUS);
  }

  public LicenseResult unassignProPlus(UserId admin, AccountId accountId, UserId member) {
    return kit.licenses().unassign(admin, accountId, member, License.PRO_PLUS);
  }

  public MemberChange setInvitePermission(UserId admin, AccountId accountId, UserId member, boolean mayInvite) {
    return kit.members().setInvitePermission(admin, accountId, member, mayInvite);
  }

  public InvitationChange revoke(UserId admin, AccountId accountId, InvitationId invitation) {
    return kit.invitations().revoke(admin, accountId, invitation);
  }

  public InvitationChange resend(UserId admin, AccountId accountId, InvitationId invitation) {
    return kit.invitations().resend(admin, accountId, invitation);
  }

  public LinkAccess rotateLink(UserId admin, AccountId accountId) {
    return kit.links().rotate(admin, accountId);
  }

  public PolicyChange updatePolicy(UserId admin, AccountId accountId, InvitePolicy policy) {
    return kit.accounts().updatePolicy(admin, accountId, policy);
  }

  /** A member row of the admin page; {@code user} is null only if the user record vanished meanwhile. */
  public record MemberRow(Membership membership, User user, boolean proPlus) {
    public String name() {
      return user == null ? membership.userId().toString() : user.displayName();
    }

    public String email() {
      return user == null ? "" : user.email().toString();
    }
  }

  /** The refusal's admins as "Name <address>" strings, for the pages that list whom to ask (U6). */
  public static List<String> whomToAsk(Refusal refusal) {
    return refusal.adminsToContact().stream().map(AdminContact::toString).toList();
  }
}
