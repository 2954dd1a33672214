package dev.invitekit.store.jdbc;

import static dev.invitekit.store.jdbc.Sql.*;

import dev.invitekit.error.StoreException;
import dev.invitekit.spi.store.CounterIncrement;
import dev.invitekit.spi.store.Counters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** counters (A2): the Counters of one {@link JdbcTransaction}. */
final class JdbcCounters implements Counters {

  private final Sql sql;
  private final String counters;

  JdbcCounters(Sql sql) {
    this.sql = sql;
    this.counters = sql.table("counters");
  }

  @Override
  public boolean tryIncrement(String key, Instant window, int permits, int limit) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(window, "window");
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1, was " + permits);
    }
    if (permits > limit) {
      return false;
    }
    if (sql.dialect == Dialect.POSTGRESQL) {
      // One statement: the conflicting row is locked and the condition re-checked on its latest version.
      return sql.update("counters.tryIncrement", "INSERT INTO " + counters + " AS c (counter_key, window_start, count_value) "
          + "VALUES (?, ?, ?) ON CONFLICT (counter_key, window_start) DO UPDATE "
          + "SET count_value = c.count_value + EXCLUDED.count_value WHERE c.count_value + EXCLUDED.count_value <= ?",
          b -> b.text(key).time(window).integer(permits).integer(limit)) == 1;
    }
    // H2: make sure the row exists (a racing insert of the same row is a harmless duplicate), then a
    // conditional update under the row lock.
    sql.insertUnlessPresent("counters.tryIncrement", "INSERT INTO " + counters
        + " (counter_key, window_start, count_value) VALUES (?, ?, 0)", "", b -> b.text(key).time(window));
    return sql.update("counters.tryIncrement", "UPDATE " + counters + " SET count_value = count_value + ? "
        + "WHERE counter_key = ? AND window_start = ? AND count_value + ? <= ?",
        b -> b.integer(permits).text(key).time(window).integer(permits).integer(limit)) == 1;
  }

  /**
   * One JDBC batch of conditional increments, whose row counts say which were applied (1) and which
   * refused (0). PostgreSQL: the conditional upsert of {@link #tryIncrement}, written as
   * {@code INSERT … SELECT} so that a driver rewriting batched {@code INSERT … VALUES} leaves it alone and
   * reports a count per step. H2: first a batch creating the missing rows with their first step's permits,
   * then a batch of the other steps' conditional updates under each row's lock (see {@link #sendH2}).
   *
   * <p>The steps go to the database ordered by key and window (steps of one key keep their order, so a
   * later one still sees what an earlier one took), and every unit of work takes the row locks in that one
   * order: two bulk increments over the same counters never deadlock, whatever order their callers listed
   * them in (issue 9.14). Consecutive steps on one counter under one limit go as one step taking their sum
   * ({@link #merge}); should one such step be refused, what the batch took is given back and the steps go
   * one by one, so the answers are always those of the steps.
   */
  @Override
  public List<IncrementOutcome> tryIncrementAll(List<CounterIncrement> increments) {
    Objects.requireNonNull(increments, "increments");
    List<CounterIncrement> steps = List.copyOf(increments);
    IncrementOutcome[] applied = new IncrementOutcome[steps.size()];
    java.util.Arrays.fill(applied, IncrementOutcome.REFUSED);
    // A step asking more than its limit is refused without asking the database, as tryIncrement does.
    List<Integer> asked = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).permits() <= steps.get(i).limit()) {
        asked.add(i);
      }
    }
    if (asked.isEmpty()) {
      return List.of(applied);
    }
    asked.sort(java.util.Comparator.comparing((Integer i) -> steps.get(i).key())
        .thenComparing(i -> steps.get(i).window()));   // a stable sort: one key's steps keep their order
    List<CounterIncrement> ordered = asked.stream().map(steps::get).toList();
    // Consecutive steps on one counter under one limit go as one step taking their sum: a bulk invite's
    // 20 steps on the inviter's and on the account's counter are 2 statements, not 40. When the sum fits,
    // each step alone would have fitted after the ones before it; when it does not, what the merged steps
    // took is given back and the steps go one by one, so the outcomes are exactly those of the steps.
    List<Merged> merged = merge(ordered);
    if (merged.size() < ordered.size()) {
      int[] counts = send(merged.stream().map(Merged::step).toList());
      List<CounterIncrement> taken = new ArrayList<>();
      for (int n = 0; n < counts.length; n++) {
        if (counts[n] == 1) {
          taken.add(merged.get(n).step());
        }
      }
      if (taken.size() == merged.size()) {
        for (Merged m : merged) {
          for (int n = m.first(); n < m.first() + m.count(); n++) {
            applied[asked.get(n)] = IncrementOutcome.TAKEN;
          }
        }
        return List.of(applied);
      }
      decrementAll(taken);
    }
    int[] counts = send(ordered);
    for (int n = 0; n < asked.size(); n++) {
      applied[asked.get(n)] = counts[n] == 1 ? IncrementOutcome.TAKEN : IncrementOutcome.REFUSED;
    }
    return List.of(applied);
  }

  /** A run of consecutive steps of the ordered list ({@code count} from {@code first}) as one step. */
  private record Merged(CounterIncrement step, int first, int count) {}

  /**
   * The ordered steps with each run on one counter (key and window) under one limit made one step taking
   * their sum, as long as the sum stays within the limit (a step asking more than its limit is never sent).
   */
  private static List<Merged> merge(List<CounterIncrement> ordered) {
    List<Merged> runs = new ArrayList<>();
    for (int n = 0; n < ordered.size(); n++) {
      CounterIncrement step = ordered.get(n);
      Merged last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last != null && last.step().key().equals(step.key()) && last.step().window().equals(step.window())
          && last.step().limit() == step.limit() && (long) last.step().permits() + step.permits() <= step.limit()) {
        runs.set(runs.size() - 1, new Merged(new CounterIncrement(step.key(), step.window(),
            last.step().permits() + step.permits(), step.limit()), last.first(), last.count() + 1));
      } else {
        runs.add(new Merged(step, n, 1));
      }
    }
    return runs;
  }

  /**
   * One JDBC batch of conditional increments, in the order given (key order); the row counts say which
   * were applied. On H2 see {@link #sendH2}.
   */
  private int[] send(List<CounterIncrement> ordered) {
    if (sql.dialect == Dialect.POSTGRESQL) {
      return sql.batch("counters.tryIncrementAll", "INSERT INTO " + counters + " AS c (counter_key, window_start, count_value) "
          + "SELECT CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS INTEGER) "
          + "ON CONFLICT (counter_key, window_start) DO UPDATE "
          + "SET count_value = c.count_value + EXCLUDED.count_value WHERE c.count_value + EXCLUDED.count_value <= ?",
          ordered.size(), (n, b) -> {
            CounterIncrement step = ordered.get(n);
            b.text(step.key()).time(step.window()).integer(step.permits()).integer(step.limit());
          });
    }
    return sendH2(ordered);
  }

  /** A counter's row: its key and window. */
  private record Row(String key, Instant window) {}

  /**
   * H2, which has no conditional upsert: first one JDBC batch of conditional inserts, one per counter of
   * these steps (given in key order), each creating its row, when missing, already holding the permits of
   * the first step on it; then one batch of the conditional updates of every other step. A row this unit
   * of work created took its first step exactly as creating it at zero and then updating it would have
   * ({@code 0 + permits <= limit} holds for every step sent), so the outcomes are those of the steps;
   * a bulk invite's new per-recipient counters (I6) so cost one insert each instead of an insert and an
   * update.
   *
   * <p>Races: each insert of the batch is its own statement. A row a racing unit of work created and has
   * not committed makes H2 wait for it to end: if it rolled back, this insert creates the row; if it
   * committed, the insert fails with a duplicate key, alone (the batch goes on and the failure counts as
   * "not created here"), and the row is there for the conditional update under its lock, which re-checks
   * the limit on the committed value. Nothing is retried, so nothing gives up: a unit of work never fails
   * because another one created the same counter at the same moment (issue 9.14). Every unit of work takes
   * the rows in one order (the key order of the steps, inserts then updates), so two never wait for each
   * other in a cycle.
   */
  private int[] sendH2(List<CounterIncrement> ordered) {
    List<Integer> firsts = new ArrayList<>();
    Set<Row> seen = new HashSet<>();
    for (int n = 0; n < ordered.size(); n++) {
      if (seen.add(new Row(ordered.get(n).key(), ordered.get(n).window()))) {
        firsts.add(n);
      }
    }
    int[] created = sql.batchTolerating("counters.tryIncrementAll", "INSERT INTO " + counters
        + " (counter_key, window_start, count_value) SELECT CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE), "
        + "CAST(? AS INTEGER) FROM (VALUES (1)) one WHERE NOT EXISTS (SELECT 1 FROM " + counters
        + " c WHERE c.counter_key = ? AND c.window_start = ?)", firsts.size(), (n, b) -> {
          CounterIncrement step = ordered.get(firsts.get(n));
          b.text(step.key()).time(step.window()).integer(step.permits()).text(step.key()).time(step.window());
        }, "23505");
    int[] counts = new int[ordered.size()];
    boolean[] done = new boolean[ordered.size()];
    for (int n = 0; n < created.length; n++) {
      if (created[n] == 1) {
        counts[firsts.get(n)] = 1;
        done[firsts.get(n)] = true;
      } else if (created[n] != 0) {
        throw new StoreException("JDBC store: counters.tryIncrementAll: the driver did not report a row count per "
            + "statement of the batch (is it rewriting batches?)");
      }
    }
    List<Integer> rest = new ArrayList<>();
    for (int n = 0; n < ordered.size(); n++) {
      if (!done[n]) {
        rest.add(n);
      }
    }
    if (rest.isEmpty()) {
      return counts;
    }
    int[] updated = sql.batch("counters.tryIncrementAll", "UPDATE " + counters + " SET count_value = count_value + ? "
        + "WHERE counter_key = ? AND window_start = ? AND count_value + ? <= ?", rest.size(), (n, b) -> {
          CounterIncrement step = ordered.get(rest.get(n));
          b.integer(step.permits()).text(step.key()).time(step.window()).integer(step.permits()).integer(step.limit());
        });
    for (int n = 0; n < updated.length; n++) {
      counts[rest.get(n)] = updated[n];
    }
    return counts;
  }

  /** One JDBC batch of decrements. */
  @Override
  public void decrementAll(List<CounterIncrement> decrements) {
    Objects.requireNonNull(decrements, "decrements");
    List<CounterIncrement> steps = List.copyOf(decrements);
    if (steps.isEmpty()) {
      return;
    }
    sql.batch("counters.decrementAll", "UPDATE " + counters + " SET count_value = GREATEST(count_value - ?, 0) "
        + "WHERE counter_key = ? AND window_start = ?", steps.size(), (n, b) -> {
          CounterIncrement step = steps.get(n);
          b.integer(Math.max(0, step.permits())).text(step.key()).time(step.window());
        });
  }

  @Override
  public void decrement(String key, Instant window, int permits) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(window, "window");
    int given = Math.max(0, permits);
    sql.update("counters.decrement", "UPDATE " + counters + " SET count_value = GREATEST(count_value - ?, 0) "
        + "WHERE counter_key = ? AND window_start = ?", b -> b.integer(given).text(key).time(window));
  }

  @Override
  public int value(String key, Instant window) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(window, "window");
    return sql.one("counters.value", "SELECT count_value FROM " + counters + " WHERE counter_key = ? AND window_start = ?",
        b -> b.text(key).time(window), r -> r.getInt(1)).orElse(0);
  }

  @Override
  public int deleteBefore(Instant before) {
    Objects.requireNonNull(before, "before");
    return sql.update("counters.deleteBefore", "DELETE FROM " + counters + " WHERE window_start < ?", b -> b.time(before));
  }
}
