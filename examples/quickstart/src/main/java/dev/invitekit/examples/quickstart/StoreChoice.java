package dev.invitekit.examples.quickstart;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.spi.store.Store;
import dev.invitekit.store.jdbc.JdbcStore;
import dev.invitekit.store.memory.InMemoryStore;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which store the walkthrough runs on: the in-memory store by default; {@code --h2 PATH} for an H2
 * database file; {@code --pg URL} (or the environment variable {@code INVITEKIT_PG_URL}) for PostgreSQL,
 * with {@code INVITEKIT_PG_USER} and {@code INVITEKIT_PG_PASSWORD} as its credentials. A JDBC store gets
 * its schema applied and a table prefix of its own for each run, so runs on one database never collide.
 */
final class StoreChoice implements AutoCloseable {
  static final String USAGE = """
      usage: Quickstart [--h2 PATH | --pg JDBC_URL] [--smtp HOST:PORT]
        (no flag)      the in-memory store; INVITEKIT_PG_URL, when set, picks PostgreSQL
        --smtp H:P     also send every message to that SMTP relay (or INVITEKIT_SMTP_HOST/_PORT)
        --h2 PATH      an H2 database file at PATH (created when missing)
        --pg JDBC_URL  PostgreSQL, e.g. jdbc:postgresql://localhost:5432/app; credentials from
                       INVITEKIT_PG_USER and INVITEKIT_PG_PASSWORD
      with Maven: mvn -B -q -pl examples/quickstart exec:java -Dexec.args="--h2 target/quickstart-db\"""";

  private final Store store;
  private final String description;
  private final @Nullable HikariDataSource pool;

  private StoreChoice(Store store, String description, @Nullable HikariDataSource pool) {
    this.store = store;
    this.description = description;
    this.pool = pool;
  }

  /**
   * The store the arguments and environment ask for.
   *
   * @throws IllegalArgumentException naming the flag that is unknown or lacks its value
   */
  static StoreChoice from(String[] args, Map<String, String> environment) {
    Objects.requireNonNull(args, "args");
    String h2 = null;
    String pg = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.startsWith("--smtp=")) {
        continue;                                   // the mail relay: Quickstart.smtpRelay reads it
      }
      if (!flag.equals("--h2") && !flag.equals("--pg") && !flag.equals("--smtp")) {
        throw new IllegalArgumentException("unknown flag " + flag);
      }
      if (i + 1 >= args.length || args[i + 1].isBlank()) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      if (flag.equals("--h2")) {
        h2 = value;
      } else if (flag.equals("--pg")) {
        pg = value;
      }
    }
    if (h2 != null && pg != null) {
      throw new IllegalArgumentException("give either --h2 or --pg, not both");
    }
    if (h2 != null) {
      return h2(Path.of(h2));
    }
    if (pg != null) {
      return postgres(pg, environment);
    }
    String url = environment.get("INVITEKIT_PG_URL");
    return url == null || url.isBlank() ? memory() : postgres(url, environment);
  }

  static StoreChoice memory() {
    return new StoreChoice(new InMemoryStore(), "the in-memory store", null);
  }

  static StoreChoice h2(Path file) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:file:" + file.toAbsolutePath() + ";LOCK_TIMEOUT=10000");
    config.setUsername("sa");
    config.setPassword("");
    config.setMaximumPoolSize(4);
    return jdbc(config, "the H2 database " + file.toAbsolutePath() + ".mv.db");
  }

  static StoreChoice postgres(String url, Map<String, String> environment) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("--pg wants a jdbc:postgresql: URL, got " + url.split("\\?")[0]);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(environment.get("INVITEKIT_PG_USER"));
    config.setPassword(environment.get("INVITEKIT_PG_PASSWORD"));
    config.setMaximumPoolSize(4);
    // Never print the URL's query: it may hold a password.
    return jdbc(config, "PostgreSQL at " + url.split("\\?")[0]);
  }

  private static StoreChoice jdbc(HikariConfig config, String where) {
    HikariDataSource pool = new HikariDataSource(config);
    try {
      String prefix = "quickstart_" + Long.toString(System.currentTimeMillis(), 36).toLowerCase(Locale.ROOT) + "_";
      JdbcStore store = JdbcStore.builder(pool).tablePrefix(prefix).build();
      store.migrate();
      return new StoreChoice(store, where + " (tables " + prefix + "*)", pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  Store store() {
    return store;
  }

  String description() {
    return description;
  }

  /** Closes the connection pool, if any. */
  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
  }
}
