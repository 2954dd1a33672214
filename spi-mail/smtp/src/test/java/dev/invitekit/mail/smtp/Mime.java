package dev.invitekit.mail.smtp;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Reading received MIME in tests. */
final class Mime {
  private Mime() {}

  static String textPart(Part message) throws Exception {
    return part(message, "text/plain");
  }

  static String htmlPart(Part message) throws Exception {
    return part(message, "text/html");
  }

  static String part(Part message, String type) throws Exception {
    Multipart alternative = (Multipart) message.getContent();
    for (int i = 0; i < alternative.getCount(); i++) {
      BodyPart part = alternative.getBodyPart(i);
      if (part.isMimeType(type)) {
        return (String) part.getContent();
      }
    }
    throw new AssertionError("no " + type + " part");
  }

  static String raw(jakarta.mail.internet.MimeMessage message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
