package dev.invitekit.examples.webapp.kit;

import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The development mail provider (every profile but {@code prod}): keeps every message for the dev inbox
 * page ({@code /dev/inbox}) in a {@link RecordingMailbox}, and logs one line per message: to whom, what
 * kind, never the body or the link, which carry tokens (I6). Being a {@code MailSender} bean, it makes the
 * starter's console sender back off.
 */
@Component
@Profile("!prod")
public class DevMailbox implements dev.invitekit.spi.mail.MailSender {

  private static final Logger LOG = LoggerFactory.getLogger(DevMailbox.class);

  private final RecordingMailbox mailbox = new RecordingMailbox();

  @Override
  public DeliveryResult send(MailMessage message) {
    DeliveryResult result = mailbox.send(message);
    LOG.info("Mail ({}) to {}: \"{}\"; read it in the dev inbox at /dev/inbox", message.kind(), message.to(),
        message.subject());
    return result;
  }

  /** The delivered messages, newest first. */
  public List<MailMessage> newestFirst() {
    List<MailMessage> all = new ArrayList<>(mailbox.all());
    Collections.reverse(all);
    return all;
  }

  /** The recording mailbox, for the demo data to read the links it needs. */
  RecordingMailbox recording() {
    return mailbox;
  }
}
