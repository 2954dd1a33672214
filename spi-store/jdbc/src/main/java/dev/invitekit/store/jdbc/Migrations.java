package dev.invitekit.store.jdbc;

import dev.invitekit.error.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the store's schema for applications without a migration tool. The migrations are the same files
 * Flyway would run ({@code db/migration/<dialect>/V<n>__<description>.sql} in the jar), with the same
 * {@code ${prefix}} placeholder; the versions applied are recorded in a {@code <prefix>schema_version}
 * table, so applying again is harmless. Apply with one of them, never both, on one prefix.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** Every migration, oldest first. Add new versions here and as files in each dialect's folder. */
  private static final List<Version> VERSIONS = List.of(new Version(1, "invitekit_schema"),
      new Version(2, "founder_signups"),
      new Version(4, "superseded_tokens_outbox_recipient"),
      new Version(5, "link_token_digests"),
      new Version(6, "open_invitations_by_email"),
      new Version(7, "outbox_payload_inline"));

  /** A prefix is a safe SQL identifier start: the migrations paste it into table and index names. */
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,29}|");

  private record Version(int number, String description) {
    String resource(Dialect dialect) {
      return "/db/migration/" + dialect.migrationFolder() + "/V" + number + "__" + description + ".sql";
    }
  }

  private Migrations() {}

  /** Every schema version this library ships, oldest first (numbers may have gaps while branches merge). */
  static List<Integer> versions() {
    return VERSIONS.stream().map(Version::number).toList();
  }

  /** The highest schema version this library ships. */
  public static int latestVersion() {
    return VERSIONS.get(VERSIONS.size() - 1).number();
  }

  /**
   * Applies every migration not yet recorded in {@code <prefix>schema_version}, in order, each in its own
   * transaction on PostgreSQL (H2 commits DDL as it runs). On PostgreSQL a lock on the version table makes
   * nodes that start together apply each version once.
   *
   * @return the versions applied now; empty when the schema was up to date
   * @throws StoreException naming the version that failed
   */
  public static List<Integer> apply(DataSource dataSource, Dialect dialect, String tablePrefix) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(dialect, "dialect");
    String prefix = requirePrefix(tablePrefix);
    String versionTable = prefix + "schema_version";
    List<Integer> applied = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE IF NOT EXISTS " + versionTable + " (version INTEGER PRIMARY KEY, "
            + "description VARCHAR NOT NULL, installed_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      } catch (SQLException e) {
        // PostgreSQL: two nodes creating the table at the same moment; one of them made it, which is all
        // that is needed (42P07 duplicate table, 42710 its row type, 23505 its catalog row).
        if (!List.of("42P07", "42710", "23505").contains(e.getSQLState())) {
          throw e;
        }
      }
      connection.setAutoCommit(false);
      for (Version version : VERSIONS) {
        try {
          if (applyOne(connection, dialect, prefix, versionTable, version)) {
            applied.add(version.number());
          }
          connection.commit();
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        }
      }
    } catch (SQLException e) {
      throw new StoreException("applying the schema migrations of the JDBC store (table prefix '" + prefix
          + "') failed: SQLState " + e.getSQLState(), e);
    }
    if (!applied.isEmpty()) {
      LOG.info("Invitekit schema: applied versions {} with table prefix '{}'", applied, prefix);
    }
    return List.copyOf(applied);
  }

  private static boolean applyOne(Connection connection, Dialect dialect, String prefix, String versionTable,
      Version version) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      try (Statement statement = connection.createStatement()) {
        // Held until commit: a second node waits here, then sees the version recorded and skips it.
        statement.execute("LOCK TABLE " + versionTable + " IN EXCLUSIVE MODE");
      }
    }
    Set<Integer> done = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT version FROM " + versionTable)) {
      while (rows.next()) {
        done.add(rows.getInt(1));
      }
    }
    if (done.contains(version.number())) {
      return false;
    }
    for (String sql : statements(load(version.resource(dialect)), prefix)) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO " + versionTable + " (version, description, installed_at) VALUES (?, ?, ?)")) {
      insert.setInt(1, version.number());
      insert.setString(2, version.description());
      insert.setObject(3, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
      insert.executeUpdate();
    }
    return true;
  }

  static String requirePrefix(String tablePrefix) {
    Objects.requireNonNull(tablePrefix, "table prefix");
    if (!PREFIX.matcher(tablePrefix).matches()) {
      throw new IllegalArgumentException("table prefix must be empty or a lower-case letter followed by at most "
          + "29 lower-case letters, digits or underscores (it becomes part of table names), was '"
          + tablePrefix + "'");
    }
    return tablePrefix;
  }

  private static String load(String resource) {
    try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new StoreException("the migration " + resource + " is missing from the invitekit-store-jdbc jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("reading the migration " + resource + " failed", e);
    }
  }

  /** Splits a migration into statements: drops {@code --} comments, splits at semicolons. */
  static List<String> statements(String script, String prefix) {
    StringBuilder sql = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      int comment = line.indexOf("--");
      sql.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
    }
    List<String> statements = new ArrayList<>();
    for (String part : sql.toString().replace("${prefix}", prefix).split(";")) {
      if (!part.isBlank()) {
        statements.add(part.strip());
      }
    }
    return statements;
  }
}
