package dev.invitekit.internal.mail;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
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
 * A composed message as an outbox payload: JSON, sealed with AES-256-GCM under the outbox key, the entry's
 * id as associated data (so a payload cannot be moved to another entry). The payload holds the link with
 * the token until the store erases it on completion; sealing keeps it unreadable in the store's tables and
 * backups meanwhile. Format: {@code v1.<base64url(12-byte nonce ‖ ciphertext ‖ tag)>}.
 */
public final class OutboxPayload {
  private static final String VERSION = "v1.";
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

  /** The message as JSON, sealed for the entry {@code id}. */
  public String seal(MailMessage message, String id) {
    JsonBuffer json = JSON_BUFFERS.get();
    byte[] sealed;
    try {
      // Streamed straight to bytes (the same JSON a tree would write): this runs once per mail sent.
      try (JsonGenerator out = JSON.getFactory().createGenerator(json)) {
        out.writeStartObject();
        out.writeFieldName(F_KIND);
        out.writeString(message.kind().name());
        out.writeFieldName(F_TO);
        out.writeString(message.to().toString());
        out.writeFieldName(F_TONAME);
        out.writeString(message.toName());
        out.writeFieldName(F_SUBJECT);
        out.writeString(message.subject());
        out.writeFieldName(F_TEXT);
        out.writeString(message.text());
        out.writeFieldName(F_HTML);
        out.writeString(message.html());
        out.writeFieldName(F_ACTIONURL);
        out.writeString(message.actionUrl() == null ? null : message.actionUrl().toString());
        out.writeFieldName(F_HEADERS);
        out.writeStartObject();
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
          out.writeStringField(header.getKey(), header.getValue());
        }
        out.writeEndObject();
        out.writeFieldName(F_MESSAGEID);
        out.writeString(message.messageId());
        out.writeEndObject();
      }
      int length = json.size();
      sealed = new byte[NONCE_BYTES + length + TAG_BITS / 8];
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
      cipher.doFinal(json.bytes(), 0, length, sealed, NONCE_BYTES);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not seal an outbox payload (" + e.getClass().getSimpleName() + ")", e);
    } finally {
      json.wipe();
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
  // The field names with their JSON text made once (writing a plain name escapes and encodes it every time).
  private static final SerializedString F_KIND = new SerializedString("kind");
  private static final SerializedString F_TO = new SerializedString("to");
  private static final SerializedString F_TONAME = new SerializedString("toName");
  private static final SerializedString F_SUBJECT = new SerializedString("subject");
  private static final SerializedString F_TEXT = new SerializedString("text");
  private static final SerializedString F_HTML = new SerializedString("html");
  private static final SerializedString F_ACTIONURL = new SerializedString("actionUrl");
  private static final SerializedString F_HEADERS = new SerializedString("headers");
  private static final SerializedString F_MESSAGEID = new SerializedString("messageId");

  /**
   * One buffer per thread for the JSON being sealed, wiped after each payload (it holds the link's token) and
   * let go when a payload grew it past {@value #KEPT_BUFFER} bytes: a fresh, growing buffer and its copy were
   * a quarter of the bytes an invite of 20 allocated (issue 12, benchmark 1).
   */
  private static final ThreadLocal<JsonBuffer> JSON_BUFFERS = ThreadLocal.withInitial(JsonBuffer::new);
  private static final int KEPT_BUFFER = 64 * 1024;

  private static final class JsonBuffer extends ByteArrayOutputStream {
    JsonBuffer() {
      super(8 * 1024);
    }

    byte[] bytes() {
      return buf;
    }

    void wipe() {
      Arrays.fill(buf, 0, count, (byte) 0);
      reset();
      if (buf.length > KEPT_BUFFER) {
        JSON_BUFFERS.remove();
      }
    }
  }

  /** The message sealed for the entry {@code id}. */
  public MailMessage open(String payload, String id) throws Unreadable {
    if (!payload.startsWith(VERSION)) {
      throw new Unreadable(payload.isEmpty() ? "the payload was erased" : "unknown payload format");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(payload.substring(VERSION.length()));
    } catch (IllegalArgumentException e) {
      throw new Unreadable("the payload is not base64");
    }
    if (bytes.length <= NONCE_BYTES) {
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
      JsonNode node = JSON.readTree(plain);
      Map<String, String> headers = new LinkedHashMap<>();
      node.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
      return new MailMessage(MailMessage.Kind.valueOf(node.get("kind").asText()),
          EmailAddress.parse(node.get("to").asText()), textOrNull(node, "toName"), node.get("subject").asText(),
          node.get("text").asText(), node.get("html").asText(),
          textOrNull(node, "actionUrl") == null ? null : URI.create(node.get("actionUrl").asText()), headers,
          node.get("messageId").asText());
    } catch (IOException | RuntimeException e) {
      throw new Unreadable("the payload opened but is not a message (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static @Nullable String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
