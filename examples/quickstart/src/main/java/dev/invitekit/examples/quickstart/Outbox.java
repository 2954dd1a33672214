package dev.invitekit.examples.quickstart;

import dev.invitekit.secret.Secret;
import dev.invitekit.mail.memory.ConsoleMailSender;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.mail.MailSender;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The walkthrough's mail provider: a composite of a {@link RecordingMailbox}, which keeps every message so
 * the walkthrough can follow the links in them as an invitee would, and a {@link ConsoleMailSender},
 * which shows a message on the console when the walkthrough wants the reader to see one.
 *
 * <p>Why not hand the kit a plain {@code ConsoleMailSender}: it prints the "Create account" link, whose
 * token admits whoever reads it (I5). That is fine on a developer's console but not in a walkthrough
 * whose output is pasted into docs and issues, so this composite shows each message with its link's
 * token replaced by {@value Secret#REDACTED}.
 */
final class Outbox implements MailSender {
  private final RecordingMailbox mailbox = new RecordingMailbox();
  private final ConsoleMailSender console;
  private final PrintStream out;
  private final @Nullable MailSender relay;
  private int listed;

  Outbox(PrintStream out) {
    this(out, null);
  }

  /** An outbox that also hands every message to {@code relay} (an SMTP sender), when there is one. */
  Outbox(PrintStream out, @Nullable MailSender relay) {
    this.out = Objects.requireNonNull(out, "out");
    this.console = new ConsoleMailSender(out);
    this.relay = relay;
  }

  /**
   * Records the message, and sends it through the relay when there is one (the relay's answer is the
   * delivery); showing it is up to the walkthrough ({@link #show}, {@link #listNew}).
   */
  @Override
  public DeliveryResult send(MailMessage message) {
    DeliveryResult recorded = mailbox.send(message);
    return relay == null ? recorded : relay.send(message);
  }

  /** Every message the kit sent, with its links intact: the tests read tokens from it. */
  RecordingMailbox mailbox() {
    return mailbox;
  }

  /** The token of the last link mailed to {@code address}, as the invitee's click would carry it. */
  String tokenMailedTo(String address) {
    URI link = mailbox.lastLink(address)
        .orElseThrow(() -> new IllegalStateException("no mail with a link was sent to " + address));
    return RecordingMailbox.tokenOf(link);
  }

  /** Lists, one line each, the messages sent since the last call: what went out because of a step. */
  void listNew() {
    List<MailMessage> all = mailbox.all();
    if (all.size() == listed) {
      out.println("  (no mail sent)");
      return;
    }
    for (MailMessage message : all.subList(listed, all.size())) {
      out.printf("  mail to %-18s %-17s \"%s\"%n", message.to(), kind(message.kind()), message.subject());
    }
    listed = all.size();
  }

  /** Shows the last message to {@code address} in full, as the console sender prints it, its token hidden. */
  void show(String address) {
    MailMessage message = mailbox.last(address)
        .orElseThrow(() -> new IllegalStateException("no mail was sent to " + address));
    console.send(withoutToken(message));
  }

  private static MailMessage withoutToken(MailMessage message) {
    URI link = message.actionUrl();
    if (link == null || !link.getPath().matches(".*/[A-Za-z0-9_-]{40,}/?")) {
      return message;
    }
    String full = link.toString();
    String hidden = full.substring(0, full.lastIndexOf('/') + 1) + Secret.REDACTED;
    return new MailMessage(message.kind(), message.to(), message.toName(), message.subject(),
        message.text().replace(full, hidden), message.html().replace(full, hidden), URI.create(hidden.replace(
            Secret.REDACTED, "redacted")), message.headers(), message.messageId());
  }

  private static String kind(MailMessage.Kind kind) {
    return switch (kind) {
      case INVITATION -> "(invitation)";
      case REMINDER -> "(reminder)";
      case LINK_VERIFICATION -> "(confirm address)";
      case ALREADY_MEMBER -> "(already member)";
      case WELCOME -> "(welcome)";
      case INVITER_NOTICE -> "(notice)";
      case LINK_SHARE -> "(link shared)";
      case FOUNDER_CONFIRMATION -> "(confirm founder)";
    };
  }
}
