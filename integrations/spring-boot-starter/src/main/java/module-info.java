/**
 * Invitekit's Spring Boot starter: auto-configures one {@link dev.invitekit.Invitekit} from {@code invitekit.*}
 * properties and what the app already has (docs/spring-boot.md). Spring Boot's jars are automatic modules.
 * The adapters and observability libraries are optional ({@code requires static}): each configuration that
 * uses one is guarded by {@code @ConditionalOnClass}. The app's Flyway, if any, is read by reflection: Flyway's
 * jar has no module name to require.
 */
module dev.invitekit.spring.boot {
  requires transitive dev.invitekit.core;        // Invitekit, Store, MailSender, EventListener in our API
  requires dev.invitekit.store.memory;           // the fallback store
  requires dev.invitekit.mail.memory;            // the fallback (console) sender
  requires static dev.invitekit.store.jdbc;      // JdbcStore on the app's DataSource, when present
  requires static dev.invitekit.mail.smtp;       // SmtpMailSender, when present
  requires java.sql;                             // DataSource
  requires org.slf4j;                            // the production warnings; never a binding
  requires transitive spring.boot;               // @ConfigurationProperties, failure analysis
  requires transitive spring.boot.autoconfigure; // @AutoConfiguration and the conditions on our public classes
  requires transitive spring.beans;              // ObjectProvider in the auto-configuration's bean methods
  requires transitive spring.context;            // @Bean, @Import on our public classes
  requires spring.core;
  requires static spring.boot.sql;               // @DependsOnDatabaseInitialization
  requires static spring.boot.health;            // the outbox HealthIndicator
  requires static micrometer.core;               // the meters

  exports dev.invitekit.spring.boot;

  // Spring instantiates the package-private configuration classes and calls their @Bean methods.
  opens dev.invitekit.spring.boot to spring.core, spring.beans, spring.context;
}
