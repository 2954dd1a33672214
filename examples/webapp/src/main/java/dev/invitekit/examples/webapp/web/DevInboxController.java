package dev.invitekit.examples.webapp.web;

import dev.invitekit.examples.webapp.kit.DevMailbox;
import dev.invitekit.spi.mail.MailMessage;
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
    model.addAttribute("messages", mailbox.newestFirst().stream().map(Mail::new).toList());
    return "inbox";
  }

  /** A mail with the label of its link, which says what the link does for this kind of mail. */
  public record Mail(MailMessage message, String action) {
    Mail(MailMessage message) {
      this(message, actionLabel(message.kind()));
    }
  }

  /** The words of the mail's button: the invitation's "Create account" (I6) only where the link creates one. */
  static String actionLabel(MailMessage.Kind kind) {
    return switch (kind) {
      case INVITATION, REMINDER -> "Create account";          // the invitation's sign-up form (I6, I11)
      case LINK_VERIFICATION -> "Confirm your email";         // proves the address, then the form (L3)
      case ALREADY_MEMBER, WELCOME -> "Sign in";              // no token: the sign-in page (L3, S6)
      case LINK_SHARE -> "Join";                              // the invite link's page (L2)
      case INVITER_NOTICE -> "Open the app";                  // what became of an invitation (I11)
      case FOUNDER_CONFIRMATION -> "Confirm your address";    // the founder's confirmation (A3)
    };
  }
}
