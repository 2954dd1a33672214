package dev.invitekit.store.memory;

import com.carrotsearch.hppc.BitMixer;
import com.carrotsearch.hppc.ObjectHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A table of records found by a key each record holds in its own fields: open-addressing sets (HPPC's {@link
 * ObjectHashSet}) whose slots point at the records themselves, so an entry costs one array slot where a {@code
 * HashMap} keeps a node and a key object (issue 12, benchmark 7). A lookup passes a probe, either a record or
 * another object standing for its key; {@link #hash} and {@link #matches} must agree on both.
 *
 * <p>The records are spread over {@value #SHARDS} sets by their hash, so that a set's array stays under half a G1
 * region longer: G1 gives such a "humongous" array whole regions of its own, and a table of a million slots (4 MB)
 * would take twice its size. A set's array is 4 bytes a slot: at a million entries 512 KB at {@link #LOAD_FACTOR}
 * and 1 MB at {@link #SPARSE_LOAD_FACTOR}. With 4 MB regions (G1's choice for heaps of 8 to 16 GB) neither is
 * humongous; with 2 MB regions (heaps of 4 to 8 GB) a sparse index's sets are from about a million entries on,
 * each then taking a region of 2 MB (outside review 15: 16 humongous regions at 1M invitations with -Xmx4g).
 *
 * <p>Not thread-safe: only a {@link MemoryTransaction} touches it, under the store's lock.
 *
 * @param <R> the records
 */
abstract class Index<R> {

  private static final int SHARDS = 16;
  /**
   * At most half the slots filled. A set compares the probe with every record in its run of filled slots, and
   * each comparison reads a record from the heap: a miss (every new invitation, mail and counter is one) looks,
   * just before the set grows, at about 8.5 slots at HPPC's default of 0.75 and 2.5 at 0.5. At 0.5 an invite of
   * 20 took 7% less CPU (issue 12, benchmark 1: 3.59x to 3.34x of its baseline in the same run); a set holds up
   * to twice the slots (4 bytes each) of one at 0.75 between two growths, and the same at 200,000 invitations
   * (benchmark 7).
   */
  static final double LOAD_FACTOR = 0.5;

  /**
   * At most a quarter of the slots filled, for an index whose look-ups are the hot read of a large store (the
   * token index, which every preview, accept and decline goes through). Linear probing compares the probe with
   * each record in its run until the one it stands for, and each comparison reads a record: at a million
   * invitations, where the sets are 48% full at {@link #LOAD_FACTOR} and 24% at this, a hit reads on average 1.46
   * records and 1.16 (Knuth's {@code (1 + 1/(1 - load)) / 2}). Among a million invitations a record read is likely
   * a cache miss: a preview grew by 0.15 and 0.16 µs from 10k to 1M at this load, where it grew by 0.18 and 0.20 at
   * {@link #LOAD_FACTOR}, in alternating runs (issue 12, benchmark 3). The price is twice the slots: two to four
   * more (8 to 16 bytes) an entry (benchmark 7).
   */
  static final double SPARSE_LOAD_FACTOR = 0.25;

  private final Class<R> type;
  private final List<Shard<R>> shards;

  /** An index at most {@link #LOAD_FACTOR} full. */
  Index(Class<R> type) {
    this(type, LOAD_FACTOR);
  }

  /** An index at most {@code loadFactor} full ({@link #LOAD_FACTOR}, or {@link #SPARSE_LOAD_FACTOR}). */
  Index(Class<R> type, double loadFactor) {
    this.type = type;
    List<Shard<R>> made = new ArrayList<>(SHARDS);
    for (int i = 0; i < SHARDS; i++) {
      made.add(new Shard<>(this, loadFactor));
    }
    this.shards = List.copyOf(made);
  }

  /** The hash of a record's key or of a probe standing for it: equal for a probe and the record it matches. */
  abstract int hash(Object recordOrProbe);

  /** Whether {@code record} has the key {@code probe} stands for. */
  abstract boolean matches(Object probe, R record);

  /** One set of the records whose hash picks it: its slots are chosen by other bits of the hash. */
  private static final class Shard<R> extends ObjectHashSet<Object> {
    private final Index<R> index;

    Shard(Index<R> index, double loadFactor) {
      super(4, loadFactor);
      this.index = index;
    }

    /** Its slots, filled or not (its array has one more, for HPPC's empty key, which a record never is). */
    int slots() {
      return mask + 1;
    }

    @Override
    protected int hashKey(Object key) {
      return BitMixer.mix32(index.hash(key));
    }

    @Override
    protected boolean equals(@Nullable Object probe, @Nullable Object stored) {
      return probe != null && stored != null && index.matches(probe, index.type.cast(stored));
    }
  }

  private int shardOf(Object probe) {
    // The top bits of a multiplicative mix; the shard itself uses the low bits of another.
    return (hash(probe) * 0x9E3779B9) >>> 28;
  }

  private Shard<R> shard(Object probe) {
    return shards.get(shardOf(probe));
  }

  /** The record {@code probe} stands for, or null. */
  final @Nullable R get(Object probe) {
    Shard<R> shard = shard(probe);
    int index = shard.indexOf(probe);
    return index >= 0 ? type.cast(shard.indexGet(index)) : null;
  }

  /**
   * Where the record {@code probe} stands for is, or where it would go: one search, for a caller that reads and
   * then writes the same key ({@link #at}, {@link #putAt}), where a get and a put would search twice (issue 12,
   * benchmark 1). Valid until this index next changes.
   */
  final long find(Object probe) {
    int shard = shardOf(probe);
    return ((long) shard << 32) | (shards.get(shard).indexOf(probe) & 0xFFFF_FFFFL);
  }

  /** The record at {@code position} (from {@link #find}), or null when its key has none. */
  final @Nullable R at(long position) {
    int slot = (int) position;
    return slot >= 0 ? type.cast(shards.get((int) (position >>> 32)).indexGet(slot)) : null;
  }

  /**
   * Puts {@code record}, whose key {@link #find} gave {@code position} with no change to this index since, in
   * place of the one with its key, which it returns (null: there was none).
   */
  final @Nullable R putAt(long position, R record) {
    Shard<R> shard = shards.get((int) (position >>> 32));
    int slot = (int) position;
    if (slot >= 0) {
      return type.cast(shard.indexReplace(slot, record));
    }
    shard.indexInsert(slot, record);
    return null;
  }

  /** Puts {@code record} in place of the one with its key, which it returns (null: there was none). */
  final @Nullable R put(R record) {
    Shard<R> shard = shard(record);
    int index = shard.indexOf(record);
    if (index >= 0) {
      return type.cast(shard.indexReplace(index, record));
    }
    shard.indexInsert(index, record);
    return null;
  }

  /** Removes the record {@code probe} stands for and returns it, or null when there is none. */
  final @Nullable R delete(Object probe) {
    Shard<R> shard = shard(probe);
    int index = shard.indexOf(probe);
    if (index < 0) {
      return null;
    }
    R removed = type.cast(shard.indexGet(index));
    shard.indexRemove(index);
    return removed;
  }

  /** How many records there are. */
  final int size() {
    int size = 0;
    for (Shard<R> shard : shards) {
      size += shard.size();
    }
    return size;
  }

  /** How many slots its sets have in all, filled or not: at least {@code size() / loadFactor}. */
  final int slots() {
    int slots = 0;
    for (Shard<R> shard : shards) {
      slots += shard.slots();
    }
    return slots;
  }

  /** The records, in no particular order; the table must not change until the stream is consumed. */
  final Stream<R> stream() {
    return shards.stream().flatMap(shard -> Arrays.stream(shard.keys)).filter(Objects::nonNull).map(type::cast);
  }
}
