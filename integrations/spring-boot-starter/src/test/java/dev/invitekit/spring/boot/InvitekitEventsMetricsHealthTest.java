package dev.invitekit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailSender;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.Store;
import dev.invitekit.store.memory.InMemoryStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Events as Spring application events, Micrometer meters and the outbox health indicator (issue 10 part 1). */
class InvitekitEventsMetricsHealthTest {

  private static final ApplicationContextRunner RUNNER = InvitekitAutoConfigurationTest.RUNNER
      .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
      .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

  /** Collects what the app would receive with {@code @EventListener}. */
  @Configuration(proxyBeanMethods = false)
  static class Listening {
    final List<InvitekitEvent> received = new CopyOnWriteArrayList<>();

    @EventListener
    void on(InvitekitEvent event) {
      received.add(event);
    }

    @Bean
    MailSender mailbox() {
      return new RecordingMailbox();
    }
  }

  @Test
  void committedEventsArePublishedAsSpringApplicationEvents_issue10() {
    RUNNER.withUserConfiguration(Listening.class).run(context -> {
      Invitekit kit = context.getBean(Invitekit.class);
      FounderConfirmation.Confirmed acme = Acme.create(kit, context.getBean(Store.class));
      Acme.invite(kit, acme, "bob@acme.com");
      List<InvitekitEvent> received = context.getBean(Listening.class).received;
      assertThat(received).hasAtLeastOneElementOfType(InvitekitEvent.AccountCreated.class)
          .hasAtLeastOneElementOfType(InvitekitEvent.Invited.class);
      assertThat(received).allSatisfy(e -> assertThat(e.accountId()).isEqualTo(acme.account().id()));
    });
  }

  @Test
  void metersAreRegisteredAndCountInvitationsAndTimeDeliveries_issue10() {
    RUNNER.withUserConfiguration(Listening.class).run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(registry.find("invitekit.invitations.sent").counters()).hasSize(2);
      assertThat(registry.find("invitekit.invitations.accepted").counters()).hasSize(2);
      assertThat(registry.find("invitekit.invitations.refused").counters()).hasSize(4);
      assertThat(registry.find("invitekit.outbox.pending").gauge()).isNotNull();
      assertThat(registry.find("invitekit.outbox.given.up").gauge()).isNotNull();

      Invitekit kit = context.getBean(Invitekit.class);
      RecordingMailbox mailbox = (RecordingMailbox) context.getBean(MailSender.class);
      mailbox.failAlways(DeliveryResult.Failed.transientFailure("421 try later"));
      Acme.invite(kit, Acme.create(kit, context.getBean(Store.class)), "bob@acme.com");

      assertThat(registry.get("invitekit.invitations.sent").tag("via", "email").counter().count()).isEqualTo(1);
      assertThat(registry.get("invitekit.mail.delivery").tag("outcome", "transient_failure").timer().count())
          .isPositive();
      assertThat(registry.get("invitekit.outbox.pending").gauge().value()).isPositive();
      assertThat(registry.get("invitekit.outbox.given.up").gauge().value()).isZero();
    });
  }

  @Test
  void withoutMicrometerThereAreNoMeters_issue10() {
    InvitekitAutoConfigurationTest.RUNNER.withClassLoader(new FilteredClassLoader("io.micrometer"))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(InvitekitMetrics.class));
  }

  @Test
  void theHealthIndicatorReportsTheOutbox_issue10() {
    InvitekitAutoConfigurationTest.RUNNER.withUserConfiguration(Listening.class).run(context -> {
      InvitekitOutboxHealthIndicator health = context.getBean("invitekitHealthIndicator",
          InvitekitOutboxHealthIndicator.class);
      Health before = health.health(true);
      assertThat(before.getStatus()).isEqualTo(Status.UP);
      assertThat(before.getDetails()).containsEntry("pending", 0).containsEntry("givenUp", 0);
    });
    InvitekitAutoConfigurationTest.RUNNER.withPropertyValues("management.health.invitekit.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(InvitekitOutboxHealthIndicator.class));
    InvitekitAutoConfigurationTest.RUNNER
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("invitekitHealthIndicator"));
  }

  @Test
  void theHealthIndicatorIsDownWhenMailIsLongOverdueOrTheStoreFails_issue10() {
    Instant now = Instant.parse("2026-01-01T10:00:00Z");
    InMemoryStore store = new InMemoryStore();
    store.inTransaction(tx -> {
      tx.outbox().insert(OutboxEntry.pending("m1", null, null, null, "sealed", now.minus(Duration.ofMinutes(20))));
      return null;
    });
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    Health overdue = new InvitekitOutboxHealthIndicator(new OutboxCounts(store, clock, Duration.ZERO), clock,
        Duration.ofMinutes(15)).health(true);
    assertThat(overdue.getStatus()).isEqualTo(Status.DOWN);
    assertThat(overdue.getDetails()).containsEntry("pending", 1).containsEntry("oldestOverdue", "PT20M");

    Health patient = new InvitekitOutboxHealthIndicator(new OutboxCounts(store, clock, Duration.ZERO), clock,
        Duration.ofMinutes(30)).health(true);
    assertThat(patient.getStatus()).isEqualTo(Status.UP);

    Store broken = new Store() {
      @Override
      public <T> T inTransaction(java.util.function.Function<dev.invitekit.spi.store.StoreTransaction, T> work) {
        throw new IllegalStateException("database unreachable");
      }
    };
    Health down = new InvitekitOutboxHealthIndicator(new OutboxCounts(broken, clock, Duration.ZERO), clock,
        Duration.ofMinutes(15)).health(true);
    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
  }
}
