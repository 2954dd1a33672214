package dev.invitekit.examples.quickstart.snippets;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.Invitekit;
import dev.invitekit.spi.mail.MailSender;
import dev.invitekit.store.jdbc.Dialect;
import dev.invitekit.store.jdbc.JdbcStore;
import dev.invitekit.store.jdbc.Migrations;
import java.net.URI;
import java.util.List;
import javax.sql.DataSource;

/** The code docs/operations.md shows: a JDBC store on a pool, its schema, and Invitekit on it. */
public final class Operations {
  private Operations() {}

  /** A pool and a JDBC store on PostgreSQL, its schema applied by the built-in migrator. */
  public static JdbcStore postgres(String url, String user, String password) {
    // tag::pool[]
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);                      // jdbc:postgresql://db.internal:5432/app
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(10);               // see "Pool sizing"
    DataSource dataSource = new HikariDataSource(config);

    JdbcStore store = JdbcStore.builder(dataSource)
        .tablePrefix("invitekit_")               // the default; every table and index name starts with it
        .build();                                // the dialect is read from the connection's metadata
    store.migrate();                             // applies what is missing; harmless on every start
    // end::pool[]
    return store;
  }

  /** Invitekit on a JDBC store. */
  public static Invitekit kit(JdbcStore store, MailSender mail) {
    // tag::kit[]
    Invitekit kit = Invitekit.builder()
        .store(store)
        .mail(mail)
        .baseUrl(URI.create("https://app.example.com"))
        .build();
    // end::kit[]
    return kit;
  }

  /** An embedded H2 file: one process, no server. */
  public static JdbcStore h2(String path) {
    // tag::h2[]
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:file:" + path);   // or jdbc:h2:mem:invitekit;DB_CLOSE_DELAY=-1 for tests
    config.setMaximumPoolSize(4);
    JdbcStore store = JdbcStore.builder(new HikariDataSource(config)).build();
    store.migrate();
    // end::h2[]
    return store;
  }

  /** The migrator without a store, for a deploy step that owns the schema. */
  public static List<Integer> migrateOnly(DataSource dataSource) {
    // tag::migrate[]
    List<Integer> applied = Migrations.apply(dataSource, Dialect.POSTGRESQL, "invitekit_");
    // end::migrate[]
    return applied;
  }
}
