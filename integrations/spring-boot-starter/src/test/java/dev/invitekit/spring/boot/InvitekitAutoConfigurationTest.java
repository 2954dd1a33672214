package dev.invitekit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.event.EventListener;
import dev.invitekit.mail.memory.ConsoleMailSender;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.mail.smtp.SmtpMailSender;
import dev.invitekit.spi.mail.MailSender;
import dev.invitekit.spi.store.Store;
import dev.invitekit.store.jdbc.JdbcStore;
import dev.invitekit.store.memory.InMemoryStore;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Each condition and back-off of {@link InvitekitAutoConfiguration} (issue 10 part 1). */
@ExtendWith(OutputCaptureExtension.class)
class InvitekitAutoConfigurationTest {

  static final ApplicationContextRunner RUNNER = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(InvitekitAutoConfiguration.class))
      .withPropertyValues("invitekit.base-url=https://app.example.com",
          "invitekit.password.hashing.insecure-fast-for-tests-only=true",
          "invitekit.mail.manual-dispatch=true");

  static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:starter-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  @Test
  void withoutDataSourceOrSmtpTheInMemoryStoreAndConsoleSenderWarn_issue10(CapturedOutput output) {
    RUNNER.run(context -> {
      assertThat(context).hasSingleBean(Invitekit.class);
      assertThat(context.getBean(Store.class)).isInstanceOf(InMemoryStore.class);
      assertThat(context.getBean(MailSender.class)).isInstanceOf(ConsoleMailSender.class);
      assertThat(output).contains("Invitekit runs on the IN-MEMORY store")
          .contains("spring-boot-starter-jdbc")
          .contains("Invitekit PRINTS MAIL TO THE CONSOLE")
          .contains("invitekit.mail.smtp.host");
    });
  }

  @Test
  void aDataSourceGivesAJdbcStoreWithItsMigrationsApplied_issue10() {
    RUNNER.withBean(DataSource.class, InvitekitAutoConfigurationTest::h2).run(context -> {
      assertThat(context).hasNotFailed();
      JdbcStore store = context.getBean(JdbcStore.class);
      assertThat(store.tablePrefix()).isEqualTo("invitekit_");
      try (var c = context.getBean(DataSource.class).getConnection();
          var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM invitekit_schema_version")) {
        rs.next();
        assertThat(rs.getInt(1)).isPositive();
      }
    });
  }

  @Test
  void withoutTheJdbcAdapterADataSourceLeavesTheInMemoryStoreAndSaysWhatToAdd_issue10(CapturedOutput output) {
    RUNNER.withClassLoader(new FilteredClassLoader(JdbcStore.class))
        .withBean(DataSource.class, InvitekitAutoConfigurationTest::h2)
        .run(context -> {
          assertThat(context.getBean(Store.class)).isInstanceOf(InMemoryStore.class);
          assertThat(output).contains("add dev.invitekit:invitekit-store-jdbc");
        });
  }

  @Test
  void twoDataSourcesWithoutAPrimaryLeaveTheChoiceToTheApp_issue10(CapturedOutput output) {
    RUNNER.withBean("one", DataSource.class, InvitekitAutoConfigurationTest::h2)
        .withBean("two", DataSource.class, InvitekitAutoConfigurationTest::h2)
        .run(context -> {
          assertThat(context.getBean(Store.class)).isInstanceOf(InMemoryStore.class);
          assertThat(output).contains("mark one of your 2 DataSources @Primary");
        });
  }

  @Test
  void invitekitSmtpPropertiesGiveAnSmtpSender_issue10() {
    RUNNER.withPropertyValues("invitekit.mail.smtp.host=smtp.example.com", "invitekit.mail.smtp.port=2525",
        "invitekit.mail.smtp.from=invites@example.com", "invitekit.mail.smtp.username=u",
        "invitekit.mail.smtp.password=secret-pw").run(context -> {
          assertThat(context).hasNotFailed();
          SmtpMailSender smtp = context.getBean(SmtpMailSender.class);
          assertThat(smtp.toString()).contains("smtp.example.com").contains("2525").doesNotContain("secret-pw");
        });
  }

  @Test
  void bootsSpringMailPropertiesGiveAnSmtpSender_issue10() {
    RUNNER.withPropertyValues("spring.mail.host=mail.example.org", "spring.mail.port=465",
        "spring.mail.protocol=smtps", "invitekit.mail.smtp.from=invites@example.com").run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(SmtpMailSender.class).toString()).contains("mail.example.org").contains("465");
        });
  }

  @Test
  void withoutTheSmtpAdapterAHostLeavesTheConsoleSenderAndSaysWhatToAdd_issue10(CapturedOutput output) {
    RUNNER.withClassLoader(new FilteredClassLoader(SmtpMailSender.class))
        .withPropertyValues("spring.mail.host=mail.example.org")
        .run(context -> {
          assertThat(context.getBean(MailSender.class)).isInstanceOf(ConsoleMailSender.class);
          assertThat(output).contains("add dev.invitekit:invitekit-mail-smtp");
        });
  }

  @Test
  void theAppsStoreMailSenderAndKitWin_issue10() {
    InMemoryStore store = new InMemoryStore();
    RecordingMailbox mailbox = new RecordingMailbox();
    RUNNER.withBean(DataSource.class, InvitekitAutoConfigurationTest::h2)
        .withBean(Store.class, () -> store)
        .withBean(MailSender.class, () -> mailbox)
        .withPropertyValues("invitekit.mail.smtp.host=smtp.example.com", "invitekit.mail.smtp.from=a@example.com")
        .run(context -> {
          assertThat(context).hasSingleBean(Store.class).hasSingleBean(MailSender.class)
              .doesNotHaveBean(JdbcStore.class).doesNotHaveBean(SmtpMailSender.class);
          assertThat(context.getBean(Store.class)).isSameAs(store);
          assertThat(context.getBean(MailSender.class)).isSameAs(mailbox);
        });
    RUNNER.withUserConfiguration(OwnKit.class).run(context -> {
      assertThat(context).hasSingleBean(Invitekit.class);
      assertThat(context.getBean(Invitekit.class)).isSameAs(context.getBean(OwnKit.class).kit);
      // the app's kit has its own store and sender: the starter builds none (and warns about none)
      assertThat(context).doesNotHaveBean(Store.class).doesNotHaveBean(MailSender.class);
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnKit {
    final Invitekit kit = Invitekit.builder().store(new InMemoryStore()).mail(new RecordingMailbox())
        .baseUrl(java.net.URI.create("https://own.example.com")).manualMailDispatch().build();

    @Bean(destroyMethod = "close")
    Invitekit invitekit() {
      return kit;
    }
  }

  @Test
  void theKitIsClosedWithTheContextWhichStopsScheduledDispatch_issue10() {
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    scheduler.setRemoveOnCancelPolicy(true);
    try {
      RUNNER.withPropertyValues("invitekit.mail.manual-dispatch=false")
          .withBean(InvitekitBuilderCustomizer.class, () -> builder -> builder.mailScheduler(scheduler))
          .run(context -> {
            assertThat(context).hasSingleBean(Invitekit.class);
            assertThat(scheduler.getQueue()).hasSize(1);   // the kit's dispatch task
          });
      assertThat(scheduler.getQueue()).isEmpty();         // cancelled by Invitekit.close()
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void everyEventListenerBeanAndCustomizerIsApplied_issue10() {
    EventListener listener = event -> {};
    RUNNER.withBean(EventListener.class, () -> listener)
        .withBean(InvitekitBuilderCustomizer.class, () -> builder -> builder.productName("Customized"))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Invitekit.class));
  }
}
