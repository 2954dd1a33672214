package dev.invitekit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.store.memory.InMemoryStore;
import dev.invitekit.store.tck.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Change 2 of round 3: sealed payloads written through a per-thread buffer. */
class OutboxSealReviewTest {

  private static String big(int kb, String seed) {
    StringBuilder b = new StringBuilder();
    String unit = seed + " Ünïcødé 日本語 😀 \u0000x \uD83D\uDE00 <>&\"' \\ \n";
    while (b.length() < kb * 1024) {
      b.append(unit);
    }
    return b.toString();
  }

  @Test
  void pendingMailIsDeliveredExactlyAsComposedAcrossThreadsAndKits() throws Exception {
    MutableClock clock = new MutableClock(ReviewKit.NOW);
    InMemoryStore store = new InMemoryStore();
    RecordingMailbox box = new RecordingMailbox();
    byte[] key = new byte[32];
    key[3] = 7;
    try (ReviewKit k = new ReviewKit("Acme 日本 😀", "Ádá", b -> b.clock(clock).outboxKey(key), store, box, true)) {
      k.templates.put("invitation.html", "<p>{email}</p>" + big(120, "H") + "<a href=\"{link}\">x</a>{accountName}");
      k.templates.put("invitation.text", big(90, "T") + "{link} {email} {accountName}");
      k.templates.put("invitation.subject", "Für {email} — {accountName} 😀");
      box.clear();
      box.failAlways(DeliveryResult.Failed.transientFailure("down"));
      int threads = 8;
      int each = 4;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int tt = t;
        fs.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < each; i++) {
            String to = "u" + tt + "x" + i + "@acme.com";
            InviteResult r = k.invite(to);
            assertThat(((InviteResult.InviteReport) r).outcomes()).singleElement().isInstanceOf(AddressOutcome.Invited.class);
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : fs) {
        f.get();
      }
      List<MailMessage> composed = box.failedAttempts();
      assertThat(composed).hasSize(threads * each);
      for (MailMessage m : composed) {
        assertThat(m.subject()).isEqualTo("Für " + m.to() + " — Acme 日本 😀 😀");
        assertThat(m.html()).contains("<p>" + m.to() + "</p>");
      }
      Map<String, MailMessage> byId = composed.stream().collect(Collectors.toMap(MailMessage::messageId, Function.identity()));
      box.recover();
      clock.advance(Duration.ofHours(1));
      // a second kit on the same store and key
      try (Invitekit other = Invitekit.builder().store(store).mail(box).baseUrl(java.net.URI.create("https://app.example.com"))
          .clock(clock).passwordHashing(dev.invitekit.secret.PasswordHashing.insecureFastForTestsOnly()).manualMailDispatch()
          .outboxKey(key).mailTemplates((kk, l) -> "WRONG {link}").build()) {
        CountDownLatch go2 = new CountDownLatch(1);
        List<Future<?>> ds = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          Invitekit which = t % 2 == 0 ? k.kit : other;
          ds.add(pool.submit(() -> {
            go2.await();
            which.mail().dispatchDue();
            return null;
          }));
        }
        go2.countDown();
        for (Future<?> f : ds) {
          f.get();
        }
        for (int i = 0; i < 3; i++) {
          clock.advance(Duration.ofHours(1));
          other.mail().dispatchDue();
        }
      }
      pool.shutdown();
      List<MailMessage> delivered = box.all();
      assertThat(delivered.stream().map(MailMessage::messageId).toList()).containsExactlyInAnyOrderElementsOf(byId.keySet());
      for (MailMessage d : delivered) {
        MailMessage c = byId.get(d.messageId());
        assertThat(d.to()).isEqualTo(c.to());
        assertThat(d.toName()).isEqualTo(c.toName());
        assertThat(d.kind()).isEqualTo(c.kind());
        assertThat(d.subject()).isEqualTo(c.subject());
        assertThat(d.text()).isEqualTo(c.text());
        assertThat(d.html()).isEqualTo(c.html());
        assertThat(d.actionUrl()).isEqualTo(c.actionUrl());
        assertThat(d.headers()).isEqualTo(c.headers());
      }
      // no token anywhere in the store after delivery
      Set<String> tokens = composed.stream().map(m -> RecordingMailbox.tokenOf(m.actionUrl())).collect(Collectors.toSet());
      List<String> found = scan(store, tokens);
      assertThat(found).isEmpty();
    }
  }

  @Test
  void tokenNeverInTheStoreWhilePending() throws Exception {
    InMemoryStore store = new InMemoryStore();
    RecordingMailbox box = new RecordingMailbox();
    try (ReviewKit k = new ReviewKit("Acme", "Ada", b -> b, store, box, true)) {
      box.failAlways(DeliveryResult.Failed.transientFailure("down"));
      k.invite("bob@acme.com");
      k.invite("carl@acme.com, dan@acme.com");
      Set<String> tokens = box.failedAttempts().stream().map(m -> RecordingMailbox.tokenOf(m.actionUrl()))
          .collect(Collectors.toSet());
      assertThat(tokens).hasSize(3);
      assertThat(scan(store, tokens)).isEmpty();
    }
  }

  /** Reads every outbox entry and the account's invitations through the store SPI, looking for a token. */
  static List<String> scan(dev.invitekit.spi.store.Store store, Set<String> tokens) {
    List<String> hits = new ArrayList<>();
    store.inTransaction(tx -> {
      for (dev.invitekit.spi.store.OutboxEntry.Status st : dev.invitekit.spi.store.OutboxEntry.Status.values()) {
        for (dev.invitekit.spi.store.OutboxEntry e : tx.outbox().inStatus(st, 10_000)) {
          check(e.toString(), tokens, hits);
          check(e.payload(), tokens, hits);
          check(String.valueOf(e.lastError()), tokens, hits);
          if (e.payload().matches("v[0-9]+\\..*")) {
            byte[] raw = java.util.Base64.getUrlDecoder().decode(e.payload().substring(3));
            check(new String(raw, StandardCharsets.ISO_8859_1), tokens, hits);
            if (st != dev.invitekit.spi.store.OutboxEntry.Status.PENDING) {
              hits.add("final entry " + e.id() + " " + st + " still holds its sealed payload");
            }
          }
          if (e.accountId() != null) {
            for (var inv : tx.invitations().ofAccount(e.accountId())) {
              check(inv.toString(), tokens, hits);
            }
          }
        }
      }
      return null;
    });
    return hits;
  }

  private static void check(String s, Set<String> tokens, List<String> hits) {
    for (String t : tokens) {
      if (s.contains(t)) {
        hits.add(s.length() > 200 ? s.substring(0, 200) : s);
      }
    }
  }
}
