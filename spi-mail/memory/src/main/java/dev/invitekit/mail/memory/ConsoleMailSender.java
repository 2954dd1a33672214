package dev.invitekit.mail.memory;

import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.mail.MailSender;
import java.io.PrintStream;
import java.util.Objects;

/**
 * A {@link MailSender} for local development that prints each message to a console instead of sending
 * it: the quickstart's default. Each message is one framed block with its kind, recipient (with the
 * name when there is one), subject, message id and plain-text part; the HTML part only when asked
 * ({@link #withHtml()}).
 *
 * <p><strong>Warning: never use it in production.</strong> The text it prints holds the invitation's
 * "Create account" link (I6), and that link carries a secret token (I5): whoever reads the console, or
 * the log it is collected into, can accept the invitation. Printing it is the point of a development
 * sender, and the reason it must not run anywhere else (SPEC §5: secrets never reach logs). Use a real
 * provider such as the SMTP sender in production.
 *
 * <p>Thread-safe and immutable: concurrent sends print whole blocks, one after another, never
 * interleaved. Control characters other than line breaks and tabs are printed as {@code ?}, so a
 * crafted name or subject cannot rewrite the terminal or forge a line.
 */
public final class ConsoleMailSender implements MailSender {

  private static final String RULE = "-".repeat(64);

  private final PrintStream out;
  private final boolean includeHtml;

  /** Prints to {@link System#out} (as it is now), without the HTML part. */
  public ConsoleMailSender() {
    this(System.out, false);
  }

  /** Prints to {@code out}, without the HTML part. */
  public ConsoleMailSender(PrintStream out) {
    this(out, false);
  }

  /**
   * Prints to {@code out}.
   *
   * @param includeHtml whether to print the HTML part after the text part
   */
  public ConsoleMailSender(PrintStream out, boolean includeHtml) {
    this.out = Objects.requireNonNull(out, "out");
    this.includeHtml = includeHtml;
  }

  /** A sender like this one that also prints each message's HTML part. */
  public ConsoleMailSender withHtml() {
    return new ConsoleMailSender(out, true);
  }

  /**
   * Prints the message as one framed block.
   *
   * @return always {@link DeliveryResult.Delivered} with the message's id
   */
  @Override
  public DeliveryResult send(MailMessage message) {
    Objects.requireNonNull(message, "message");
    String block = format(message);
    // One print of a whole block keeps concurrent sends apart; holding the stream's own monitor (which
    // PrintStream locks in Java 17) also keeps other senders sharing it out until the flush.
    synchronized (out) {
      out.print(block);
      out.flush();
    }
    return new DeliveryResult.Delivered(message.messageId());
  }

  private String format(MailMessage message) {
    String nl = System.lineSeparator();
    String toName = message.toName();
    String to = toName == null || toName.isBlank()
        ? message.to().toString()
        : oneLine(toName) + " <" + message.to() + ">";
    StringBuilder block = new StringBuilder(256 + message.text().length());
    block.append("+-- Invitekit mail: ").append(message.kind()).append(' ').append(RULE).append(nl);
    block.append("| To:         ").append(to).append(nl);
    block.append("| Subject:    ").append(oneLine(message.subject())).append(nl);
    block.append("| Message-ID: <").append(oneLine(message.messageId())).append('>').append(nl);
    block.append('|').append(nl);
    appendPart(block, message.text(), nl);
    if (includeHtml) {
      block.append("|").append(nl).append("| -- HTML part --").append(nl);
      appendPart(block, message.html(), nl);
    }
    block.append('+').append(RULE).append(nl);
    return block.toString();
  }

  private static void appendPart(StringBuilder block, String part, String nl) {
    for (String line : part.split("\\R", -1)) {
      block.append("| ").append(sanitize(line, false)).append(nl);
    }
  }

  private static String oneLine(String value) {
    return sanitize(value, true);
  }

  // Why: names and subjects come from users; a raw ESC or CR could rewrite what the developer sees.
  private static String sanitize(String value, boolean header) {
    StringBuilder clean = new StringBuilder(value.length());
    value.codePoints().forEach(c -> {
      boolean allowed = !Character.isISOControl(c) || (!header && c == '\t');
      if (allowed) {
        clean.appendCodePoint(c);
      } else {
        clean.append('?');
      }
    });
    return clean.toString();
  }

  /** Says whether the HTML part is printed; never any message content. */
  @Override
  public String toString() {
    return "ConsoleMailSender[html=" + includeHtml + "]";
  }
}
