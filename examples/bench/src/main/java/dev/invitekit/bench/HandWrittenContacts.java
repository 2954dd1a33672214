package dev.invitekit.bench;

import dev.invitekit.contacts.Contact;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.UserId;
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
 *
 * <p>Each also answers the same read as Invitekit's public {@link Contact}s ({@code visibleToAsContacts}): the
 * same query and the same loop, each row built into a contact (its id, its address checked into an
 * {@link EmailAddress}, its role and relation) instead of a row of strings. That is the least any per-viewer
 * read in Invitekit would do, with no transaction, no check of the order and no directory cache around it:
 * benchmark 6's floor ({@link ContactsBench#contactsPerViewerFloor}).
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
      List<Seen> seen = scan(viewerId, account,
          (m, name, relation) -> new Seen(m.userId(), name, m.email(), m.role().name(), relation.name()));
      seen.sort(ORDER);
      return seen;
    }

    /** The same read as {@link #visibleTo}, each row built into a {@link Contact}, sorted as Invitekit sorts. */
    List<Contact> visibleToAsContacts(UUID viewerId, UUID account) {
      return sorted(scan(viewerId, account, (m, name, relation) -> new Keyed(name, m.email(),
          new Contact(new UserId(m.userId()), name, address(m.email()), m.role(), relation))));
    }

    /** Who the viewer sees, each as {@code row} builds them, in the rows' order. */
    private <T> List<T> scan(UUID viewerId, UUID account, SeenRow<T> row) {
      MemberRow viewer = byAccountAndUser.getOrDefault(account, Map.of()).get(viewerId);
      if (viewer == null) {
        return new ArrayList<>();
      }
      boolean guest = viewer.role() == Role.GUEST;
      List<T> seen = new ArrayList<>();
      for (MemberRow m : byAccount.get(account)) {
        Contact.Relation relation;
        if (m.userId().equals(viewerId)) {
          continue;
        } else if (guest ? m.userId().equals(viewer.invitedBy()) : m.role() != Role.GUEST) {
          relation = guest ? Contact.Relation.INVITED_YOU : Contact.Relation.DIRECTORY;
        } else if (viewerId.equals(m.invitedBy())) {
          relation = Contact.Relation.YOUR_GUEST;
        } else {
          continue;
        }
        seen.add(row.of(m, m.firstName() + " " + m.lastName(), relation));
      }
      return seen;
    }

    /** One visible member as the read answers them. */
    private interface SeenRow<T> {
      T of(MemberRow member, String name, Contact.Relation relation);
    }
  }

  /** A contact with the name and address text it was built from, to sort by them as the rows of strings sort. */
  private record Keyed(String name, String email, Contact contact) {}

  private static final Comparator<Keyed> KEYED_ORDER = Comparator.comparing(Keyed::name)
      .thenComparing(Keyed::email);

  /** The contacts by name, then address as text: Invitekit's order, compared on the texts the rows held. */
  private static List<Contact> sorted(List<Keyed> keyed) {
    keyed.sort(KEYED_ORDER);
    List<Contact> contacts = new ArrayList<>(keyed.size());
    for (Keyed k : keyed) {
      contacts.add(k.contact());
    }
    return contacts;
  }

  /** A stored address ({@code local@domain}, normalized when it was written) as the JDBC store reads it back. */
  private static EmailAddress address(String stored) {
    int at = stored.lastIndexOf('@');
    return new EmailAddress(stored.substring(0, at), stored.substring(at + 1));
  }

  private static final Role[] ROLES = Role.values();
  private static final Contact.Relation[] RELATIONS = Contact.Relation.values();

  /** A role or relation column, read by comparing with the names as the JDBC store reads roles. */
  private static <E extends Enum<E>> E named(E[] values, String name) {
    for (E value : values) {
      if (value.name().equals(name)) {
        return value;
      }
    }
    throw new IllegalArgumentException("no such value: " + name);
  }

  /**
   * On JDBC: one query over Invitekit's own tables ({@code invitekit_memberships} joined with itself for the
   * viewer and with {@code invitekit_users}), filtered by the database. On H2 the database sorts too (H2
   * compares strings as Java's {@code String.compareTo} does, Invitekit's order). On PostgreSQL the rows are
   * sorted in Java, as Invitekit's store leaves them to the directory: the database's sort of 45,000 rows
   * spills to disk at the default {@code work_mem} (4 MB), which a careful hand-written read would avoid too.
   */
  static final class Jdbc {
    private final DataSource dataSource;
    private final String sql;
    private final boolean sortHere;

    Jdbc(DataSource dataSource, String database) {
      this.dataSource = dataSource;
      this.sortHere = Databases.POSTGRESQL.equals(database);
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
          + (sortHere ? "" : " ORDER BY (u.first_name || ' ' || u.last_name), u.email");
    }

    List<Seen> visibleTo(UUID viewerId, UUID account) throws SQLException {
      List<Seen> seen = query(viewerId, account, rs -> new Seen(Objects.requireNonNull(rs.getObject(1, UUID.class)),
          rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
      if (sortHere) {
        seen.sort(ORDER);
      }
      return seen;
    }

    /**
     * The same query as {@link #visibleTo}, each row built into a {@link Contact}, in the same order. The id is
     * read as Invitekit's store reads it ({@code getObject(i)}, which both drivers answer with a {@code UUID}).
     */
    List<Contact> visibleToAsContacts(UUID viewerId, UUID account) throws SQLException {
      if (!sortHere) {
        return query(viewerId, account, rs -> contact(rs, rs.getString(2), rs.getString(3)));
      }
      return sorted(query(viewerId, account, rs -> {
        String name = rs.getString(2);
        String email = rs.getString(3);
        return new Keyed(name, email, contact(rs, name, email));
      }));
    }

    private static Contact contact(ResultSet rs, String name, String email) throws SQLException {
      return new Contact(new UserId((UUID) Objects.requireNonNull(rs.getObject(1))), name, address(email),
          named(ROLES, rs.getString(4)), named(RELATIONS, rs.getString(5)));
    }

    private <T> List<T> query(UUID viewerId, UUID account, Row<T> row) throws SQLException {
      try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
        s.setObject(1, account);
        s.setObject(2, viewerId);
        List<T> seen = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            seen.add(row.of(rs));
          }
        }
        return seen;
      }
    }

    /** One row of the query as the read answers it. */
    private interface Row<T> {
      T of(ResultSet rs) throws SQLException;
    }
  }
}
