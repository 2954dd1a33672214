package dev.invitekit.examples.webapp.web;

import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.PolicyChange;
import dev.invitekit.examples.webapp.kit.TeamService;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.id.InvitationId;
import dev.invitekit.license.LicenseResult;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.member.MemberChange;
import dev.invitekit.id.UserId;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin page: members with their roles, Pro+ seats (P1–P3), invite permissions (U6), open invitations
 * with revoke and resend (I7, I8), the invite link (L1) and the invite policy (A2). Invitekit checks that
 * the acting user is an admin on every call; the page only hides what it cannot do.
 */
@Controller
public class AdminController {

  private final CurrentMember current;
  private final TeamService team;

  public AdminController(CurrentMember current, TeamService team) {
    this.current = current;
    this.team = team;
  }

  @GetMapping("/admin")
  String admin(Model model, HttpServletResponse response) {
    CurrentMember.Member member = current.get().orElse(null);
    if (member == null) {
      return "redirect:/";
    }
    if (!member.isAdmin()) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      model.addAttribute("admins", team.admins(member.id(), member.accountId()).stream().map(Object::toString)
          .toList());
      return "admin-only";
    }
    int seats = member.account().proPlusSeats();
    int used = team.seatsUsed(member.id(), member.accountId());
    model.addAttribute("members", team.members(member.id(), member.accountId()));
    model.addAttribute("seats", seats);
    model.addAttribute("seatsLeft", Math.max(0, seats - used));
    model.addAttribute("invitations", team.openInvitations(member.id(), member.accountId()));
    model.addAttribute("policy", member.account().policy());
    if (team.link(member.id(), member.accountId()) instanceof LinkAccess.Available available) {
      model.addAttribute("link", available.link());
    }
    return "admin";
  }

  @PostMapping("/admin/members/{userId}/pro-plus")
  String proPlus(@PathVariable String userId, @RequestParam boolean assign, RedirectAttributes redirect) {
    return act(redirect, (member) -> {
      UserId target = UserId.parse(userId);
      LicenseResult result = assign ? team.assignProPlus(member.id(), member.accountId(), target)
          : team.unassignProPlus(member.id(), member.accountId(), target);
      if (result instanceof LicenseResult.Assigned assigned) {
        return ok("Pro+ assigned. " + count(assigned.seatsLeft(), "seat", "seats") + " left.");
      } else if (result instanceof LicenseResult.Unassigned) {
        return ok("Pro+ unassigned.");
      } else if (result instanceof LicenseResult.AlreadyAssigned) {
        return ok("This member already has Pro+.");
      } else if (result instanceof LicenseResult.NotAssigned) {
        return ok("This member did not have Pro+.");
      } else if (result instanceof LicenseResult.NoSeatsLeft none) {
        return error(none.message());
      }
      return error(((LicenseResult.NotAllowed) result).refusal().message());
    });
  }

  @PostMapping("/admin/members/{userId}/invite-permission")
  String permission(@PathVariable String userId, @RequestParam boolean mayInvite, RedirectAttributes redirect) {
    return act(redirect, member -> {
      MemberChange change = team.setInvitePermission(member.id(), member.accountId(), UserId.parse(userId), mayInvite);
      if (change instanceof MemberChange.Changed) {
        return ok(mayInvite ? "Invite permission turned on." : "Invite permission turned off.");
      }
      return error(((MemberChange.NotAllowed) change).refusal().message());
    });
  }

  @PostMapping("/admin/invitations/{id}/revoke")
  String revoke(@PathVariable String id, RedirectAttributes redirect) {
    return act(redirect, member -> invitationNotice(
        team.revoke(member.id(), member.accountId(), InvitationId.parse(id)), "Invitation revoked."));
  }

  @PostMapping("/admin/invitations/{id}/resend")
  String resend(@PathVariable String id, RedirectAttributes redirect) {
    return act(redirect, member -> {
      InvitationId invitation = InvitationId.parse(id);
      // S2: the lock stops retries, so a new mail with the same link would only open on "can no longer be used"
      if (team.openInvitations(member.id(), member.accountId()).stream()
          .anyMatch(open -> open.id().equals(invitation) && open.ageCheckLocked())) {
        return error("That invitation was locked by a failed age check and cannot be sent again. You can revoke it.");
      }
      return invitationNotice(team.resend(member.id(), member.accountId(), invitation), "Invitation sent again.");
    });
  }

  @PostMapping("/admin/link/rotate")
  String rotate(RedirectAttributes redirect) {
    return act(redirect, member -> team.rotateLink(member.id(), member.accountId()) instanceof LinkAccess.NotAllowed n
        ? error(n.refusal().message()) : ok("New invite link made; the old one no longer works."));
  }

  @PostMapping("/admin/link/enabled")
  String linkEnabled(@RequestParam boolean enabled, RedirectAttributes redirect) {
    return act(redirect, member -> policyNotice(team.updatePolicy(member.id(), member.accountId(),
        member.account().policy().withLinksEnabled(enabled)), enabled ? "Invite link turned on." : "Invite link turned off."));
  }

  @PostMapping("/admin/policy")
  String policy(@RequestParam String coworkerInviters, @RequestParam String guestInviters,
      @RequestParam(defaultValue = "false") boolean linksAdmitGuests, @RequestParam int invitationLifetimeDays,
      RedirectAttributes redirect) {
    return act(redirect, member -> {
      if (invitationLifetimeDays < 1 || invitationLifetimeDays > 30) {
        return error("Invitations last 1 to 30 days.");
      }
      InvitePolicy policy = member.account().policy()
          .withCoworkerInviters(InvitePolicy.CoworkerInviters.valueOf(coworkerInviters.toUpperCase(Locale.ROOT)))
          .withGuestInviters(InvitePolicy.GuestInviters.valueOf(guestInviters.toUpperCase(Locale.ROOT)))
          .withLinksAdmitGuests(linksAdmitGuests)
          .withInvitationLifetime(Duration.ofDays(invitationLifetimeDays));
      return policyNotice(team.updatePolicy(member.id(), member.accountId(), policy), "Invite policy saved.");
    });
  }

  /** "1 seat", "2 seats", "0 seats": English plural for the page's counts. */
  static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private record Notice(String kind, String text) {}

  private static Notice ok(String text) {
    return new Notice("ok", text);
  }

  private static Notice error(String text) {
    return new Notice("error", text);
  }

  private static Notice invitationNotice(InvitationChange change, String done) {
    if (change instanceof InvitationChange.Changed) {
      return ok(done);
    } else if (change instanceof InvitationChange.NotFound) {
      return error("That invitation no longer exists.");
    } else if (change instanceof InvitationChange.NotOpen notOpen) {
      return error("That invitation is " + notOpen.state().name().toLowerCase(Locale.ROOT) + " already.");
    } else if (change instanceof InvitationChange.RateLimited limited) {
      return error("It was sent again recently: try again in "
          + count(Math.max(1, limited.retryAfter().toMinutes()), "minute", "minutes") + ".");
    }
    return error(((InvitationChange.NotAllowed) change).refusal().message());
  }

  private static Notice policyNotice(PolicyChange change, String done) {
    return change instanceof PolicyChange.NotAllowed n ? error(n.refusal().message()) : ok(done);
  }

  private String act(RedirectAttributes redirect, java.util.function.Function<CurrentMember.Member, Notice> action) {
    CurrentMember.Member member = current.get().orElse(null);
    if (member == null) {
      return "redirect:/";
    }
    Notice notice;
    try {
      notice = action.apply(member);
    } catch (IllegalArgumentException e) { // an id or a choice that is not one of the page's
      notice = error("That request was not understood. Reload the page and try again.");
    }
    redirect.addFlashAttribute("notice", notice.text());
    redirect.addFlashAttribute("noticeKind", notice.kind());
    return "redirect:/admin";
  }
}
