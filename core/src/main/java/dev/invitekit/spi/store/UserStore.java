package dev.invitekit.spi.store;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.UserId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The users of one unit of work (U1), reached through {@link StoreTransaction#users()}. */
public interface UserStore {

  /**
   * Inserts a user unless one with the same (normalized) email exists; returns whether it was inserted.
   * Atomic: of concurrent inserts of one address, on one node or many, at most one succeeds (U1).
   */
  boolean insert(StoredUser user);

  /** The user with this id. Plain read. */
  Optional<StoredUser> find(UserId id);

  /** The user with this (normalized) email. Plain read. */
  Optional<StoredUser> findByEmail(EmailAddress email);

  /**
   * The users with these (normalized) emails: a map from each address that has a user to that user,
   * exactly what {@link #findByEmail} answers for each; addresses without a user are absent, duplicates
   * are looked up once. Plain read; a store should answer with one query (a bulk invite asks for up to 20
   * addresses at once).
   */
  default Map<EmailAddress, StoredUser> findByEmails(Collection<EmailAddress> emails) {
    Map<EmailAddress, StoredUser> found = new LinkedHashMap<>();
    for (EmailAddress email : emails) {
      if (!found.containsKey(email)) {
        findByEmail(email).ifPresent(user -> found.put(email, user));
      }
    }
    return found;
  }

  /**
   * Replaces a user's password hash (re-hash when parameters rise, S4). Plain write.
   *
   * @throws IllegalStateException if there is no such user
   */
  void updatePasswordHash(UserId id, PasswordHash hash);
}
