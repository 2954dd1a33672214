package dev.invitekit.bench;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The baseline of benchmark 2: the same durable work as Invitekit's invite-then-deliver, written by hand
 * with plain JDBC on the same database. One transaction inserts the 20 invitation rows and their 20 outbox
 * rows (two batches); a second claims the pending outbox rows, hands each mail to the provider and marks
 * it sent (one batch).
 */
final class HandWrittenJdbcInvite {
  private final DataSource dataSource;
  private final HandWrittenInvite prepare = new HandWrittenInvite();

  HandWrittenJdbcInvite(DataSource dataSource) throws SQLException {
    this.dataSource = dataSource;
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      // The column types Invitekit's own schema uses, valid on H2 and PostgreSQL alike.
      s.execute("CREATE TABLE hw_invitation (id UUID PRIMARY KEY, account_id UUID NOT NULL, email VARCHAR NOT NULL,"
          + " token_digest CHAR(64) NOT NULL UNIQUE, role VARCHAR(16) NOT NULL, state VARCHAR(16) NOT NULL,"
          + " expires_on DATE NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      s.execute("CREATE UNIQUE INDEX hw_invitation_open ON hw_invitation (account_id, email)");
      s.execute("CREATE TABLE hw_outbox (id UUID PRIMARY KEY, invitation_id UUID NOT NULL, recipient VARCHAR NOT NULL,"
          + " subject VARCHAR NOT NULL, body_text VARCHAR NOT NULL, body_html VARCHAR NOT NULL, status VARCHAR(16) NOT NULL,"
          + " attempts INTEGER NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      s.execute("CREATE INDEX hw_outbox_pending ON hw_outbox (status, created_at)");
    }
  }

  /** Invites the addresses and delivers their mail; returns how many were sent. */
  int inviteAndDeliver(UUID account, String[] addresses, LocalDate expiresOn) throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement inv = c.prepareStatement("INSERT INTO hw_invitation VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?)");
          PreparedStatement out = c.prepareStatement(
              "INSERT INTO hw_outbox VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)")) {
        for (String address : addresses) {
          HandWrittenInvite.Prepared p = prepare.prepare(address, expiresOn);
          inv.setObject(1, p.row().id());
          inv.setObject(2, account);
          inv.setString(3, address);
          inv.setString(4, HexFormat.of().formatHex(p.row().tokenDigest()));
          inv.setString(5, p.row().role());
          inv.setDate(6, Date.valueOf(expiresOn));
          inv.setObject(7, now);
          inv.addBatch();
          out.setObject(1, UUID.randomUUID());
          out.setObject(2, p.row().id());
          out.setString(3, address);
          out.setString(4, p.mail().subject());
          out.setString(5, p.mail().text());
          out.setString(6, p.mail().html());
          out.setObject(7, now);
          out.addBatch();
        }
        inv.executeBatch();
        out.executeBatch();
      }
      c.commit();

      List<UUID> sent = new ArrayList<>();
      try (PreparedStatement pending = c.prepareStatement(
          "SELECT id, recipient, subject, body_text FROM hw_outbox WHERE status = 'PENDING' ORDER BY created_at FOR UPDATE")) {
        try (ResultSet rs = pending.executeQuery()) {
          while (rs.next()) {
            // what a provider needs: the recipient, subject and body (it accepts at once, as in the kit's run)
            if (rs.getString(2).isEmpty() || rs.getString(3).isEmpty() || rs.getString(4).isEmpty()) {
              throw new IllegalStateException("an outbox row lost its mail");
            }
            sent.add(rs.getObject(1, UUID.class));
          }
        }
      }
      try (PreparedStatement mark = c.prepareStatement("UPDATE hw_outbox SET status = 'SENT', attempts = attempts + 1 WHERE id = ?")) {
        for (UUID id : sent) {
          mark.setObject(1, id);
          mark.addBatch();
        }
        mark.executeBatch();
      }
      c.commit();
      return sent.size();
    }
  }
}
