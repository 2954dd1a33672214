package dev.invitekit.store.jdbc;

import java.util.Locale;

/**
 * The SQL dialects {@link JdbcStore} speaks. Each has its own migrations folder
 * ({@code db/migration/postgresql}, {@code db/migration/h2}) and its own way to hold the atomic steps.
 */
public enum Dialect {
  /**
   * PostgreSQL 15+ and engines that speak its protocol and SQL (CockroachDB, YugabyteDB): partial unique
   * indexes, {@code INSERT … ON CONFLICT}, {@code FOR UPDATE SKIP LOCKED}.
   */
  POSTGRESQL("postgresql"),
  /**
   * H2 2.x, file or in-memory: the embedded choice for one process. Generated "open key" columns stand in
   * for partial indexes, and savepoints turn a duplicate key into a refused insert.
   */
  H2("h2");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** The folder of this dialect's migrations under {@code db/migration/}. */
  public String migrationFolder() {
    return folder;
  }

  /**
   * The dialect of a database product name as {@link java.sql.DatabaseMetaData#getDatabaseProductName()}
   * reports it.
   *
   * @throws IllegalArgumentException naming the product when it is neither PostgreSQL nor H2
   */
  public static Dialect ofProductName(String productName) {
    String name = productName.toLowerCase(Locale.ROOT);
    if (name.contains("postgres")) {
      return POSTGRESQL;
    }
    if (name.equals("h2")) {
      return H2;
    }
    throw new IllegalArgumentException("dialect: the JDBC store speaks PostgreSQL and H2, not " + productName
        + "; a PostgreSQL-compatible engine may be named with JdbcStore.builder(...).dialect(Dialect.POSTGRESQL)");
  }
}
