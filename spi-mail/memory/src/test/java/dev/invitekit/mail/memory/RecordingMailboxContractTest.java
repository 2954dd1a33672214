package dev.invitekit.mail.memory;

import dev.invitekit.mail.tck.MailSenderContractKit;
import dev.invitekit.spi.mail.MailSender;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/** The recording mailbox passes the mail contract kit (SPEC §4). */
@DisplayName("RecordingMailbox passes the mail contract kit")
class RecordingMailboxContractTest extends MailSenderContractKit {
  private final RecordingMailbox mailbox = new RecordingMailbox();

  @Override
  protected MailSender sender() {
    return mailbox;
  }

  @Override
  protected List<Arrived> arrived() {
    // A recording writes no headers, so it has no display name to check.
    return mailbox.all().stream().map(m -> new Arrived(m.messageId(), List.of(m.to().toString()), null, m.subject(),
        m.text())).toList();
  }
}
