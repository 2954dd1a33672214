package dev.invitekit.examples.webapp.web;

import dev.invitekit.examples.webapp.kit.DevMailbox;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The development inbox: every mail the app sent, with its link clickable. Not in the {@code prod} profile. */
@Controller
@Profile("!prod")
public class DevInboxController {

  private final DevMailbox mailbox;

  public DevInboxController(DevMailbox mailbox) {
    this.mailbox = mailbox;
  }

  @GetMapping("/dev/inbox")
  String inbox(Model model) {
    model.addAttribute("messages", mailbox.newestFirst());
    return "inbox";
  }
}
