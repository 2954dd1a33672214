package dev.invitekit.internal.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.spi.mail.MailMessage;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
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
    ObjectNode node = JSON.createObjectNode();
    node.put("kind", message.kind().name());
    node.put("to", message.to().toString());
    node.put("toName", message.toName());
    node.put("subject", message.subject());
    node.put("text", message.text());
    node.put("html", message.html());
    node.put("actionUrl", message.actionUrl() == null ? null : message.actionUrl().toString());
    ObjectNode headers = node.putObject("headers");
    message.headers().forEach(headers::put);
    node.put("messageId", message.messageId());
    try {
      byte[] plain = JSON.writeValueAsBytes(node);
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain);
      return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(
          ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not seal an outbox payload (" + e.getClass().getSimpleName() + ")", e);
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
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
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
