/**
 * The JDBC store: Invitekit's production store over any {@link javax.sql.DataSource}, for PostgreSQL 15+
 * and H2 2.x (SPEC §4). Its schema ships as Flyway-layout migrations under {@code db/migration/<dialect>}.
 */
module dev.invitekit.store.jdbc {
  requires transitive dev.invitekit.core;   // implements its Store SPI; the SPI types appear in our API
  requires transitive java.sql;             // DataSource appears in the builder
  requires org.slf4j;                       // logs retries and migrations; never a binding

  exports dev.invitekit.store.jdbc;
}
