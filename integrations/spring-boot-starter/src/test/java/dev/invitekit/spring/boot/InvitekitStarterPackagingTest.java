package dev.invitekit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What makes the jar a starter: the auto-configuration registration, the failure analyzer, and the property
 * metadata IDEs complete from, with a description for every property (issue 10 part 1).
 */
class InvitekitStarterPackagingTest {

  private static String resource(String name) throws Exception {
    try (InputStream in = InvitekitStarterPackagingTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theAutoConfigurationAndFailureAnalyzerAreRegistered_issue10() throws Exception {
    assertThat(resource("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports").strip())
        .isEqualTo(InvitekitAutoConfiguration.class.getName());
    assertThat(resource("META-INF/spring.factories")).contains(InvitekitPropertyFailureAnalyzer.class.getName());
  }

  @Test
  void everyPropertyHasGeneratedMetadataWithADescription_issue10() throws Exception {
    com.fasterxml.jackson.databind.JsonNode metadata =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(resource("META-INF/spring-configuration-metadata.json"));
    java.util.Map<String, String> descriptions = new java.util.TreeMap<>();
    metadata.get("properties").forEach(p -> descriptions.put(p.get("name").asText(),
        p.has("description") ? p.get("description").asText() : ""));
    assertThat(descriptions).containsKeys("invitekit.base-url", "invitekit.outbox-key", "invitekit.paths.invitation",
        "invitekit.password.minimum-length", "invitekit.password.hashing.memory-kib", "invitekit.contacts.cache.ttl",
        "invitekit.token-attempts.window", "invitekit.mail.retry.give-up-after", "invitekit.mail.smtp.host",
        "invitekit.store.jdbc.migrate", "invitekit.health.max-overdue", "management.health.invitekit.enabled");
    // the processor copies each field's javadoc: none may be missing
    assertThat(descriptions).allSatisfy((name, description) -> assertThat(description).as(name).isNotBlank());
    // the floors the startup check enforces, where an IDE shows them (review 20)
    assertThat(descriptions.get("invitekit.mail.retry.base-delay")).contains("at least 1 second");
    assertThat(descriptions.get("invitekit.mail.retry.give-up-after")).contains("1 minute to 30 days")
        .contains("at least max-delay");
    assertThat(descriptions.get("invitekit.mail.retry.max-delay")).contains("at most give-up-after");
  }
}
