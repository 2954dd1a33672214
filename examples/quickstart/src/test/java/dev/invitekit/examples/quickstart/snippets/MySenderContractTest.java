package dev.invitekit.examples.quickstart.snippets;

import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.mail.tck.MailSenderContractKit;
import dev.invitekit.spi.mail.MailSender;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

/**
 * The mail TCK subclass MailSenderContractKit's javadoc shows, compiled and run: here on the recording
 * mailbox, so the example is proven to be all a provider needs to run the whole mail contract (issue 9.15).
 */
@DisplayName("The mail kit's javadoc example runs the whole mail contract (SPEC §4)")
// tag::mail-tck[]
class MySenderContractTest extends MailSenderContractKit {
  private final RecordingMailbox mailbox = new RecordingMailbox();   // yours: your sender and a test server

  @Override
  protected MailSender sender() {
    return mailbox;
  }

  @Override
  protected List<Arrived> arrived() {   // what the far side received, oldest first
    return mailbox.all().stream()
        .map(m -> new Arrived(m.messageId(), List.of(m.to().toString()), null, m.subject(), m.text()))
        .toList();
  }
}
// end::mail-tck[]
