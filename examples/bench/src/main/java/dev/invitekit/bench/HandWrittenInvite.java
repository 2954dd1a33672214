package dev.invitekit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The baseline of benchmark 1: what a team would write by hand for a 20-address invite, minus everything
 * Invitekit adds (parsing, validation, policy, rate limits, idempotency, events, the outbox): per address a
 * 256-bit token from a CSPRNG, its SHA-256 digest, a row in a map, and the invitation mail rendered from
 * Invitekit's own templates (subject, text and HTML with the values escaped).
 */
final class HandWrittenInvite {
  private static final String TEMPLATES = "dev/invitekit/internal/mail/messages.properties";

  record Row(UUID id, String email, byte[] tokenDigest, String role, LocalDate expiresOn) {}

  record Mail(String to, String subject, String text, String html) {}

  private final SecureRandom random = new SecureRandom();
  private final Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
  private final MessageDigest sha256;
  private final Map<String, Row> rows = new ConcurrentHashMap<>();
  private final String subject;
  private final String text;
  private final String html;

  HandWrittenInvite() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Properties templates = new Properties();
    try (InputStream in = HandWrittenInvite.class.getClassLoader().getResourceAsStream(TEMPLATES)) {
      if (in == null) {
        throw new IllegalStateException("Invitekit's templates are not on the class path: " + TEMPLATES);
      }
      templates.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    subject = templates.getProperty("invitation.subject");
    text = templates.getProperty("invitation.text");
    html = templates.getProperty("invitation.html");
  }

  /** One address's invitation row and mail, before anything stores them. */
  record Prepared(Row row, Mail mail) {}

  /** Invites each address into the map; returns the mails, as a provider would receive them. */
  Mail[] invite(String[] addresses, LocalDate expiresOn) {
    Mail[] mails = new Mail[addresses.length];
    for (int i = 0; i < addresses.length; i++) {
      Prepared prepared = prepare(addresses[i], expiresOn);
      rows.put(base64.encodeToString(prepared.row().tokenDigest()), prepared.row());
      mails[i] = prepared.mail();
    }
    return mails;
  }

  /** A fresh token, its digest, the row and the rendered mail for one address. */
  Prepared prepare(String email, LocalDate expiresOn) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = base64.encodeToString(raw);
    byte[] digest = sha256.digest(token.getBytes(StandardCharsets.US_ASCII));
    String link = "https://app.example.com/invitations/" + token;
    Mail mail = new Mail(email, fill(subject, email, link, expiresOn, false), fill(text, email, link, expiresOn, false),
        fill(html, email, link, expiresOn, true));
    return new Prepared(new Row(UUID.randomUUID(), email, digest, "COWORKER", expiresOn), mail);
  }

  int size() {
    return rows.size();
  }

  private static String fill(String template, String email, String link, LocalDate expiresOn, boolean escape) {
    String[][] values = {
        {"{greetingName}", ""}, {"{inviterName}", "Dana Whitfield"}, {"{inviterEmail}", "dana@acme.com"},
        {"{accountName}", "Acme"}, {"{productName}", "Invitekit"}, {"{roleName}", "a co-worker"},
        {"{link}", link}, {"{email}", email}, {"{expiresOn}", expiresOn.toString()}};
    String out = template;
    for (String[] pair : values) {
      out = out.replace(pair[0], escape ? escapeHtml(pair[1]) : pair[1]);
    }
    return out;
  }

  private static String escapeHtml(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
