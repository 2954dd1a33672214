package dev.invitekit.mail.smtp;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.invitekit.mail.tck.MailSenderContractKit;
import dev.invitekit.spi.mail.MailSender;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SMTP sender passes the mail contract kit against GreenMail on a loopback port (SPEC §4). */
@DisplayName("SmtpMailSender passes the mail contract kit (GreenMail)")
class SmtpMailSenderContractTest extends MailSenderContractKit {

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  private SmtpMailSender sender;

  @Override
  protected MailSender sender() {
    if (sender == null) {
      sender = SmtpMailSender.builder().host("127.0.0.1").port(GREEN_MAIL.getSmtp().getPort())
          .security(SmtpMailSender.Security.STARTTLS_OPTIONAL).from("invites@app.example.com", "Acme Invites").build();
    }
    return sender;
  }

  @AfterEach
  void closeSender() {
    if (sender != null) {
      sender.close();
    }
  }

  @Override
  protected List<Arrived> arrived() {
    List<Arrived> arrived = new ArrayList<>();
    try {
      for (MimeMessage m : GREEN_MAIL.getReceivedMessages()) {
        List<String> to = new ArrayList<>();
        String name = null;
        for (Address a : m.getRecipients(Message.RecipientType.TO)) {
          InternetAddress ia = (InternetAddress) a;
          to.add(ia.getAddress());
          name = ia.getPersonal();
        }
        String id = m.getMessageID().replaceAll("^<|>$", "");
        arrived.add(new Arrived(id, to, name, m.getSubject(), Mime.textPart(m)));
      }
    } catch (Exception e) {
      throw new AssertionError("a received message does not parse", e);
    }
    return arrived;
  }
}
