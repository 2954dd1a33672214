package dev.invitekit.internal.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.spi.mail.MailMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.jspecify.annotations.Nullable;

/**
 * A composed message as an outbox payload, sealed with AES-256-GCM under the outbox key, the entry's
 * id as associated data (so a payload cannot be moved to another entry). The payload holds the link with
 * the token until the store erases it on completion; sealing keeps it unreadable in the store's tables and
 * backups meanwhile. Format: {@code v2.<base64url(12-byte nonce ‖ ciphertext ‖ tag)>}, the plaintext each of
 * the message's texts in a fixed order as one byte for its form (0 none, 1 UTF-8, 2 its UTF-16 code units, big-endian,
 * for a text with surrogates, which UTF-8 would not keep when unpaired), its 4-byte big-endian length in bytes, then the
 * bytes; the headers as their 4-byte count, then name and value each. Payloads of the earlier format
 * {@code v1.} (the plaintext JSON) still open; an earlier version cannot open {@code v2.}, so a cluster is
 * upgraded before mail piles up on old nodes (they leave such an entry for another node, as for another key).
 */
public final class OutboxPayload {
  private static final String VERSION = "v2.";
  /** The format before {@code v2.}, still opened: entries sealed by an earlier version wait in durable stores. */
  private static final String VERSION_1 = "v1.";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  /**
   * One AES-GCM cipher per thread, initialised afresh (new nonce) for every payload: looking the
   * transformation up in the providers cost as much as sealing a mail. A Cipher is not thread-safe.
   */
  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has AES/GCM/NoPadding", e);
    }
  });

  private final SecretKey key;
  private final SecureRandom random;

  /** Seals under {@code key}, an AES key of 256 bits. */
  public OutboxPayload(SecretKey key, SecureRandom random) {
    this.key = Objects.requireNonNull(key, "key");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Thrown when a payload cannot be opened: sealed under another key, or damaged. Never shows the payload. */
  public static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  /** The message, sealed for the entry {@code id} (format {@code v2.}). */
  public String seal(MailMessage message, String id) {
    PlainBuffer plain = PLAIN_BUFFERS.get();
    byte[] sealed;
    try {
      // Length-prefixed UTF-8 fields, in a fixed order: no escaping of the bodies' quotes and line breaks,
      // which as JSON was a third of sealing a mail (issue 12, benchmark 1).
      plain.writeText(message.kind().name());
      plain.writeText(message.to().toString());
      plain.writeText(message.toName());
      plain.writeText(message.subject());
      plain.writeText(message.text());
      plain.writeText(message.html());
      plain.writeText(message.actionUrl() == null ? null : message.actionUrl().toString());
      plain.writeCount(message.headers().size());
      for (Map.Entry<String, String> header : message.headers().entrySet()) {
        plain.writeText(header.getKey());
        plain.writeText(header.getValue());
      }
      plain.writeText(message.messageId());
      int length = plain.size();
      sealed = new byte[NONCE_BYTES + length + TAG_BITS / 8];
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
      cipher.doFinal(plain.bytes(), 0, length, sealed, NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not seal an outbox payload (" + e.getClass().getSimpleName() + ")", e);
    } finally {
      plain.wipe();
    }
    // The version and the base64 text in one array, made a string once (a string concatenation copied it again).
    byte[] text = new byte[VERSION.length() + (sealed.length * 4 + 2) / 3];
    int written = BASE64.encode(sealed, text);
    System.arraycopy(text, 0, text, VERSION.length(), written);
    for (int i = 0; i < VERSION.length(); i++) {
      text[i] = (byte) VERSION.charAt(i);
    }
    return new String(text, 0, VERSION.length() + written, StandardCharsets.ISO_8859_1);
  }

  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  /**
   * One buffer per thread for the plaintext being sealed, wiped after each payload (it holds the link's token) and
   * let go when a payload grew it past {@value #KEPT_BUFFER} bytes: a fresh, growing buffer and its copy were
   * a quarter of the bytes an invite of 20 allocated (issue 12, benchmark 1).
   */
  private static final ThreadLocal<PlainBuffer> PLAIN_BUFFERS = ThreadLocal.withInitial(PlainBuffer::new);
  private static final int KEPT_BUFFER = 64 * 1024;

  /** A text's form in the {@code v2.} plaintext: none (null), its UTF-8 bytes, or its UTF-16 code units. */
  private static final int NONE = 0;
  private static final int UTF_8 = 1;
  private static final int UTF_16 = 2;

  /** The {@code v2.} plaintext being written: each text as its form, its length in bytes, then the bytes. */
  private static final class PlainBuffer extends ByteArrayOutputStream {
    PlainBuffer() {
      super(8 * 1024);
    }

    byte[] bytes() {
      return buf;
    }

    void writeText(@Nullable String text) {
      if (text == null) {
        write(NONE);
        return;
      }
      // UTF-8 turns an unpaired surrogate into '?': a text with surrogates goes as its UTF-16 code units, so a
      // retried mail is the mail composed.
      if (hasSurrogate(text)) {
        // Code unit by code unit: Java's UTF-16 charsets replace an unpaired surrogate too.
        write(UTF_16);
        writeCount(text.length() * 2);
        for (int i = 0; i < text.length(); i++) {
          char c = text.charAt(i);
          write(c >>> 8);
          write(c);
        }
        return;
      }
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      write(UTF_8);
      writeCount(bytes.length);
      write(bytes, 0, bytes.length);
    }

    private static boolean hasSurrogate(String text) {
      for (int i = 0; i < text.length(); i++) {
        if ((text.charAt(i) & 0xF800) == 0xD800) {   // Character.isSurrogate
          return true;
        }
      }
      return false;
    }

    void writeCount(int count) {
      write(count >>> 24);
      write(count >>> 16);
      write(count >>> 8);
      write(count);
    }

    void wipe() {
      Arrays.fill(buf, 0, count, (byte) 0);
      reset();
      if (buf.length > KEPT_BUFFER) {
        PLAIN_BUFFERS.remove();
      }
    }
  }

  /** The message sealed for the entry {@code id}: {@code v2.}, or {@code v1.} as sealed before (JSON). */
  public MailMessage open(String payload, String id) throws Unreadable {
    boolean json = payload.startsWith(VERSION_1);
    if (!json && !payload.startsWith(VERSION)) {
      throw new Unreadable(payload.isEmpty() ? "the payload was erased" : "unknown payload format");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(payload.substring(VERSION.length()));
    } catch (IllegalArgumentException e) {
      throw new Unreadable("the payload is not base64");
    }
    // Shorter than a nonce and a tag, GCM itself fails with a ProviderException rather than a security exception.
    if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new Unreadable("the payload is too short");
    }
    byte[] plain;
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
      cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
      plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new Unreadable("the payload does not open with this node's outbox key (another key, or damaged)");
    }
    try {
      return json ? fromJson(plain) : new PlainReader(plain).message();
    } catch (IOException | RuntimeException e) {
      throw new Unreadable("the payload opened but is not a message (" + e.getClass().getSimpleName() + ")");
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** Reads the {@code v2.} plaintext {@link PlainBuffer} wrote; any damage fails as a runtime exception. */
  private static final class PlainReader {
    private final byte[] plain;
    private int at;

    PlainReader(byte[] plain) {
      this.plain = plain;
    }

    MailMessage message() {
      MailMessage.Kind kind = MailMessage.Kind.valueOf(required());
      EmailAddress to = EmailAddress.parse(required());
      String toName = text();
      String subject = required();
      String text = required();
      String html = required();
      String actionUrl = text();
      int headerCount = count();
      // each header takes at least two bytes (the forms of its name and value): a damaged count fails here,
      // before it sizes anything
      if (headerCount < 0 || headerCount > (plain.length - at) / 2) {
        throw new IllegalArgumentException("bad header count");
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 0; i < headerCount; i++) {
        headers.put(required(), required());
      }
      String messageId = required();
      if (at != plain.length) {
        throw new IllegalArgumentException("bytes after the message");
      }
      return new MailMessage(kind, to, toName, subject, text, html, actionUrl == null ? null : URI.create(actionUrl),
          headers, messageId);
    }

    private String required() {
      return Objects.requireNonNull(text(), "a required field is null");
    }

    private @Nullable String text() {
      if (at >= plain.length) {
        throw new IllegalArgumentException("truncated");
      }
      int form = plain[at++];
      if (form == NONE) {
        return null;
      }
      if (form != UTF_8 && form != UTF_16) {
        throw new IllegalArgumentException("unknown text form");
      }
      int length = count();
      if (length < 0 || length > plain.length - at || (form == UTF_16 && length % 2 != 0)) {
        throw new IllegalArgumentException("bad length");
      }
      String text;
      if (form == UTF_8) {
        text = new String(plain, at, length, StandardCharsets.UTF_8);
      } else {
        char[] units = new char[length / 2];
        for (int i = 0; i < units.length; i++) {
          units[i] = (char) ((plain[at + 2 * i] & 0xff) << 8 | (plain[at + 2 * i + 1] & 0xff));
        }
        text = new String(units);
      }
      at += length;
      return text;
    }

    private int count() {
      if (plain.length - at < 4) {
        throw new IllegalArgumentException("truncated");
      }
      int count = (plain[at] & 0xff) << 24 | (plain[at + 1] & 0xff) << 16 | (plain[at + 2] & 0xff) << 8
          | (plain[at + 3] & 0xff);
      at += 4;
      return count;
    }
  }

  /** A {@code v1.} plaintext: the message as JSON, as payloads were sealed before {@code v2.}. */
  private static MailMessage fromJson(byte[] plain) throws IOException {
    JsonNode node = JSON.readTree(plain);
    Map<String, String> headers = new LinkedHashMap<>();
    node.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
    return new MailMessage(MailMessage.Kind.valueOf(node.get("kind").asText()),
        EmailAddress.parse(node.get("to").asText()), textOrNull(node, "toName"), node.get("subject").asText(),
        node.get("text").asText(), node.get("html").asText(),
        textOrNull(node, "actionUrl") == null ? null : URI.create(node.get("actionUrl").asText()), headers,
        node.get("messageId").asText());
  }

  private static @Nullable String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
