package dev.invitekit.examples.quickstart.snippets;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Token;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.PolicyChange;
import dev.invitekit.contacts.Contact;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseResult;
import dev.invitekit.link.InviteLink;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.link.ShareResult;
import dev.invitekit.mail.memory.ConsoleMailSender;
import dev.invitekit.member.MemberChange;
import dev.invitekit.id.UserId;
import dev.invitekit.store.memory.InMemoryStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The code docs/concepts.md shows, one method per concept. */
public final class Concepts {
  private Concepts() {}

  /** Tightens an account's invite policy. */
  public static PolicyChange policy(Invitekit kit, UserId adminId, AccountId accountId) {
    // tag::policy[]
    InvitePolicy policy = InvitePolicy.builder()                 // starts from InvitePolicy.defaults()
        .coworkerInviters(InvitePolicy.CoworkerInviters.ADMINS_ONLY)
        .guestDomains(InvitePolicy.GuestDomains.block(Set.of("competitor.example")))
        .invitationLifetime(Duration.ofDays(14))
        .linkLifetime(Duration.ofDays(7)).linkUseLimit(50)       // links last a week and admit at most 50 people
        .build();
    PolicyChange change = kit.accounts().updatePolicy(adminId, accountId, policy);  // admins only
    // end::policy[]
    return change;
  }

  /** Invites an admin. */
  public static InviteResult inviteAdmin(Invitekit kit, UserId adminId, AccountId accountId) {
    // tag::invite-admin[]
    InviteResult result = kit.invitations().invite(
        InviteRequest.members(adminId, accountId, "lee@acme.com")
            .asAdmins()                                    // company addresses only, by an admin only
            .withIdempotencyKey("form-7f3a"));             // a retried request sends nothing twice
    // end::invite-admin[]
    return result;
  }

  /** Turns a member's permission to invite off. */
  public static MemberChange permission(Invitekit kit, UserId adminId, AccountId accountId, UserId memberId) {
    // tag::permission[]
    MemberChange change = kit.members().setInvitePermission(adminId, accountId, memberId, false);
    // From now on the member's invitations come back as NotPermitted, naming the admins to ask:
    InviteResult result = kit.invitations().inviteByEmail(memberId, accountId, "frank@acme.com");
    if (result instanceof InviteResult.NotPermitted notPermitted) {
      System.out.println(notPermitted.refusal().message());
      notPermitted.refusal().adminsToContact().forEach(admin -> System.out.println("  ask " + admin));
    }
    // end::permission[]
    return change;
  }

  /** Re-sends and revokes one invitation, and runs the periodic housekeeping. */
  public static void lifeCycle(Invitekit kit, UserId adminId, AccountId accountId, InvitationId invitationId) {
    // tag::life-cycle[]
    InvitationChange resent = kit.invitations().resend(adminId, accountId, invitationId);   // fresh token
    InvitationChange revoked = kit.invitations().revoke(adminId, accountId, invitationId);  // token dead
    if (revoked instanceof InvitationChange.NotOpen notOpen) {
      System.out.println("already " + notOpen.state());
    }
    // Call these periodically, from your scheduler: each handles what is due and returns how many.
    int expired = kit.invitations().expireDue();
    int reminded = kit.invitations().sendReminders();
    // end::life-cycle[]
    System.out.println(resent + " " + expired + " " + reminded);
  }

  /** Gets, shares, rotates and redeems the invite link. */
  public static void links(Invitekit kit, UserId memberId, UserId adminId, AccountId accountId) {
    // tag::links[]
    if (kit.links().current(memberId, accountId) instanceof LinkAccess.Available available) {
      InviteLink link = available.link();
      System.out.println("Copy: " + link.url());           // https://app.example.com/join/{token}
    }
    ShareResult share = kit.links().share(memberId, accountId, "erin@acme.com, finn@acme.com", false);
    if (share instanceof ShareResult.Shared shared) {
      System.out.println("<a href=\"" + shared.mailto() + "\">Share via email</a>");
    }
    kit.links().rotate(adminId, accountId);                // the old URL stops working at once
    // end::links[]
  }

  /** Redeems the invite link as a visitor would. */
  public static Redemption redeem(Invitekit kit, String linkToken) {
    // tag::redeem[]
    Redemption redemption = kit.links().redeem(Token.of(linkToken), "erin@acme.com");  // what the visitor typed
    if (redemption instanceof Redemption.CheckYourEmail check) {
      System.out.println(check.message());                 // the same whether or not erin has an account
    } else if (redemption instanceof Redemption.Refused refused) {
      System.out.println(refused.message());               // unknown or expired link, full, not a company address
    }
    // end::redeem[]
    return redemption;
  }

  /** Assigns a Pro+ license. */
  public static LicenseResult license(Invitekit kit, UserId adminId, AccountId accountId, UserId memberId) {
    // tag::licenses[]
    LicenseResult result = kit.licenses().assign(adminId, accountId, memberId, License.PRO_PLUS);
    if (result instanceof LicenseResult.Assigned assigned) {
      System.out.println("assigned; " + assigned.seatsLeft() + " seats left");
    } else if (result instanceof LicenseResult.NoSeatsLeft none) {
      System.out.println(none.message());                  // every seat taken: buy more or unassign one
    } else if (result instanceof LicenseResult.NotAllowed notAllowed) {
      System.out.println(notAllowed.refusal().message());  // not an admin, not Pro+, or a guest
    }
    // end::licenses[]
    return result;
  }

  /** Lists who a member sees. */
  public static List<Contact> contacts(Invitekit kit, UserId viewerId, AccountId accountId) {
    // tag::contacts[]
    List<Contact> contacts = kit.contacts().visibleTo(viewerId, accountId);
    for (Contact contact : contacts) {
      System.out.println(contact.name() + " <" + contact.email() + "> " + contact.role() + ", " + contact.relation());
    }
    // end::contacts[]
    return contacts;
  }

  /** Feeds every committed change to an audit log. */
  public static Invitekit listener(List<String> auditLog) {
    // tag::listener[]
    Invitekit kit = Invitekit.builder()
        .store(new InMemoryStore())
        .mail(new ConsoleMailSender())
        .baseUrl(URI.create("https://app.example.com"))
        .addListener(event -> auditLog.add(event.toJson()))   // after commit; a failing listener is logged
        .addListener(event -> {
          if (event instanceof InvitekitEvent.MemberJoined joined) {
            System.out.println(joined.userId() + " joined as " + joined.role());
          }
        })
        .build();
    // end::listener[]
    return kit;
  }
}
