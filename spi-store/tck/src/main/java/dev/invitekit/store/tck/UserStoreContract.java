package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoredUser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store contract's Users (U1, S4) group. Runs as a {@code @Nested} group of {@link StoreContractKit};
 * an adapter author may also extend it alone and return the store under test from {@link #store()}
 * (a fresh, empty one per test).
 */
public abstract class UserStoreContract extends ContractGroup {

  @Test
  @DisplayName("U1: an inserted user is found by id and by email, with the password hash")
  void insertAndFind() {
    StoredUser user = StoreFixtures.user().name("José", "Nuñez").ageVerifiedAt(at(-60)).build();

    assertThat(ask(tx -> tx.users().insert(user))).isTrue();

    assertThat(find(tx -> tx.users().find(user.user().id()))).contains(user);
    assertThat(find(tx -> tx.users().findByEmail(user.user().email()))).contains(user);
  }

  @Test
  @DisplayName("U1: a second user with the same email is not inserted, and the first stays")
  void emailIsUnique() {
    StoredUser first = StoreFixtures.user().build();
    StoredUser second = StoreFixtures.user().email(first.user().email()).name("Other", "Person").build();
    write(tx -> tx.users().insert(first));

    assertThat(ask(tx -> tx.users().insert(second))).isFalse();

    assertThat(find(tx -> tx.users().findByEmail(first.user().email()))).contains(first);
    assertThat(find(tx -> tx.users().find(second.user().id()))).isEmpty();
  }

  @Test
  @DisplayName("U1: unknown ids and addresses find nothing")
  void unknownUser() {
    newUser();

    assertThat(find(tx -> tx.users().find(UserId.random()))).isEmpty();
    assertThat(find(tx -> tx.users().findByEmail(StoreFixtures.freshEmail()))).isEmpty();
  }

  @Test
  @DisplayName("S4: users.updatePasswordHash replaces that user's hash and nothing else")
  void updatePasswordHash() {
    StoredUser user = StoreFixtures.user().build();
    StoredUser bystander = StoreFixtures.user().build();
    write(tx -> {
      tx.users().insert(user);
      tx.users().insert(bystander);
    });
    PasswordHash rehashed = new PasswordHash("$argon2id$v=19$m=65536,t=3,p=1$bmV3c2FsdA$bmV3aGFzaA");

    write(tx -> tx.users().updatePasswordHash(user.user().id(), rehashed));

    assertThat(find(tx -> tx.users().find(user.user().id()))).contains(new StoredUser(user.user(), rehashed));
    assertThat(find(tx -> tx.users().findByEmail(user.user().email()))).contains(new StoredUser(user.user(), rehashed));
    assertThat(find(tx -> tx.users().find(bystander.user().id()))).contains(bystander);
  }

  @Test
  @DisplayName("S4: updating the hash of an unknown user creates no user")
  void updatePasswordHashOfUnknown() {
    UserId unknown = UserId.random();

    attempt(tx -> tx.users().updatePasswordHash(unknown, StoreFixtures.PASSWORD_HASH));

    assertThat(find(tx -> tx.users().find(unknown))).isEmpty();
  }
}
