package dev.invitekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPEC §5: the builder's mail settings: outbox key, scheduler, retry. */
@DisplayName("SPEC §5: the builder's mail settings")
class MailSettingsTest {

  private static Invitekit.Builder builder() {
    return Invitekit.builder().store(mock(Store.class)).mail(m -> new DeliveryResult.Delivered(m.messageId()))
        .baseUrl(URI.create("https://app.example.com"));
  }

  @Test
  @DisplayName("SPEC §5: without an outbox key the builder warns that pending mail cannot survive a restart or move "
      + "to another node; with one it does not")
  void warnsWithoutOutboxKey() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      builder().manualMailDispatch().build().close();
      String withoutKey = captured.toString(StandardCharsets.UTF_8);
      captured.reset();
      builder().manualMailDispatch().outboxKey(new byte[32]).build().close();
      String withKey = captured.toString(StandardCharsets.UTF_8);

      assertThat(withoutKey).contains("WARN").contains("no outboxKey").contains("cannot survive a restart");
      assertThat(withKey).doesNotContain("outboxKey");
    } finally {
      System.setErr(err);
    }
  }

  @Test
  @DisplayName("SPEC §5: the outbox key is 32 bytes or an AES-256 SecretKey; retry (no wait past the give-up time) and "
      + "interval settings are checked")
  void checksSettings() {
    assertThatThrownBy(() -> builder().outboxKey(new byte[31])).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> builder().outboxKey(new SecretKeySpec(new byte[16], "AES"))).hasMessageContaining("256");
    assertThat(builder().outboxKey(new SecretKeySpec(new byte[32], "AES"))).isNotNull();
    assertThatThrownBy(() -> builder().mailRetry(Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(1)))
        .hasMessageContaining("mail retry");
    assertThatThrownBy(() -> builder().mailRetry(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofDays(31)))
        .hasMessageContaining("30 days");
    // review 17: an unbounded maxDelay overflowed the first backoff, after the invitation had committed
    assertThatThrownBy(() -> builder().mailRetry(Duration.ofSeconds(30), Duration.ofSeconds(Long.MAX_VALUE),
        Duration.ofDays(1))).hasMessageContaining("maxDelay <= giveUpAfter");
    assertThatThrownBy(() -> builder().mailRetry(Duration.ofSeconds(30), Duration.ofHours(25), Duration.ofDays(1)))
        .hasMessageContaining("maxDelay <= giveUpAfter");
    assertThat(builder().mailRetry(Duration.ofSeconds(30), Duration.ofDays(1), Duration.ofDays(1))).isNotNull();
    // review 19: a nanosecond's give-up dropped mail at its second attempt
    assertThatThrownBy(() -> builder().mailRetry(Duration.ofNanos(1), Duration.ofNanos(1), Duration.ofNanos(1)))
        .hasMessageContaining("1 second <= baseDelay");
    assertThatThrownBy(() -> builder().mailRetry(Duration.ofMillis(999), Duration.ofSeconds(5), Duration.ofHours(1)))
        .hasMessageContaining("1 second <= baseDelay");
    assertThatThrownBy(() -> builder().mailRetry(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(59)))
        .hasMessageContaining("from 1 minute to 30 days");
    assertThat(builder().mailRetry(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(1))).isNotNull();
    assertThatThrownBy(() -> builder().mailDispatchInterval(Duration.ofMillis(10))).hasMessageContaining("interval");
  }

  @Test
  @DisplayName("SPEC §5: close() shuts down the scheduler Invitekit owns, and leaves the app's own one running")
  void closeStopsOnlyOwnScheduler() throws Exception {
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    Invitekit owning = builder().outboxKey(new byte[32]).build();
    Thread dispatcher = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
        .filter(t -> t.getName().equals("invitekit-mail-dispatcher")).findFirst().orElseThrow();
    assertThat(dispatcher.isDaemon()).isTrue();
    owning.close();
    dispatcher.join(5_000);
    assertThat(dispatcher.isAlive()).as("the owned dispatcher thread ends on close()").isFalse();
    ScheduledExecutorService app = Executors.newSingleThreadScheduledExecutor();
    try {
      builder().outboxKey(new byte[32]).mailScheduler(app).build().close();
      assertThat(app.isShutdown()).isFalse();
    } finally {
      app.shutdownNow();
    }
  }
}
