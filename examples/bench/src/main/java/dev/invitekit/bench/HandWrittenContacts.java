package dev.invitekit.bench;

import dev.invitekit.contacts.Contact;
import dev.invitekit.member.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The baselines of benchmark 6: who a member sees in an account (C1, C2), written by hand over the same data
 * as Invitekit's store. Both answer the same list Invitekit does, in the same order (by name, then address):
 * a member's company directory and their own guests, or for a guest the member who invited them and their own
 * guests. They answer plain rows ({@link Seen}), as an application's own query would.
 */
final class HandWrittenContacts {
  private HandWrittenContacts() {}

  /** One visible person, as the hand-written versions answer it. */
  record Seen(UUID userId, String name, String email, String role, String relation) {
    static Seen of(Contact contact) {
      return new Seen(contact.userId().value(), contact.name(), contact.email().toString(), contact.role().name(),
          contact.relation().name());
    }
  }

  private static final Comparator<Seen> ORDER = Comparator.comparing(Seen::name).thenComparing(Seen::email);

  /** One member row of the in-memory baseline: the membership's and the user's columns side by side. */
  record MemberRow(UUID userId, String firstName, String lastName, String email, Role role,
      @Nullable UUID invitedBy) {}

  /**
   * In memory: the account's member rows in a list, and a map from user id to row for the viewer. A contacts
   * read scans the list, keeps who the viewer may see, and sorts.
   */
  static final class InMemory {
    private final Map<UUID, List<MemberRow>> byAccount = new HashMap<>();
    private final Map<UUID, Map<UUID, MemberRow>> byAccountAndUser = new HashMap<>();

    void add(UUID account, MemberRow row) {
      byAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(row);
      byAccountAndUser.computeIfAbsent(account, a -> new HashMap<>()).put(row.userId(), row);
    }

    List<Seen> visibleTo(UUID viewerId, UUID account) {
      MemberRow viewer = byAccountAndUser.getOrDefault(account, Map.of()).get(viewerId);
      if (viewer == null) {
        return List.of();
      }
      boolean guest = viewer.role() == Role.GUEST;
      List<Seen> seen = new ArrayList<>();
      for (MemberRow m : byAccount.get(account)) {
        String relation;
        if (m.userId().equals(viewerId)) {
          continue;
        } else if (guest ? m.userId().equals(viewer.invitedBy()) : m.role() != Role.GUEST) {
          relation = guest ? "INVITED_YOU" : "DIRECTORY";
        } else if (viewerId.equals(m.invitedBy())) {
          relation = "YOUR_GUEST";
        } else {
          continue;
        }
        seen.add(new Seen(m.userId(), m.firstName() + " " + m.lastName(), m.email(), m.role().name(), relation));
      }
      seen.sort(ORDER);
      return seen;
    }
  }

  /**
   * On JDBC: one query over Invitekit's own tables ({@code invitekit_memberships} joined with itself for the
   * viewer and with {@code invitekit_users}), filtered and sorted by the database. On PostgreSQL the sort
   * uses the "C" collation, which orders as Java's {@code String.compareTo} does (Invitekit's order); H2
   * compares strings that way already.
   */
  static final class Jdbc {
    private final DataSource dataSource;
    private final String sql;

    Jdbc(DataSource dataSource, String database) {
      this.dataSource = dataSource;
      String collate = Databases.POSTGRESQL.equals(database) ? " COLLATE \"C\"" : "";
      this.sql = "SELECT u.id, u.first_name || ' ' || u.last_name AS name, u.email, m.role,"
          + " CASE WHEN v.role = 'GUEST' AND m.user_id = v.invited_by THEN 'INVITED_YOU'"
          + "  WHEN v.role <> 'GUEST' AND m.role <> 'GUEST' THEN 'DIRECTORY' ELSE 'YOUR_GUEST' END AS relation"
          + " FROM invitekit_memberships v"
          + " JOIN invitekit_memberships m ON m.account_id = v.account_id AND m.user_id <> v.user_id"
          + " JOIN invitekit_users u ON u.id = m.user_id"
          + " WHERE v.account_id = ? AND v.user_id = ?"
          + " AND (m.invited_by = v.user_id"
          + "  OR (v.role = 'GUEST' AND m.user_id = v.invited_by)"
          + "  OR (v.role <> 'GUEST' AND m.role <> 'GUEST'))"
          + " ORDER BY (u.first_name || ' ' || u.last_name)" + collate + ", u.email" + collate;
    }

    List<Seen> visibleTo(UUID viewerId, UUID account) throws SQLException {
      try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
        s.setObject(1, account);
        s.setObject(2, viewerId);
        List<Seen> seen = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            seen.add(new Seen(Objects.requireNonNull(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5)));
          }
        }
        return seen;
      }
    }
  }
}
