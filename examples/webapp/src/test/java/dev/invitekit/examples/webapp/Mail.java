package dev.invitekit.examples.webapp;

import dev.invitekit.examples.webapp.kit.DevMailbox;
import dev.invitekit.spi.mail.MailMessage;
import java.net.URI;

/** Reads the dev inbox in tests: the last link mailed to an address, and its token. */
final class Mail {

  private Mail() {}

  static URI lastLink(DevMailbox mailbox, String address, MailMessage.Kind kind) {
    return mailbox.newestFirst().stream()
        .filter(m -> m.to().toString().equals(address) && m.kind() == kind && m.actionUrl() != null)
        .findFirst().map(MailMessage::actionUrl)
        .orElseThrow(() -> new AssertionError("no " + kind + " mail with a link to " + address));
  }

  static String lastToken(DevMailbox mailbox, String address, MailMessage.Kind kind) {
    String path = lastLink(mailbox, address, kind).getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
