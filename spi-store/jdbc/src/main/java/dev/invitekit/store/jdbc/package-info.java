/**
 * The JDBC {@link dev.invitekit.spi.store.Store}: {@link dev.invitekit.store.jdbc.JdbcStore}, plain JDBC
 * over a {@link javax.sql.DataSource}, one database transaction per unit of work, atomic steps held by
 * conditional updates, unique constraints and row locks (I5, I7, L3, P2); its schema is applied by
 * {@link dev.invitekit.store.jdbc.Migrations} or by the application's Flyway (SPEC §4).
 */
@NullMarked
package dev.invitekit.store.jdbc;

import org.jspecify.annotations.NullMarked;
