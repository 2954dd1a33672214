package dev.invitekit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A bad {@code invitekit.*} value stops the start with a failure that names the property (issue 10 part 1). */
class InvitekitPropertyValidationTest {

  private static final ApplicationContextRunner RUNNER = InvitekitAutoConfigurationTest.RUNNER;

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "invitekit.base-url                         | ''                     | is required",
      "invitekit.base-url                         | ftp://files.example.com | absolute http(s) URL",
      "invitekit.base-url                         | /relative              | absolute http(s) URL",
      "invitekit.base-url                         | https://a.example.com/?q=1 | no query",
      "invitekit.base-url                         | https://ann:p^ss@app.example/ | not a valid URL",
      "invitekit.base-url                         | https://ann:s3cret@my_host.example/ | user info",
      "invitekit.product-name                     | '   '                  | 1 to 100 characters",
      "invitekit.paths.invitation                 | /invite                | contain {token}",
      "invitekit.paths.link                       | join/{token}           | must start with /",
      "invitekit.paths.sign-in                    | sign-in                | must start with /",
      "invitekit.password.minimum-length          | 7                      | 8 to 64",
      "invitekit.password.minimum-length          | 12                     | second-factor-enforced=true",
      "invitekit.password.hashing.memory-kib      | 1024                   | at least 19456",
      "invitekit.password.hashing.iterations      | 1                      | at least 2",
      "invitekit.password.hashing.parallelism     | 17                     | 1 to 16",
      "invitekit.contacts.cache.ttl               | 2h                     | at most an hour",
      "invitekit.contacts.cache.maximum-accounts  | 0                      | at least 1",
      "invitekit.token-attempts.per-client        | 0                      | at least 1",
      "invitekit.token-attempts.global            | 5                      | at least the per-client limit",
      "invitekit.token-attempts.window            | 2d                     | one second to a day",
      "invitekit.mail.dispatch-interval           | 10ms                   | 100 ms to 1 hour",
      "invitekit.mail.retry.base-delay            | 0s                     | at least 1 second",
      "invitekit.mail.retry.base-delay            | 500ms                  | at least 1 second",
      "invitekit.mail.retry.give-up-after         | 30s                    | from 1 minute to 30 days",
      "invitekit.mail.retry.max-delay             | 1s                     | at least invitekit.mail.retry.base-delay",
      "invitekit.mail.retry.give-up-after         | 31d                    | from 1 minute to 30 days",
      "invitekit.outbox-key                       | c2hvcnQ=               | 32 bytes",
      "invitekit.outbox-key                       | not*base64!            | not Base64",
      // the starter's tests have no argon2-jvm on the class path, so the native Argon2id cannot be forced
      "invitekit.password.hashing.implementation  | native                 | argon2-jvm is not on the class path",
  })
  void aBadValueStopsTheStartNamingTheProperty_issue10(String property, String value, String reason) {
    // the real hashing, so that its parameters are checked (the runner's test-only hashing ignores them)
    RUNNER.withPropertyValues(property + "=" + value, "invitekit.password.hashing.insecure-fast-for-tests-only=false")
        .run(context -> {
      assertThat(context).hasFailed();
      Throwable failure = context.getStartupFailure();
      InvalidInvitekitPropertyException cause = find(failure);
      assertThat(cause).as("cause chain of %s", failure).isNotNull();
      assertThat(cause.property()).isEqualTo(property);
      assertThat(cause.getMessage()).contains(property).contains(reason);
      FailureAnalysis analysis = new InvitekitPropertyFailureAnalyzer().analyze(failure);
      assertThat(analysis.getDescription()).contains(property);
      assertThat(analysis.getAction()).contains(property);
      if (property.equals("invitekit.outbox-key") || value.contains("@")) {
        assertThat(cause.getMessage()).doesNotContain(value);   // a secret is never repeated
      }
    });
  }

  @ParameterizedTest(name = "implementation={0}")
  @ValueSource(strings = {"auto", "pure-java", "PURE_JAVA"})
  void theArgon2ImplementationsThatCanRunHereStart_S4_issue12(String value) {
    RUNNER.withPropertyValues("invitekit.password.hashing.implementation=" + value,
        "invitekit.password.hashing.insecure-fast-for-tests-only=false")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(dev.invitekit.Invitekit.class));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "invitekit.store.jdbc.table-prefix | Bad-Prefix | table prefix",
      "invitekit.store.jdbc.max-attempts | 0          | at least 1",
  })
  void aBadJdbcStoreValueStopsTheStartNamingTheProperty_issue10(String property, String value, String reason) {
    RUNNER.withBean(javax.sql.DataSource.class, InvitekitAutoConfigurationTest::h2)
        .withPropertyValues(property + "=" + value).run(context -> {
          InvalidInvitekitPropertyException cause = find(context.getStartupFailure());
          assertThat(cause).isNotNull();
          assertThat(cause.getMessage()).contains(property).containsIgnoringCase(reason);
        });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "invitekit.mail.smtp.from     | invitekit.mail.smtp.host=smtp.example.com                                   | is required",
      "invitekit.mail.smtp.from     | invitekit.mail.smtp.host=smtp.example.com,invitekit.mail.smtp.from=not-an-address | from address",
      "invitekit.mail.smtp.port     | invitekit.mail.smtp.host=smtp.example.com,invitekit.mail.smtp.port=70000     | 1 to 65535",
      "spring.mail.host             | spring.mail.host=bad host,invitekit.mail.smtp.from=a@example.com          | host name",
      "invitekit.mail.smtp.password | invitekit.mail.smtp.host=smtp.example.com,invitekit.mail.smtp.from=a@example.com,invitekit.mail.smtp.username=u | is required",
      "invitekit.mail.smtp.read-timeout | invitekit.mail.smtp.host=smtp.example.com,invitekit.mail.smtp.from=a@example.com,invitekit.mail.smtp.read-timeout=10m | at most 5 minutes",
  })
  void aBadSmtpValueStopsTheStartNamingTheProperty_issue10(String property, String settings, String reason) {
    RUNNER.withPropertyValues(settings.split(",")).run(context -> {
      InvalidInvitekitPropertyException cause = find(context.getStartupFailure());
      assertThat(cause).as("%s", context.getStartupFailure()).isNotNull();
      assertThat(cause.property()).isEqualTo(property);
      assertThat(cause.getMessage()).contains(reason);
    });
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "invitekit.zone                   | Mars/Olympus",
      "invitekit.contacts.cache.ttl     | soon",
      "invitekit.mail.smtp.security     | TLS_MAYBE",
  })
  void aValueOfTheWrongTypeStopsTheStartNamingTheProperty_issue10(String property, String value) {
    RUNNER.withPropertyValues(property + "=" + value, "invitekit.mail.smtp.host=h.example.com",
        "invitekit.mail.smtp.from=a@example.com").run(context -> {
          assertThat(context).hasFailed();
          List<String> messages = new ArrayList<>();
          for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
          }
          assertThat(String.join("\n", messages)).contains(property);
        });
  }

  static InvalidInvitekitPropertyException find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidInvitekitPropertyException e) {
        return e;
      }
    }
    return null;
  }
}
