package dev.invitekit.examples.webapp.web;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.examples.webapp.kit.TeamService;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.ShareResult;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * What every page's header needs: the signed-in member, whether the dev inbox exists, and the "New actions"
 * menu's invite panel. Built on GET only, from reads.
 */
@ControllerAdvice
public class LayoutAdvice {

  private final CurrentMember current;
  private final TeamService team;
  private final boolean devInbox;

  public LayoutAdvice(CurrentMember current, TeamService team, Environment environment) {
    this.current = current;
    this.team = team;
    this.devInbox = !environment.acceptsProfiles(Profiles.of("prod"));
  }

  @ModelAttribute
  void layout(HttpServletRequest request, Model model) {
    model.addAttribute("devInbox", devInbox);
    if (!"GET".equals(request.getMethod())) {
      return;
    }
    current.get().ifPresent(member -> {
      model.addAttribute("member", member);
      model.addAttribute("invitePanel", panel(member, RequestContextUtils.getInputFlashMap(request)));
    });
  }

  @SuppressWarnings("unchecked")
  private InvitePanel panel(CurrentMember.Member member, Map<String, ?> flash) {
    Object flashed = flash == null ? null : flash.get("inviteOutcomes");
    List<InvitePanel.Outcome> outcomes = flashed == null ? List.of() : (List<InvitePanel.Outcome>) flashed;
    String formMessage = flash == null ? null : (String) flash.get("inviteMessage");
    String addresses = flash == null ? null : (String) flash.get("inviteInput");
    boolean open = flash != null && flash.containsKey("inviteOpen");
    String accountName = member.account().name();

    LinkAccess access = team.link(member.id(), member.accountId());
    if (access instanceof LinkAccess.NotAllowed notAllowed
        && notAllowed.refusal().reason() == Refusal.Reason.INVITE_PERMISSION_DISABLED) {
      Refusal refusal = notAllowed.refusal();
      List<String> admins = refusal.adminsToContact().isEmpty()
          ? team.admins(member.id(), member.accountId()).stream().map(Object::toString).toList()
          : TeamService.whomToAsk(refusal);
      return new InvitePanel(accountName, false, refusal.message(), admins, null, null, null, outcomes,
          formMessage, addresses, open);
    }
    String linkUrl = null;
    String linkProblem = null;
    String mailto = null;
    if (access instanceof LinkAccess.Available available) {
      linkUrl = available.link().url().toString();
      if (team.shareByMail(member.id(), member.accountId()) instanceof ShareResult.Shared shared) {
        mailto = shared.mailto().toString();
      }
    } else {
      linkProblem = ((LinkAccess.NotAllowed) access).refusal().message();
    }
    return new InvitePanel(accountName, true, null, List.of(), linkUrl, linkProblem, mailto, outcomes,
        formMessage, addresses, open);
  }
}
