package dev.invitekit.store.jdbc;

import static dev.invitekit.store.tck.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.spi.store.OutboxEntry;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * §5, issue 12 (benchmark 2): a pending mail's sealed payload stays in its outbox row on PostgreSQL (V7). Sealed
 * mail does not compress, and out of line (TOAST) every mail was written twice and its completion deleted its
 * chunks again: about 0.6 ms of the database's time an invite of 20.
 */
class OutboxStoragePostgresTest {
  private String schema;
  private HikariDataSource pool;

  @BeforeEach
  void start() {
    TestDatabases.requirePg();
    schema = TestDatabases.createPgSchema();
    pool = TestDatabases.pg(schema, 2);
  }

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
      TestDatabases.dropPgSchema(schema);
    }
  }

  @Test
  @DisplayName("§5: pending mail of a few kilobytes, sealed, is kept in the outbox row, not out of line; a longer one still fits")
  void sealedPayloads_stayInTheRow() throws Exception {
    JdbcStore store = JdbcStore.builder(pool).build();
    store.migrate();
    SecureRandom random = new SecureRandom();
    for (int n = 0; n < 50; n++) {
      // What a sealed invitation looks like: base64url of random bytes, about 3 kB (the bench's mail is 2.5 kB).
      byte[] sealed = new byte[2_300];
      random.nextBytes(sealed);
      String payload = "v2." + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
      OutboxEntry entry = new OutboxEntry("m" + n + "@app.example", null, null, null, payload,
          OutboxEntry.Status.PENDING, 0, NOW, NOW, null, null);
      store.inTransaction(tx -> {
        tx.outbox().insert(entry);
        return null;
      });
    }
    // A mail of 40 kB (a long custom template) is still taken: out of line, as it does not fit a page.
    byte[] longer = new byte[30_000];
    random.nextBytes(longer);
    String longPayload = "v2." + Base64.getUrlEncoder().withoutPadding().encodeToString(longer);
    store.inTransaction(tx -> {
      tx.outbox().insert(new OutboxEntry("long@app.example", null, null, null, longPayload,
          OutboxEntry.Status.PENDING, 0, NOW, NOW, null, null));
      return null;
    });

    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      // Out of line, a value lives in the table's TOAST relation; only the 40 kB mail should be there.
      try (ResultSet rows = s.executeQuery("SELECT count(*) FROM pg_toast.pg_toast_" + oid(s))) {
        rows.next();
        long chunks = rows.getLong(1);
        assertThat(chunks).as("TOAST chunks: the 40 kB mail's, none of the 3 kB mails'").isBetween(1L, 25L);
      }
    }
    assertThat(store.inTransaction(tx -> tx.outbox().find("long@app.example")).orElseThrow().payload())
        .isEqualTo(longPayload);
  }

  private long oid(Statement s) throws java.sql.SQLException {
    try (ResultSet rows = s.executeQuery("SELECT 'invitekit_outbox'::regclass::oid")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
