package dev.invitekit.examples.quickstart.snippets;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Token;
import dev.invitekit.mail.memory.ConsoleMailSender;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.mail.smtp.SmtpMailSender;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.store.jdbc.JdbcStore;
import dev.invitekit.store.memory.InMemoryStore;
import java.net.URI;
import javax.sql.DataSource;

/**
 * The examples the public types' javadoc shows ({@code <pre>{@code …}</pre>} blocks in core and the
 * providers), compiled here so that they cannot drift from the API: DocSnippetsTest checks that every such
 * block equals its region (issue 9.15).
 */
public final class ApiDocs {
  private ApiDocs() {}

  /** The facade on the in-memory defaults, as {@link Invitekit}'s javadoc shows it. */
  public static Invitekit invitekit() {
    // tag::invitekit[]
    Invitekit kit = Invitekit.builder()
        .store(new InMemoryStore())
        .mail(new ConsoleMailSender())
        .baseUrl(URI.create("https://app.example.com"))
        .build();
    // end::invitekit[]
    return kit;
  }

  /** An SMTP sender, as {@link SmtpMailSender}'s javadoc shows it. */
  public static SmtpMailSender smtp() {
    // tag::smtp[]
    SmtpMailSender smtp = SmtpMailSender.builder()
        .host("smtp.example.com").port(587)
        .auth("invites@example.com", System.getenv("SMTP_PASSWORD"))
        .from("invites@example.com", "Example Invites")
        .build();
    // end::smtp[]
    return smtp;
  }

  /** Reading the link of an invitation mail in a test, as {@link RecordingMailbox}'s javadoc shows it. */
  public static PreviewResult recording(Invitekit kit) {
    // tag::recording[]
    RecordingMailbox mailbox = new RecordingMailbox();
    // build the kit with .mail(mailbox), then invite bob@acme.com
    URI link = mailbox.lastLink("bob@acme.com").orElseThrow();
    PreviewResult preview = kit.signup().preview(Token.of(RecordingMailbox.tokenOf(link)));
    // end::recording[]
    return preview;
  }

  /** A JDBC store on the application's pool, as {@link JdbcStore}'s javadoc shows it. */
  public static JdbcStore jdbcStore(DataSource dataSource) {
    // tag::jdbc-store[]
    JdbcStore store = JdbcStore.builder(dataSource).tablePrefix("invitekit_").build();
    store.migrate();   // or let the application's Flyway apply db/migration/postgresql
    // end::jdbc-store[]
    return store;
  }
}
