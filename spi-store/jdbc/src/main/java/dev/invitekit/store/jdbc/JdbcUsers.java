package dev.invitekit.store.jdbc;

import static dev.invitekit.store.jdbc.Sql.*;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.UserStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** users (U1): the UserStore of one {@link JdbcTransaction}. */
final class JdbcUsers implements UserStore {

  private final Sql sql;
  private final String users;

  JdbcUsers(Sql sql) {
    this.sql = sql;
    this.users = sql.table("users");
  }

  private static final String USER_COLUMNS =
      "id, email, first_name, last_name, password_hash, age_verified_at, created_at";

  private static StoredUser user(ResultSet r) throws SQLException {
    return new StoredUser(new User(new UserId(requiredUuid(r, "id")), email(r.getString("email")),
        r.getString("first_name"), r.getString("last_name"), instant(r, "age_verified_at"), instant(r, "created_at")),
        new PasswordHash(r.getString("password_hash")));
  }

  @Override
  public boolean insert(StoredUser user) {
    Objects.requireNonNull(user, "user");
    User u = user.user();
    return sql.insertUnlessPresent("users.insert",
        "INSERT INTO " + users + " (" + USER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", "(email)",
        b -> b.uuid(u.id().value()).text(u.email().toString()).text(u.firstName()).text(u.lastName())
            .text(user.passwordHash().phc()).time(u.ageVerifiedAt()).time(u.createdAt()));
  }

  @Override
  public Optional<StoredUser> find(UserId id) {
    Objects.requireNonNull(id, "id");
    return sql.one("users.find", "SELECT " + USER_COLUMNS + " FROM " + users + " WHERE id = ?",
        b -> b.uuid(id.value()), JdbcUsers::user);
  }

  @Override
  public Optional<StoredUser> findByEmail(EmailAddress email) {
    Objects.requireNonNull(email, "email");
    return sql.one("users.findByEmail", "SELECT " + USER_COLUMNS + " FROM " + users + " WHERE email = ?",
        b -> b.text(email.toString()), JdbcUsers::user);
  }

  /** One query: {@code WHERE email IN (…)}. */
  @Override
  public Map<EmailAddress, StoredUser> findByEmails(Collection<EmailAddress> emails) {
    Objects.requireNonNull(emails, "emails");
    List<String> distinct = emails.stream().map(e -> Objects.requireNonNull(e, "email").toString()).distinct().toList();
    if (distinct.isEmpty()) {
      return Map.of();
    }
    List<StoredUser> found = sql.query("users.findByEmails", "SELECT " + USER_COLUMNS + " FROM " + users
        + " WHERE email IN (" + placeholders(distinct.size()) + ")", b -> {
          for (String email : distinct) {
            b.text(email);
          }
        }, JdbcUsers::user);
    Map<EmailAddress, StoredUser> byEmail = new LinkedHashMap<>();
    for (StoredUser user : found) {
      byEmail.put(user.user().email(), user);
    }
    return byEmail;
  }

  @Override
  public void updatePasswordHash(UserId id, PasswordHash hash) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(hash, "hash");
    int changed = sql.update("users.updatePasswordHash", "UPDATE " + users + " SET password_hash = ? WHERE id = ?",
        b -> b.text(hash.phc()).uuid(id.value()));
    if (changed == 0) {
      throw new IllegalStateException("no user " + id + " whose password hash to update");
    }
  }
}
