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
      + "(past the buffer kept between payloads) included; the text is 'v2.' and base64url without padding")
  void sealThenOpen_anyLengthOnOneThread() throws Exception {
    for (int length = 0; length < 300; length++) {
      MailMessage message = new MailMessage(MailMessage.Kind.WELCOME, EmailAddress.parse("a@acme.com"), null, "W",
          "t".repeat(length), "<p>" + "h\"".repeat(length % 7) + "</p>", null, Map.of(), "m" + length + "@x.example");
      String sealed = payloads.seal(message, "entry-" + length);
      assertThat(sealed).startsWith("v2.").doesNotContain("=").matches("v2\\.[A-Za-z0-9_-]+");
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

  /** Sealed under {@code key(1)} for {@code entry-v1} by the last version that wrote {@code v1.} (JSON) payloads. */
  private static final String V1_INVITATION = "v1.MeRB0k3tUxGPeyZNqkY_Rnc9qR6XtUyQhb9BrE1Dg7_L-AM45wivTw-m2Ho5RYvQlZWDml-N7RADnJTVD4s-sK20QBY3Fz1-r4crNIK6n-3j3iGV1jGcMyv8Qad8BG76ldRbVCTw0379STQqbfQ53sjyJFL7XWWZT7WSTVnG2P1Sn-9tYkO8Jcbt2pEOtR-5DSKE4xpPTCrvryHoRy-UDHwYQwWFwAvYtsUaUEjlI0rawfc6Sf9BHM_YOqEHWIqpIEzHTBkmjGDl9SuoohWYx_6-IhZvL7OPlWqGOOQ2COfi1DQxn7gv4-aU8hVIFuxUoxukvcawEVGg1XqLVMNgrb68GgkADTYADSxTqEOrx_oFxm6Yq2nC1qQbm5sUhbcRX9J-l4suUy-sHb6zPFSym3IqETR3XX-GC9-hivFCjTfEYsd7TFHFP4ZSuoPwd39X9JqkBVUQBc1EvVrAvk5zQbAGI5ym3CklczB-UIYoXT0gB5wgX9wiZNhpHWOV784ypQ7A5VrNm97UsmP4oRzELhJSosJltyV7fR6O-gZ_85CL7Br4qh5DrN1IPK3357E8kMUiGn_v5--f3tbo0tAlHrHcRKK11ron1VNLqZG4";
  /** The bare WELCOME message of the first test, sealed as {@code v1.} for {@code entry-v1-bare}. */
  private static final String V1_BARE = "v1.3cj7FLyJfozzs-0Scqchc0oIFfUmWsp5lD51pOe-aFJ89rE5lP9cukkWo1URo7K4aFv7rQGEhrgTIgtRWU8kEfMwn6-cq7_n2mcYr6zJclRCIms9YRES460zvqmAAJXbG6VwTHrWW1vzc44IckHMiuo-NsVbmLbpOpBI0emeAXgk68DI05NbxZCos5mrokjZ7O0LYEnf-FuBv8-BjIMmSXp9bVXHo8FHUussR9Tr6hO_A3VOiat5nRlx3_XSA6WT4k6VDA";

  @Test
  @DisplayName("§5: a payload sealed before v2 (v1., JSON) still opens, for its entry only: durable outboxes hold them "
      + "across an upgrade")
  void open_readsTheEarlierFormat() throws Exception {
    MailMessage bare = new MailMessage(MailMessage.Kind.WELCOME, EmailAddress.parse("a@acme.com"), null, "Welcome",
        "text", "<p>html</p>", null, Map.of(), "m1@app.example.com");

    assertThat(payloads.open(V1_INVITATION, "entry-v1")).isEqualTo(invitation());
    assertThat(payloads.open(V1_BARE, "entry-v1-bare")).isEqualTo(bare);
    assertThatThrownBy(() -> payloads.open(V1_INVITATION, "entry-v1-bare")).isInstanceOf(OutboxPayload.Unreadable.class);
    // the same sealed bytes under the other format's prefix are not a message
    assertThatThrownBy(() -> payloads.open("v2." + V1_INVITATION.substring(3), "entry-v1"))
        .isInstanceOf(OutboxPayload.Unreadable.class).hasMessageContaining("not a message");
  }

  @Test
  @DisplayName("§5: a damaged or foreign payload is Unreadable, never another exception: every character changed, "
      + "every length cut, another prefix")
  void open_anyDamage_isUnreadable() throws Exception {
    String sealed = payloads.seal(invitation(), "entry-1");
    for (int i = 0; i < sealed.length(); i++) {
      char c = sealed.charAt(i);
      String changed = sealed.substring(0, i) + (c == 'A' ? 'B' : 'A') + sealed.substring(i + 1);
      if (i >= 3 && java.util.Arrays.equals(decoded(changed), decoded(sealed))) {
        // the last character's unused low bits: the same sealed bytes, which open as before
        assertThat(payloads.open(changed, "entry-1")).isEqualTo(invitation());
        continue;
      }
      assertThatThrownBy(() -> payloads.open(changed, "entry-1")).isInstanceOf(OutboxPayload.Unreadable.class);
      String cut = sealed.substring(0, i);
      assertThatThrownBy(() -> payloads.open(cut, "entry-1")).isInstanceOf(OutboxPayload.Unreadable.class);
    }
    assertThatThrownBy(() -> payloads.open("v3." + sealed.substring(3), "entry-1"))
        .isInstanceOf(OutboxPayload.Unreadable.class).hasMessageContaining("unknown payload format");
  }

  private static byte[] decoded(String payload) {
    return java.util.Base64.getUrlDecoder().decode(payload.substring(3));
  }

  @Test
  @DisplayName("§5: empty texts stay empty, the nulls the message allows stay null, and any character, a NUL and "
      + "characters outside the BMP included, comes back")
  void sealThenOpen_nullsEmptiesAndAnyCharacter() throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Empty", "");
    headers.put("X-\u00e9", "\u0000\uffff\ud83d\ude00");
    MailMessage edgy = new MailMessage(MailMessage.Kind.INVITATION, EmailAddress.parse("a@acme.com"), "", "",
        "", "", URI.create("https://a.example/x"), headers, "m@x.example");
    MailMessage none = new MailMessage(MailMessage.Kind.INVITATION, EmailAddress.parse("a@acme.com"), null, "s",
        "t", "h", null, Map.of(), "m@x.example");

    assertThat(payloads.open(payloads.seal(edgy, "e"), "e")).isEqualTo(edgy);
    assertThat(payloads.open(payloads.seal(none, "n"), "n")).isEqualTo(none);
  }

  @Test
  @DisplayName("§5: a retried mail is the mail composed, unpaired surrogates (an emoji cut in half) and reversed pairs "
      + "included, in every text, beside accents and whole emoji")
  void sealThenOpen_unpairedSurrogatesAreKept() throws Exception {
    for (String odd : new String[] {"cut \ud83d", "\ude00 start", "rev \ude00\ud83d", "\udbff", "é \ud800 ü 😀"}) {
      MailMessage message = new MailMessage(MailMessage.Kind.INVITATION, EmailAddress.parse("a@acme.com"), odd,
          "Subject " + odd, "Text " + odd, "<p>" + odd + "</p>", null, Map.of("X-Odd", odd), "m@x.example");

      assertThat(payloads.open(payloads.seal(message, "e"), "e")).isEqualTo(message);
    }
  }
}
