package dev.invitekit.mail.memory;

import dev.invitekit.mail.tck.MailSenderContractKit;
import dev.invitekit.spi.mail.MailSender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;

/** The console sender passes the mail contract kit (SPEC §4): what "arrived" is what it printed. */
@DisplayName("ConsoleMailSender passes the mail contract kit")
class ConsoleMailSenderContractTest extends MailSenderContractKit {
  private static final Pattern TO = Pattern.compile("^\\| To: +(?:(.*) <(.+)>|(\\S+))$");
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final ConsoleMailSender sender = new ConsoleMailSender(new PrintStream(printed, true, StandardCharsets.UTF_8));

  @Override
  protected MailSender sender() {
    return sender;
  }

  @Override
  protected List<Arrived> arrived() {
    List<Arrived> arrived = new ArrayList<>();
    String[] blocks = printed.toString(StandardCharsets.UTF_8).split("\\+-- Invitekit mail: ");
    for (String block : blocks) {
      if (block.isBlank()) {
        continue;
      }
      String name = null;
      String to = null;
      String subject = null;
      String id = null;
      StringBuilder text = new StringBuilder();
      for (String line : block.split("\\R")) {
        Matcher m = TO.matcher(line);
        if (m.matches()) {
          name = m.group(1);
          to = m.group(2) != null ? m.group(2) : m.group(3);
        } else if (line.startsWith("| Subject:    ")) {
          subject = line.substring("| Subject:    ".length());
        } else if (line.startsWith("| Message-ID: <")) {
          id = line.substring("| Message-ID: <".length(), line.length() - 1);
        } else if (line.startsWith("| ")) {
          text.append(line.substring(2)).append('\n');
        }
      }
      arrived.add(new Arrived(id, List.of(to), name, subject, text.toString()));
    }
    return arrived;
  }
}
