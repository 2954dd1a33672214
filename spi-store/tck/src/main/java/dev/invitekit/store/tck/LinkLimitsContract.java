package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.NOW;
import static dev.invitekit.store.tck.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.account.Account;
import dev.invitekit.id.LinkId;
import dev.invitekit.member.Role;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredUser;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The link-limits part of the store contract (L1, issue 9 item 7): a policy change sets the current
 * link's expiry and use limit, and {@code links().tryUse} obeys them at once. Run as a {@code @Nested} group
 * of {@link StoreContractKit}.
 */
public abstract class LinkLimitsContract extends ContractGroup {

  private StoredLink storedLink(StoreFixtures.LinkBuilder builder) {
    Account account = StoreFixtures.account().build();
    StoredUser admin = StoreFixtures.user().build();
    StoredLink link = builder.build();
    tx(t -> {
      t.accounts().insert(account);
      t.users().insert(admin);
      t.memberships().insert(StoreFixtures.membership(account.id(), admin.user().id()).role(Role.ADMIN)
          .joinedAt(account.createdAt()).build());
      return null;
    });
    StoredLink placed = new StoredLink(link.id(), account.id(), link.token(), admin.user().id(), link.createdAt(),
        link.expiresAt(), link.useLimit(), link.uses(), link.active());
    tx(t -> {
      t.links().insert(placed);
      return null;
    });
    return placed;
  }

  private Optional<StoredLink> find(LinkId id) {
    return tx(t -> t.links().find(id));
  }

  @Test
  @DisplayName("L1: links.updateLimits lowers the use limit and the expiry of a link at once, keeping token, uses and state")
  void lowerLimitsApplyAtOnce_L1_issue9_7() {
    StoredLink link = storedLink(StoreFixtures.link(StoreFixtures.account().build().id()).uses(2));

    tx(t -> {
      t.links().updateLimits(link.id(), NOW.plus(Duration.ofDays(2)), 3);
      return null;
    });

    assertThat(find(link.id())).contains(new StoredLink(link.id(), link.accountId(), link.token(), link.createdBy(),
        link.createdAt(), NOW.plus(Duration.ofDays(2)), 3, 2, true));
    assertThat(flag(t -> t.links().tryUse(link.id(), NOW))).isTrue();
    assertThat(flag(t -> t.links().tryUse(link.id(), NOW))).as("the third use of three is gone").isFalse();
    assertThat(flag(t -> t.links().tryUse(link.id(), at(-60)))).isFalse();
  }

  @Test
  @DisplayName("L1: links.updateLimits lifts a limit (null) and moves the expiry both ways; an unknown link is ignored")
  void limitsMoveBothWays_L1_issue9_7() {
    StoredLink link = storedLink(StoreFixtures.link(StoreFixtures.account().build().id()).useLimit(1).uses(1));
    assertThat(flag(t -> t.links().tryUse(link.id(), NOW))).isFalse();

    tx(t -> {
      t.links().updateLimits(link.id(), NOW.plus(Duration.ofDays(60)), null);
      t.links().updateLimits(LinkId.random(), NOW, 1);
      return null;
    });
    assertThat(flag(t -> t.links().tryUse(link.id(), NOW.plus(Duration.ofDays(45))))).isTrue();
    assertThat(find(link.id())).get().extracting(StoredLink::useLimit).isNull();

    tx(t -> {
      t.links().updateLimits(link.id(), NOW.minus(Duration.ofSeconds(1)), null);
      return null;
    });
    assertThat(flag(t -> t.links().tryUse(link.id(), NOW))).as("expired by the shorter lifetime").isFalse();
  }
}
