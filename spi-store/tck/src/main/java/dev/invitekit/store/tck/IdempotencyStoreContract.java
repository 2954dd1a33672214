package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.at;
import static dev.invitekit.store.tck.StoreFixtures.idempotencyRecord;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.IdempotencyRecord;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store contract's Idempotency records (I10) group. Runs as a {@code @Nested} group of {@link StoreContractKit};
 * an adapter author may also extend it alone and return the store under test from {@link #store()}
 * (a fresh, empty one per test).
 */
public abstract class IdempotencyStoreContract extends ContractGroup {

  @Test
  @DisplayName("I10: a remembered result is found by account, inviter and key")
  void insertAndFind() {
    Org org = newOrg();
    IdempotencyRecord record = new IdempotencyRecord(org.id(), org.adminId(), "key-1", "sha256:abc",
        "{\"outcomes\":[{\"type\":\"invited\",\"address\":\"ann@acme.example\"}]}", at(5));

    assertThat(ask(tx -> tx.idempotency().insert(record))).isTrue();

    assertThat(find(tx -> tx.idempotency().find(org.id(), org.adminId(), "key-1"))).contains(record);
  }

  @Test
  @DisplayName("I10: a second result for the same key is not inserted, and the first stays")
  void firstResultStays() {
    Org org = newOrg();
    IdempotencyRecord first = idempotencyRecord(org.id(), org.adminId(), "key-1");
    IdempotencyRecord second = new IdempotencyRecord(org.id(), org.adminId(), "key-1", "other", "{}", at(60));
    write(tx -> tx.idempotency().insert(first));

    assertThat(ask(tx -> tx.idempotency().insert(second))).isFalse();

    assertThat(find(tx -> tx.idempotency().find(org.id(), org.adminId(), "key-1"))).contains(first);
  }

  @Test
  @DisplayName("I10: keys are scoped per inviter and per account")
  void keysAreScoped() {
    Org org = newOrg();
    Org other = newOrg();
    UserId coworker = newMember(org);
    IdempotencyRecord admins = idempotencyRecord(org.id(), org.adminId(), "same-key");
    IdempotencyRecord coworkers = idempotencyRecord(org.id(), coworker, "same-key");
    IdempotencyRecord elsewhere = idempotencyRecord(other.id(), other.adminId(), "same-key");

    List<Boolean> inserted = read(tx -> List.of(tx.idempotency().insert(admins),
        tx.idempotency().insert(coworkers), tx.idempotency().insert(elsewhere)));

    assertThat(inserted).containsExactly(true, true, true);
    assertThat(find(tx -> tx.idempotency().find(org.id(), coworker, "same-key"))).contains(coworkers);
    assertThat(find(tx -> tx.idempotency().find(other.id(), other.adminId(), "same-key"))).contains(elsewhere);
    assertThat(find(tx -> tx.idempotency().find(other.id(), org.adminId(), "same-key"))).isEmpty();
  }

  @Test
  @DisplayName("I10: an unknown key finds nothing")
  void unknownKey() {
    Org org = newOrg();
    write(tx -> tx.idempotency().insert(idempotencyRecord(org.id(), org.adminId(), "key-1")));

    assertThat(find(tx -> tx.idempotency().find(org.id(), org.adminId(), "key-2"))).isEmpty();
  }
}
