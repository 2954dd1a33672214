package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.outbox.MailOutbox;
import dev.invitekit.outbox.OutboxMessage;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.store.tck.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/mail.md "The outbox key": a payload this node cannot open (damaged, cut, another entry's, another key's,
 * another format) is left for a node that can and eventually given up; never a stray exception, never a mail
 * to the wrong person, never the payload in an operator's view.
 */
class DamagedPayloadReviewTest {
  private final ReviewStores dbs = new ReviewStores();

  @AfterEach
  void drop() {
    dbs.close();
  }

  @Test
  void damagedPayloadsAreLeftThenGivenUp_neverSentNeverThrown() {
    JdbcStore store = dbs.h2();
    RecordingMailbox mailbox = new RecordingMailbox();
    MutableClock clock = new MutableClock(PayloadReviewKit.NOW);
    PayloadReviewKit node = new PayloadReviewKit(store, mailbox, clock, null, null);
    FounderConfirmation.Confirmed acme = node.createAcme(20);

    // a foreign-key payload: the same kind of entry sealed by a node with another key
    JdbcStore otherStore = dbs.h2();
    RecordingMailbox otherBox = new RecordingMailbox();
    byte[] otherKey = new byte[32];
    otherKey[5] = 9;
    dev.invitekit.Invitekit other = dev.invitekit.Invitekit.builder().store(otherStore).mail(otherBox)
        .baseUrl(java.net.URI.create("https://app.example.com")).clock(clock).outboxKey(otherKey).manualMailDispatch()
        .passwordHashing(dev.invitekit.secret.PasswordHashing.insecureFastForTestsOnly()).build();
    otherBox.failAlways(DeliveryResult.Failed.transientFailure("421 later"));
    var otherAcme = other.accounts().create(new dev.invitekit.account.NewAccount("Acme", dev.invitekit.account.Plan.PRO_PLUS,
        List.of("acme.com"), 5, java.util.Locale.ENGLISH, "ada@acme.com", "Ada", "Admin", PayloadReviewKit.ADULT,
        dev.invitekit.secret.Password.of(PayloadReviewKit.PASSWORD), dev.invitekit.secret.Password.of(PayloadReviewKit.PASSWORD)));
    assertThat(otherAcme).isNotNull();

    // two real invitations whose first attempts fail: their entries stay pending with real v2 payloads
    mailbox.failNext(2, DeliveryResult.Failed.transientFailure("421 later"));
    node.kit.invitations().invite(InviteRequest.members(acme.founder().id(), acme.account().id(),
        "dora@acme.com, eve@acme.com"));
    List<OutboxMessage> pending = node.kit.mail().pending(acme.account().id());
    assertThat(pending).hasSize(2);
    OutboxEntry dora = store.inTransaction(t -> t.outbox().find(pending.get(0).messageId())).orElseThrow();
    OutboxEntry eve = store.inTransaction(t -> t.outbox().find(pending.get(1).messageId())).orElseThrow();
    String doraPayload = dora.payload();
    String foreign = otherStore.inTransaction(t -> t.outbox().inStatus(OutboxEntry.Status.PENDING, 10)).stream()
        .map(OutboxEntry::payload).filter(p -> !p.isEmpty()).findFirst()
        .orElseGet(() -> otherStore.inTransaction(t -> t.outbox().inStatus(OutboxEntry.Status.SENT, 10)).get(0).payload());
    assertThat(doraPayload).startsWith("v2.");
    assertThat(foreign).startsWith("v2.");

    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("cut-1", doraPayload.substring(0, doraPayload.length() - 1));
    bad.put("cut-half", doraPayload.substring(0, doraPayload.length() / 2));
    bad.put("cut-to-prefix", "v2.");
    bad.put("cut-to-v", "v");
    bad.put("swapped-dora", doraPayload);
    bad.put("swapped-eve", eve.payload());
    bad.put("foreign-key", foreign);
    bad.put("v1-garbage", "v1." + doraPayload.substring(3));
    bad.put("v3", "v3." + doraPayload.substring(3));
    bad.put("V2-upper", "V2." + doraPayload.substring(3));
    bad.put("bad-base64", "v2.!!!!****====");
    bad.put("padded", doraPayload + "==");
    bad.put("whitespace", " " + doraPayload);
    bad.put("newline", doraPayload + "\n");
    bad.put("json", "{\"to\":\"mallory@evil.example\"}");
    bad.put("erased-but-pending", "");
    bad.put("huge", "v2." + "A".repeat(2_000_000));
    bad.put("nul", "v2.\u0000");
    List<String> ids = new ArrayList<>();
    store.inTransaction(t -> {
      for (Map.Entry<String, String> b : bad.entrySet()) {
        String id = b.getKey() + "@attack.example";
        ids.add(id);
        t.outbox().insert(OutboxEntry.pending(id, acme.account().id(), dora.invitationId(), dora.tokenDigest(),
            b.getValue(), clock.instant()).withRecipient(dora.recipient()));
      }
      return null;
    });

    mailbox.clear();
    clock.advance(Duration.ofHours(1));
    assertThatCode(() -> node.kit.mail().dispatchDue()).as("first round").doesNotThrowAnyException();
    // the two real mails are sent, each once, to their own recipient; nothing else is sent
    assertThat(mailbox.all()).extracting(m -> m.to().toString()).containsExactlyInAnyOrder("dora@acme.com",
        "eve@acme.com");
    for (String id : ids) {
      OutboxEntry e = store.inTransaction(t -> t.outbox().find(id)).orElseThrow();
      assertThat(e.status()).as(id + " left for a node that can open it").isEqualTo(OutboxEntry.Status.PENDING);
      assertThat(String.valueOf(e.lastError())).as(id + " lastError shows no payload")
          .doesNotContain(doraPayload.substring(3, 20));
    }
    for (OutboxMessage m : node.kit.mail().pending(acme.account().id())) {
      assertThat(m.toString()).doesNotContain(doraPayload.substring(3, 20));
    }

    // a day later they are given up, without ever being sent, and nothing throws on the way
    for (int h = 0; h < 30; h++) {
      clock.advance(Duration.ofHours(1));
      assertThatCode(() -> node.kit.mail().dispatchDue()).as("round at hour " + h).doesNotThrowAnyException();
    }
    assertThat(mailbox.all()).extracting(m -> m.to().toString()).containsExactlyInAnyOrder("dora@acme.com",
        "eve@acme.com");
    for (String id : ids) {
      OutboxEntry e = store.inTransaction(t -> t.outbox().find(id)).orElseThrow();
      assertThat(e.status()).as(id + " eventually given up").isEqualTo(OutboxEntry.Status.GAVE_UP);
      assertThat(e.payload()).as(id + " erased").isEmpty();
    }
    MailOutbox.DispatchCounts last = node.kit.mail().dispatchDue();
    assertThat(last.attempted()).isZero();
    other.close();
  }
}
