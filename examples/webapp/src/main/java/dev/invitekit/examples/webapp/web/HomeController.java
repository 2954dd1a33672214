package dev.invitekit.examples.webapp.web;

import dev.invitekit.examples.webapp.kit.TeamService;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.InviteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in member's home page, and the invite menu's "By email" form (I1–I4, U6). */
@Controller
public class HomeController {

  private final CurrentMember current;
  private final TeamService team;

  public HomeController(CurrentMember current, TeamService team) {
    this.current = current;
    this.team = team;
  }

  @GetMapping("/")
  String home() {
    return current.get().isPresent() ? "home" : "no-account";
  }

  @PostMapping("/invite")
  String invite(@RequestParam(defaultValue = "") String addresses, RedirectAttributes redirect) {
    CurrentMember.Member member = current.get().orElse(null);
    if (member == null) {
      return "redirect:/";
    }
    redirect.addFlashAttribute("inviteOpen", true);
    if (addresses.isBlank()) {
      redirect.addFlashAttribute("inviteMessage", "Enter at least one email address.");
      return "redirect:/#invite";
    }
    InviteResult result = team.inviteByEmail(member.id(), member.accountId(), addresses);
    if (result instanceof InviteResult.InviteReport report) {
      redirect.addFlashAttribute("inviteOutcomes", outcomes(report.outcomes()));
      long invited = report.outcomes().stream().filter(o -> o instanceof AddressOutcome.Invited
          || o instanceof AddressOutcome.Resent).count();
      redirect.addFlashAttribute("inviteMessage", invited + " of " + report.outcomes().size()
          + (report.outcomes().size() == 1 ? " address" : " addresses") + " invited.");
      // keep what needs fixing in the box, so the member corrects the typo and sends again
      redirect.addFlashAttribute("inviteInput", String.join("; ", report.outcomes().stream()
          .filter(o -> o instanceof AddressOutcome.Invalid).map(AddressOutcome::input).toList()));
    } else if (result instanceof InviteResult.NotPermitted notPermitted) {
      redirect.addFlashAttribute("inviteMessage", notPermitted.refusal().message() + askText(notPermitted));
      redirect.addFlashAttribute("inviteInput", addresses);
    } else {
      redirect.addFlashAttribute("inviteMessage", message(result));
      redirect.addFlashAttribute("inviteInput", addresses);
    }
    return "redirect:/#invite";
  }

  private static String askText(InviteResult.NotPermitted notPermitted) {
    List<String> admins = TeamService.whomToAsk(notPermitted.refusal());
    return admins.isEmpty() ? "" : " Ask " + String.join(" or ", admins) + ".";
  }

  private static String message(InviteResult result) {
    if (result instanceof InviteResult.TooManyAddresses tooMany) {
      return tooMany.message();
    } else if (result instanceof InviteResult.TooManyEntries tooMany) {
      return tooMany.message();
    } else if (result instanceof InviteResult.IdempotencyKeyReused reused) {
      return reused.message();
    } else if (result instanceof InviteResult.InvalidIdempotencyKey invalid) {
      return invalid.message();
    }
    return "The invitations could not be sent.";
  }

  static List<InvitePanel.Outcome> outcomes(List<AddressOutcome> outcomes) {
    List<InvitePanel.Outcome> views = new ArrayList<>();
    for (AddressOutcome outcome : outcomes) {
      views.add(view(outcome));
    }
    return views;
  }

  private static InvitePanel.Outcome view(AddressOutcome outcome) {
    if (outcome instanceof AddressOutcome.Invited invited) {
      return new InvitePanel.Outcome(invited.address().toString(), "ok", "Invited as "
          + invited.role().name().toLowerCase(Locale.ROOT) + delivery(invited.delivery()));
    } else if (outcome instanceof AddressOutcome.Resent resent) {
      return new InvitePanel.Outcome(resent.address().toString(), "ok",
          "Already invited: invitation sent again" + delivery(resent.delivery()));
    } else if (outcome instanceof AddressOutcome.AlreadyMember member) {
      return new InvitePanel.Outcome(member.address().toString(), "warning",
          "Already a member (" + member.role().name().toLowerCase(Locale.ROOT) + ")");
    } else if (outcome instanceof AddressOutcome.Invalid invalid) {
      return new InvitePanel.Outcome(invalid.input(), "error", "Not a valid address: " + invalid.reason());
    } else if (outcome instanceof AddressOutcome.NotAllowed notAllowed) {
      return new InvitePanel.Outcome(notAllowed.address().toString(), "error", notAllowed.refusal().message());
    }
    AddressOutcome.RateLimited limited = (AddressOutcome.RateLimited) outcome;
    return new InvitePanel.Outcome(limited.address().toString(), "error", "Too many invitations: try again in "
        + AdminController.count(Math.max(1, limited.retryAfter().toMinutes()), "minute", "minutes"));
  }

  private static String delivery(DeliveryStatus status) {
    return switch (status) {
      case SENT -> "; email sent";
      case NOT_SENT, FAILED_RETRYABLE -> "; the email will be sent shortly";
      case FAILED_PERMANENT -> "; the email could not be delivered";
    };
  }
}
