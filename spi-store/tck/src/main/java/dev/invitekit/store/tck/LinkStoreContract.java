package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.NOW;
import static dev.invitekit.store.tck.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.id.AccountId;
import dev.invitekit.id.LinkId;
import dev.invitekit.link.LinkJoin;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.TokenDigest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store contract's Invite links (L1, L3) group. Runs as a {@code @Nested} group of {@link StoreContractKit};
 * an adapter author may also extend it alone and return the store under test from {@link #store()}
 * (a fresh, empty one per test).
 */
public abstract class LinkStoreContract extends ContractGroup {

  @Test
  @DisplayName("L1: an inserted link is found by id, by token and as its account's active link")
  void insertAndFind() {
    Org org = newOrg();
    StoredLink link = linkIn(org).useLimit(25).uses(3).expiresAt(at(3600)).build();

    write(tx -> tx.links().insert(link));

    assertThat(find(tx -> tx.links().find(link.id()))).contains(link);
    assertThat(find(tx -> tx.links().findByToken(TokenDigest.ofToken(link.token())))).contains(link);
    assertThat(find(tx -> tx.links().findActive(org.id()))).contains(link);
  }

  @Test
  @DisplayName("L1: unknown ids and tokens find nothing, and an account without a link has no active link")
  void unknownLink() {
    Org org = newOrg();
    Org other = newOrg();
    inserted(linkIn(org));

    assertThat(find(tx -> tx.links().find(LinkId.random()))).isEmpty();
    assertThat(find(tx -> tx.links().findByToken(TokenDigest.ofToken(StoreFixtures.freshLinkToken())))).isEmpty();
    assertThat(find(tx -> tx.links().findActive(other.id()))).isEmpty();
  }

  @Test
  @DisplayName("L1: rotating a link stops the old one at once and makes the new one the active link")
  void rotate() {
    Org org = newOrg();
    StoredLink old = inserted(linkIn(org));
    StoredLink next = linkIn(org).createdAt(at(60)).build();

    write(tx -> {
      tx.links().deactivate(old.id());
      tx.links().insert(next);
    });

    assertThat(find(tx -> tx.links().findActive(org.id()))).contains(next);
    assertThat(find(tx -> tx.links().findByToken(TokenDigest.ofToken(old.token())))).get().extracting(StoredLink::active).isEqualTo(false);
    assertThat(ask(tx -> tx.links().tryUse(old.id(), NOW))).isFalse();
    assertThat(ask(tx -> tx.links().tryUse(next.id(), at(60)))).isTrue();
  }

  @Test
  @DisplayName("L1: turning links off leaves the account without an active link, and again changes nothing")
  void deactivate() {
    Org org = newOrg();
    StoredLink link = inserted(linkIn(org).uses(2));
    StoredLink inactive = new StoredLink(link.id(), link.accountId(), link.token(), link.createdBy(),
        link.createdAt(), link.expiresAt(), link.useLimit(), link.uses(), false);

    write(tx -> tx.links().deactivate(link.id()));
    assertThat(find(tx -> tx.links().findActive(org.id()))).isEmpty();
    assertThat(find(tx -> tx.links().find(link.id()))).contains(inactive);

    write(tx -> tx.links().deactivate(link.id()));
    assertThat(find(tx -> tx.links().find(link.id()))).contains(inactive);
  }

  @Test
  @DisplayName("L3: links.tryUse counts one use per success, and the count is stored")
  void useCounts() {
    Org org = newOrg();
    StoredLink link = inserted(linkIn(org).useLimit(10).uses(4));

    assertThat(ask(tx -> tx.links().tryUse(link.id(), NOW))).isTrue();
    assertThat(ask(tx -> tx.links().tryUse(link.id(), NOW))).isTrue();

    assertThat(find(tx -> tx.links().find(link.id()))).get().extracting(StoredLink::uses).isEqualTo(6);
    assertThat(find(tx -> tx.links().findActive(org.id()))).get().extracting(StoredLink::uses).isEqualTo(6);
  }

  @Test
  @DisplayName("L3: a link with a use limit of 3 allows exactly 3 uses, then refuses and keeps the count")
  void useLimit() {
    Org org = newOrg();
    StoredLink link = inserted(linkIn(org).useLimit(3));

    List<Boolean> answers = read(tx -> IntStream.range(0, 5).mapToObj(i -> tx.links().tryUse(link.id(), NOW)).toList());

    assertThat(answers).containsExactly(true, true, true, false, false);
    assertThat(find(tx -> tx.links().find(link.id()))).get().extracting(StoredLink::uses).isEqualTo(3);
  }

  @Test
  @DisplayName("L3: a link inserted with its limit used up refuses")
  void limitUsedUp() {
    Org org = newOrg();
    StoredLink link = inserted(linkIn(org).useLimit(2).uses(2));

    assertThat(ask(tx -> tx.links().tryUse(link.id(), NOW))).isFalse();

    assertThat(find(tx -> tx.links().find(link.id()))).contains(link);
  }

  @Test
  @DisplayName("L3: a link without a use limit keeps counting")
  void noLimit() {
    Org org = newOrg();
    StoredLink link = inserted(linkIn(org).useLimit(null).uses(1_000));

    List<Boolean> answers = read(tx -> IntStream.range(0, 50).mapToObj(i -> tx.links().tryUse(link.id(), NOW)).toList());

    assertThat(answers).containsOnly(true).hasSize(50);
    assertThat(find(tx -> tx.links().find(link.id()))).get().extracting(StoredLink::uses).isEqualTo(1_050);
  }

  @Test
  @DisplayName("L1: an inactive link refuses uses and keeps its count")
  void inactiveRefuses() {
    Org org = newOrg();
    StoredLink link = inserted(linkIn(org).active(false).uses(1));

    assertThat(ask(tx -> tx.links().tryUse(link.id(), NOW))).isFalse();

    assertThat(find(tx -> tx.links().find(link.id()))).contains(link);
    assertThat(find(tx -> tx.links().findActive(org.id()))).isEmpty();
  }

  @Test
  @DisplayName("L3: a link expires at its expiresAt: a millisecond before it counts a use, at and after it refuses")
  void expiry() {
    Org org = newOrg();
    StoredLink link = inserted(linkIn(org).expiresAt(at(3600)));

    assertThat(ask(tx -> tx.links().tryUse(link.id(), at(3600)))).isFalse();
    assertThat(ask(tx -> tx.links().tryUse(link.id(), at(7200)))).isFalse();
    assertThat(ask(tx -> tx.links().tryUse(link.id(), at(3600).minusMillis(1)))).isTrue();

    assertThat(find(tx -> tx.links().find(link.id()))).get().extracting(StoredLink::uses).isEqualTo(1);
  }

  @Test
  @DisplayName("L3: links.tryUse of an unknown link returns false")
  void unknownLinkRefuses() {
    Org org = newOrg();
    StoredLink link = inserted(linkIn(org));

    assertThat(ask(tx -> tx.links().tryUse(LinkId.random(), NOW))).isFalse();

    assertThat(find(tx -> tx.links().find(link.id()))).contains(link);
  }

  @Test
  @DisplayName("L1: an account's link joins come oldest first, across its rotated links, without other accounts' joins")
  void linkJoinsOldestFirst() {
    Org org = newOrg();
    Org other = newOrg();
    StoredLink old = inserted(linkIn(org).active(false));
    StoredLink current = inserted(linkIn(org));
    StoredLink elsewhere = inserted(linkIn(other));
    List<UserId> people = newUsers(4);
    LinkJoin third = new LinkJoin(current.id(), people.get(0), at(300));
    LinkJoin first = new LinkJoin(old.id(), people.get(1), at(100));
    LinkJoin foreign = new LinkJoin(elsewhere.id(), people.get(2), at(150));
    LinkJoin second = new LinkJoin(current.id(), people.get(3), at(200));

    write(tx -> List.of(third, first, foreign, second).forEach(tx.links()::recordJoin));

    assertThat(list(tx -> tx.links().joins(org.id()))).containsExactly(first, second, third);
    assertThat(list(tx -> tx.links().joins(other.id()))).containsExactly(foreign);
    assertThat(list(tx -> tx.links().joins(AccountId.random()))).isEmpty();
  }
}
