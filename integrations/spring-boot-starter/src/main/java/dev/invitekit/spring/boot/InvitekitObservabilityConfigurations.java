package dev.invitekit.spring.boot;

import dev.invitekit.spi.store.Store;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer meters and the Actuator health indicator, each when its library is on the class path and there is
 * one Store bean (the starter's, or the app's) to read the outbox from.
 */
final class InvitekitObservabilityConfigurations {
  private InvitekitObservabilityConfigurations() {}

  /** The outbox counts shared by the meters and the health indicator (cached for 10 seconds). */
  static OutboxCounts outboxCounts(Store store) {
    return new OutboxCounts(store, Clock.systemUTC(), Duration.ofSeconds(10));
  }

  /** {@link InvitekitMetrics}, bound by Boot to every meter registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterBinder.class)
  @ConditionalOnSingleCandidate(Store.class)
  static class Metrics {

    @Bean
    @ConditionalOnMissingBean
    InvitekitMetrics invitekitMetrics(Store store) {
      return new InvitekitMetrics(outboxCounts(store));
    }
  }

  /**
   * The {@code invitekit} health contributor, when spring-boot-health is present;
   * {@code management.health.invitekit.enabled=false} turns it off. The annotation that reads that property
   * lives in spring-boot-health, so it sits on a nested class, evaluated only once the outer class's
   * condition found the library.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnSingleCandidate(Store.class)
  static class HealthIndicator {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("invitekit")
    static class Enabled {

      @Bean(name = "invitekitHealthIndicator")
      @ConditionalOnMissingBean(name = "invitekitHealthIndicator")
      InvitekitOutboxHealthIndicator invitekitHealthIndicator(Store store, InvitekitProperties properties) {
        return new InvitekitOutboxHealthIndicator(outboxCounts(store), Clock.systemUTC(),
            properties.getHealth().getMaxOverdue());
      }
    }
  }
}
