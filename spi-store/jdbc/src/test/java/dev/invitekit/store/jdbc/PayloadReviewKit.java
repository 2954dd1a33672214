package dev.invitekit.store.jdbc;

import dev.invitekit.Invitekit;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.spi.mail.MailSender;
import dev.invitekit.spi.mail.MailTemplates;
import dev.invitekit.spi.store.Store;
import dev.invitekit.store.tck.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** one node of an app on a given store, for the payload review tests. */
final class PayloadReviewKit {
  static final Instant NOW = Instant.parse("2025-03-10T09:00:00Z");
  static final String PASSWORD = KitOnJdbc.PASSWORD;
  static final LocalDate ADULT = KitOnJdbc.ADULT;
  static final byte[] KEY = new byte[32];

  final Invitekit kit;
  final RecordingMailbox mailbox;
  final MutableClock clock;
  final List<InvitekitEvent> events = new CopyOnWriteArrayList<>();

  PayloadReviewKit(Store store, RecordingMailbox mailbox, MutableClock clock, @Nullable MailTemplates templates,
      @Nullable MailSender sender) {
    this.mailbox = mailbox;
    this.clock = clock;
    Invitekit.Builder b = Invitekit.builder()
        .store(store)
        .mail(sender == null ? mailbox : sender)
        .addListener(events::add)
        .baseUrl(URI.create("https://app.example.com"))
        .clock(clock)
        .outboxKey(KEY)
        .manualMailDispatch()
        .mailRetry(Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofHours(24))
        .passwordHashing(PasswordHashing.insecureFastForTestsOnly());
    if (templates != null) {
      b.mailTemplates(templates);
    }
    this.kit = b.build();
  }

  FounderConfirmation.Confirmed createAcme(int seats) {
    return KitOnJdbc.createAcme(kit, mailbox, seats);
  }
}
