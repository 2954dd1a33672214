package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.store.tck.MutableClock;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/mail.md "The outbox key": an entry left pending by the previous version (v1.) is still sent after an upgrade. */
class V1PayloadUpgradeReviewTest {
  /** The fixture core's OutboxPayloadTest keeps: sealed by the last v1 version under key(1) for entry-v1. */
  static final String V1_INVITATION = "v1.MeRB0k3tUxGPeyZNqkY_Rnc9qR6XtUyQhb9BrE1Dg7_L-AM45wivTw-m2Ho5RYvQlZWDml-N7RADnJTVD4s-sK20QBY3Fz1-r4crNIK6n-3j3iGV1jGcMyv8Qad8BG76ldRbVCTw0379STQqbfQ53sjyJFL7XWWZT7WSTVnG2P1Sn-9tYkO8Jcbt2pEOtR-5DSKE4xpPTCrvryHoRy-UDHwYQwWFwAvYtsUaUEjlI0rawfc6Sf9BHM_YOqEHWIqpIEzHTBkmjGDl9SuoohWYx_6-IhZvL7OPlWqGOOQ2COfi1DQxn7gv4-aU8hVIFuxUoxukvcawEVGg1XqLVMNgrb68GgkADTYADSxTqEOrx_oFxm6Yq2nC1qQbm5sUhbcRX9J-l4suUy-sHb6zPFSym3IqETR3XX-GC9-hivFCjTfEYsd7TFHFP4ZSuoPwd39X9JqkBVUQBc1EvVrAvk5zQbAGI5ym3CklczB-UIYoXT0gB5wgX9wiZNhpHWOV784ypQ7A5VrNm97UsmP4oRzELhJSosJltyV7fR6O-gZ_85CL7Br4qh5DrN1IPK3357E8kMUiGn_v5--f3tbo0tAlHrHcRKK11ron1VNLqZG4";

  private final ReviewStores dbs = new ReviewStores();

  @AfterEach
  void drop() {
    dbs.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void aV1EntryLeftPendingIsDeliveredAsComposed(String db) {
    JdbcStore store = dbs.store(db);
    byte[] key = new byte[32];
    key[0] = 1;
    MutableClock clock = new MutableClock(PayloadReviewKit.NOW);
    RecordingMailbox mailbox = new RecordingMailbox();
    Invitekit kit = Invitekit.builder().store(store).mail(mailbox).baseUrl(URI.create("https://app.example.com"))
        .clock(clock).outboxKey(key).manualMailDispatch()
        .passwordHashing(dev.invitekit.secret.PasswordHashing.insecureFastForTestsOnly()).build();
    store.inTransaction(t -> {
      t.outbox().insert(OutboxEntry.pending("entry-v1", null, null, null, V1_INVITATION, clock.instant().minusSeconds(60)));
      // and a copy of it under another id: must not be sent
      t.outbox().insert(OutboxEntry.pending("entry-v1-copy", null, null, null, V1_INVITATION,
          clock.instant().minusSeconds(60)));
      return null;
    });
    kit.mail().dispatchDue();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("List-Unsubscribe", "<https://app.example.com/u>");
    headers.put("X-Ünïcode", "välue \"quoted\" \\ back");
    MailMessage expected = new MailMessage(MailMessage.Kind.INVITATION, EmailAddress.parse("zoe@bücher.example"),
        "Zoë \"Z\" Ng", "Dana invited you to join Acme",
        "Hello Zoë,\n\tjoin: https://app.example.com/invitations/abc\u2028end", "<p>Hello &amp; welcome, Zoë</p>",
        URI.create("https://app.example.com/invitations/abc_-1"), headers, "3f1c@app.example.com");
    assertThat(mailbox.all()).containsExactly(expected);
    assertThat(store.inTransaction(t -> t.outbox().find("entry-v1")).orElseThrow().status())
        .isEqualTo(OutboxEntry.Status.SENT);
    assertThat(store.inTransaction(t -> t.outbox().find("entry-v1-copy")).orElseThrow().status())
        .isEqualTo(OutboxEntry.Status.PENDING);
    kit.close();
  }
}
