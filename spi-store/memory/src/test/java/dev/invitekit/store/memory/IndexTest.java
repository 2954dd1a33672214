package dev.invitekit.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The store's open-addressing tables agree with a {@code HashMap} through any mix of puts, lookups and removals. */
class IndexTest {

  /** A record keyed by its {@code id}; {@link Long} probes stand for it. */
  record Entry(long id, String value) {}

  /** An index of entries by id whose hash is {@code id % buckets}: few buckets make every lookup collide. */
  private static Index<Entry> index(int buckets) {
    return index(buckets, Index.LOAD_FACTOR);
  }

  /** As {@link #index(int)}, at most {@code loadFactor} full. */
  private static Index<Entry> index(int buckets, double loadFactor) {
    return new Index<>(Entry.class, loadFactor) {
      @Override
      int hash(Object key) {
        long id = key instanceof Long probe ? probe : ((Entry) key).id();
        return (int) Math.floorMod(id, (long) buckets);
      }

      @Override
      boolean matches(Object key, Entry record) {
        return (key instanceof Long probe ? probe : ((Entry) key).id()) == record.id();
      }
    };
  }

  @Test
  @DisplayName("issue 12, benchmarks 3 and 7: 200,000 random puts, replacements, lookups and removals give what a "
      + "HashMap gives, with well spread and with colliding hashes, also through find, at and putAt, half and a "
      + "quarter full")
  void agreesWithAHashMap() {
    for (double loadFactor : new double[] {Index.LOAD_FACTOR, Index.SPARSE_LOAD_FACTOR}) {
      agreesWithAHashMap(loadFactor);
    }
  }

  private static void agreesWithAHashMap(double loadFactor) {
    for (int buckets : new int[] {Integer.MAX_VALUE, 7}) {
      Index<Entry> index = index(buckets, loadFactor);
      Map<Long, Entry> expected = new HashMap<>();
      Random random = new Random(buckets);
      int operations = buckets == 7 ? 20_000 : 200_000;
      for (int i = 0; i < operations; i++) {
        long id = random.nextInt(buckets == 7 ? 2_000 : 50_000);
        switch (random.nextInt(4)) {
          case 0 -> {
            Entry entry = new Entry(id, "v" + i);
            assertThat(index.put(entry)).isEqualTo(expected.put(id, entry));
          }
          case 3 -> {
            // One search, then a read and a write where it pointed (issue 12, benchmark 1).
            long position = index.find(id);
            assertThat(index.at(position)).isEqualTo(expected.get(id));
            Entry entry = new Entry(id, "at" + i);
            assertThat(index.putAt(position, entry)).isEqualTo(expected.put(id, entry));
          }
          case 1 -> assertThat(index.delete(id)).isEqualTo(expected.remove(id));
          default -> assertThat(index.get(id)).isEqualTo(expected.get(id));
        }
      }
      assertThat(index.size()).isEqualTo(expected.size());
      assertThat(index.stream().collect(Collectors.toMap(Entry::id, e -> e)))
          .isEqualTo(expected);
      for (long id = 0; id < 50_000; id += 97) {
        assertThat(index.get(id)).isEqualTo(expected.get(id));
      }
    }
  }

  @Test
  @DisplayName("issue 12, benchmark 7: a record is its own probe, and put replaces the record with its key")
  void recordsAreTheirOwnProbes() {
    Index<Entry> index = index(Integer.MAX_VALUE);
    Entry first = new Entry(42, "first");
    Entry second = new Entry(42, "second");

    assertThat(index.put(first)).isNull();
    assertThat(index.put(second)).isSameAs(first);
    assertThat(index.get(new Entry(42, "any"))).isSameAs(second);
    assertThat(index.get(42L)).isSameAs(second);
    assertThat(index.size()).isEqualTo(1);
    assertThat(index.delete(second)).isSameAs(second);
    assertThat(index.get(42L)).isNull();
    assertThat(index.delete(42L)).isNull();
    assertThat(index.size()).isZero();
  }

  @Test
  @DisplayName("issue 12, benchmark 3: a sparse index keeps at least four slots an entry, a default one two")
  void aSparseIndexKeepsAtMostAQuarterOfItsSlotsFilled() {
    Index<Entry> sparse = index(Integer.MAX_VALUE, Index.SPARSE_LOAD_FACTOR);
    Index<Entry> dense = index(Integer.MAX_VALUE);
    for (long id = 0; id < 100_000; id++) {
      sparse.put(new Entry(id, "v"));
      dense.put(new Entry(id, "v"));
      if (id % 9_973 == 0) {
        assertThat(sparse.slots()).isGreaterThanOrEqualTo(4 * sparse.size());
        assertThat(dense.slots()).isGreaterThanOrEqualTo(2 * dense.size());
      }
    }
    // at 100,000 entries, 6,250 a set: 32,768 slots a set against 16,384
    assertThat(sparse.slots()).isEqualTo(2 * dense.slots()).isEqualTo(16 * 32_768);
  }
}
