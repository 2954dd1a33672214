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
  @DisplayName("§5: messages of every length round-trip, one after another on the same thread's buffer, a long one "
      + "(past the buffer kept between payloads) included; the text is 'v1.' and base64url without padding")
  void sealThenOpen_anyLengthOnOneThread() throws Exception {
    for (int length = 0; length < 300; length++) {
      MailMessage message = new MailMessage(MailMessage.Kind.WELCOME, EmailAddress.parse("a@acme.com"), null, "W",
          "t".repeat(length), "<p>" + "h\"".repeat(length % 7) + "</p>", null, Map.of(), "m" + length + "@x.example");
      String sealed = payloads.seal(message, "entry-" + length);
      assertThat(sealed).startsWith("v1.").doesNotContain("=").matches("v1\\.[A-Za-z0-9_-]+");
      assertThat(payloads.open(sealed, "entry-" + length)).isEqualTo(message);
    }
    MailMessage huge = new MailMessage(MailMessage.Kind.WELCOME, EmailAddress.parse("a@acme.com"), null, "W",
        "x".repeat(200_000), "<p>" + "y".repeat(100_000) + "</p>", null, Map.of(), "big@x.example");
    assertThat(payloads.open(payloads.seal(huge, "big"), "big")).isEqualTo(huge);
    MailMessage after = invitation();
    assertThat(payloads.open(payloads.seal(after, "after"), "after")).isEqualTo(after);
  }

  @Test
  @DisplayName("§5: a payload is sealed with a fresh nonce each time and never shows the link in the clear")
  void seal_isFreshEachTimeAndHidesTheContent() {
    MailMessage message = invitation();

    String first = payloads.seal(message, "entry-1");
    String second = payloads.seal(message, "entry-1");

    assertThat(first).startsWith("v1.").isNotEqualTo(second);
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
}
