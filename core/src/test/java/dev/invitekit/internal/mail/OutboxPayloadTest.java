package dev.invitekit.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.spi.mail.MailMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPEC §5: the outbox payload seals a composed message and opens it back unchanged, for its entry only. */
@DisplayName("SPEC §5: sealed outbox payloads")
class OutboxPayloadTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final OutboxPayload payloads = new OutboxPayload(key(1), RANDOM);

  private static SecretKeySpec key(int seed) {
    byte[] bytes = new byte[32];
    bytes[0] = (byte) seed;
    return new SecretKeySpec(bytes, "AES");
  }

  private static MailMessage invitation() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("List-Unsubscribe", "<https://app.example.com/u>");
    headers.put("X-Ünïcode", "välue \"quoted\" \\ back");
    return new MailMessage(MailMessage.Kind.INVITATION, EmailAddress.parse("zoe@bücher.example"), "Zoë \"Z\" Ng",
        "Dana invited you to join Acme", "Hello Zoë,\n\tjoin: https://app.example.com/invitations/abc\u2028end",
        "<p>Hello &amp; welcome, Zoë</p>", URI.create("https://app.example.com/invitations/abc_-1"), headers,
        "3f1c@app.example.com");
  }

  @Test
  @DisplayName("§5: every field of a message comes back from its sealed payload, with and without the optional ones")
  void sealThenOpen_returnsTheSameMessage() throws Exception {
    MailMessage full = invitation();
    MailMessage bare = new MailMessage(MailMessage.Kind.WELCOME, EmailAddress.parse("a@acme.com"), null, "Welcome",
        "text", "<p>html</p>", null, Map.of(), "m1@app.example.com");

    assertThat(payloads.open(payloads.seal(full, "entry-1"), "entry-1")).isEqualTo(full);
    assertThat(payloads.open(payloads.seal(bare, "entry-2"), "entry-2")).isEqualTo(bare);
  }

  @Test
  @DisplayName("§5: a payload is sealed with a fresh nonce each time and never shows the link in the clear")
  void seal_isFreshEachTimeAndHidesTheContent() {
    MailMessage message = invitation();

    String first = payloads.seal(message, "entry-1");
    String second = payloads.seal(message, "entry-1");

    assertThat(first).startsWith("v2.").isNotEqualTo(second);
    assertThat(new String(java.util.Base64.getUrlDecoder().decode(first.substring(3)), StandardCharsets.ISO_8859_1))
        .doesNotContain("invitations/abc").doesNotContain("zoe@");
  }

  @Test
  @DisplayName("§5: a payload opens only for its own entry and under its own key")
  void open_refusesAnotherEntryOrKey() {
    String sealed = payloads.seal(invitation(), "entry-1");

    assertThatThrownBy(() -> payloads.open(sealed, "entry-2")).isInstanceOf(OutboxPayload.Unreadable.class);
    assertThatThrownBy(() -> new OutboxPayload(key(2), RANDOM).open(sealed, "entry-1"))
        .isInstanceOf(OutboxPayload.Unreadable.class);
    assertThatThrownBy(() -> payloads.open("", "entry-1")).isInstanceOf(OutboxPayload.Unreadable.class)
        .hasMessageContaining("erased");
  }

  /** A payload as version 1 sealed it, before compression: the message's JSON sealed as it is. */
  private static String sealedByVersion1(byte[] json, String id, SecretKeySpec key) throws Exception {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.GCMParameterSpec(128, nonce));
    cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
    byte[] sealed = cipher.doFinal(json);
    byte[] all = new byte[nonce.length + sealed.length];
    System.arraycopy(nonce, 0, all, 0, nonce.length);
    System.arraycopy(sealed, 0, all, nonce.length, sealed.length);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(all);
  }

  private static byte[] version1Json(MailMessage m) throws Exception {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", m.kind().name());
    json.put("to", m.to().toString());
    json.put("toName", m.toName());
    json.put("subject", m.subject());
    json.put("text", m.text());
    json.put("html", m.html());
    json.put("actionUrl", m.actionUrl() == null ? null : m.actionUrl().toString());
    json.put("headers", m.headers());
    json.put("messageId", m.messageId());
    return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(json);
  }

  @Test
  @DisplayName("§5: a payload sealed before compression (v1) still opens, every field equal, for its entry only")
  void open_readsPayloadsSealedBeforeCompression() throws Exception {
    MailMessage message = invitation();
    String v1 = "v1." + sealedByVersion1(version1Json(message), "entry-1", key(1));

    assertThat(payloads.open(v1, "entry-1")).isEqualTo(message);
    assertThatThrownBy(() -> payloads.open(v1, "entry-2")).isInstanceOf(OutboxPayload.Unreadable.class);
  }

  @Test
  @DisplayName("§5: the message is compressed before it is sealed, so an invitation mail's payload is far shorter than its JSON")
  void seal_compressesTheMessage() throws Exception {
    String paragraph = "Dana Whitfield invited you to join Acme on Invitekit. Create your account: "
        + "https://app.example.com/invitations/abc_-1 (the link works for 7 days).\n";
    MailMessage long_ = new MailMessage(MailMessage.Kind.INVITATION, EmailAddress.parse("zoe@acme.com"), "Zoë",
        "Dana invited you to join Acme", paragraph.repeat(12),
        "<html><body><table><tr><td><p style=\"font-family: sans-serif\">" + paragraph.repeat(12)
            + "</p></td></tr></table></body></html>", URI.create("https://app.example.com/invitations/abc_-1"),
        Map.of(), "m2@app.example.com");

    String sealed = payloads.seal(long_, "entry-1");

    assertThat(sealed.length()).isLessThan(version1Json(long_).length / 3);
    assertThat(payloads.open(sealed, "entry-1")).isEqualTo(long_);
  }

  @Test
  @DisplayName("§5: a v2 payload that opens but does not inflate is unreadable, not a stray exception")
  void open_refusesADamagedCompressedMessage() throws Exception {
    String notDeflated = "v2." + sealedByVersion1("{\"kind\":\"WELCOME\"}".getBytes(StandardCharsets.UTF_8),
        "entry-1", key(1));

    assertThatThrownBy(() -> payloads.open(notDeflated, "entry-1")).isInstanceOf(OutboxPayload.Unreadable.class)
        .hasMessageContaining("compressed");
  }
}
