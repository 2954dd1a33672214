package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.NOW;
import static dev.invitekit.store.tck.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The counters part of the store contract (A2): rate limits every node shares. Run as a {@code @Nested}
 * group of {@link StoreContractKit}.
 */
public abstract class CountersContract extends ContractGroup {

  @Test
  @DisplayName("A2: a counter takes permits up to its limit, then refuses, per key and window")
  void upToTheLimit() {
    assertThat(flag(t -> t.counters().tryIncrement("inviter:1", NOW, 2, 3))).isTrue();
    assertThat(flag(t -> t.counters().tryIncrement("inviter:1", NOW, 2, 3))).isFalse();
    assertThat(flag(t -> t.counters().tryIncrement("inviter:1", NOW, 1, 3))).isTrue();
    assertThat(flag(t -> t.counters().tryIncrement("inviter:1", NOW, 1, 3))).isFalse();
    assertThat(number(t -> t.counters().value("inviter:1", NOW))).isEqualTo(3);
    assertThat(flag(t -> t.counters().tryIncrement("inviter:2", NOW, 1, 3))).isTrue();
    assertThat(flag(t -> t.counters().tryIncrement("inviter:1", at(3600), 3, 3))).isTrue();
    assertThat(number(t -> t.counters().value("never", NOW))).isZero();
  }

  @Test
  @DisplayName("A2: every distinct key is its own counter, whatever colons it holds or lacks")
  void distinctKeysAreDistinctCounters() {
    List<String> keys = List.of("x", ":x", "a:x", "a::x", "a:x:", ":", "");
    for (String key : keys) {
      assertThat(flag(t -> t.counters().tryIncrement(key, NOW, 1, 1))).as("first permit of %s", key).isTrue();
    }
    for (String key : keys) {
      assertThat(flag(t -> t.counters().tryIncrement(key, NOW, 1, 1))).as("second permit of %s", key).isFalse();
      assertThat(number(t -> t.counters().value(key, NOW))).as("value of %s", key).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("A2: permits given back are taken again; a counter never goes below zero")
  void decrement() {
    tx(t -> t.counters().tryIncrement("k", NOW, 2, 2));
    tx(t -> {
      t.counters().decrement("k", NOW, 1);
      return null;
    });
    assertThat(number(t -> t.counters().value("k", NOW))).isEqualTo(1);
    tx(t -> {
      t.counters().decrement("k", NOW, 5);
      t.counters().decrement("unknown", NOW, 1);
      return null;
    });
    assertThat(number(t -> t.counters().value("k", NOW))).isZero();
    assertThat(number(t -> t.counters().value("unknown", NOW))).isZero();
  }

  @Test
  @DisplayName("A2: an increment in a unit of work that fails is not counted; fewer than one permit is refused")
  void rollbackAndArguments() {
    assertThatThrownBy(() -> tx(t -> {
      t.counters().tryIncrement("k", NOW, 1, 5);
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(number(t -> t.counters().value("k", NOW))).isZero();
    assertThatThrownBy(() -> tx(t -> t.counters().tryIncrement("k", NOW, 0, 5))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("A2: old windows are deleted, current ones kept")
  void deleteOld() {
    tx(t -> t.counters().tryIncrement("k", at(-7200), 1, 5));
    tx(t -> t.counters().tryIncrement("k", at(-3600), 1, 5));
    tx(t -> t.counters().tryIncrement("k", NOW, 1, 5));

    assertThat(number(t -> t.counters().deleteBefore(NOW))).isEqualTo(2);

    assertThat(number(t -> t.counters().value("k", at(-7200)))).isZero();
    assertThat(number(t -> t.counters().value("k", NOW))).isEqualTo(1);
  }

  @Test
  @DisplayName("A2: 50 threads taking one permit each from a limit of 20: exactly 20 succeed")
  void neverOverTheLimitUnderConcurrency() {
    List<Boolean> taken = Race.run(50, racer -> tx(t -> t.counters().tryIncrement("account:1", NOW, 1, 20)));
    assertThat(taken).filteredOn(Boolean::booleanValue).hasSize(20);
    assertThat(number(t -> t.counters().value("account:1", NOW))).isEqualTo(20);
  }
}
