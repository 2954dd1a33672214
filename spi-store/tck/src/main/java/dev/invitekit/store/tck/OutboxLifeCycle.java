package dev.invitekit.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.OutboxEntry.Status;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generated sequences of outbox steps (SPEC §5) run against a store and a plain model, a list of entries that
 * answers every question by looking at all of them. Instants are whole minutes from {@link StoreFixtures#NOW}
 * within a few minutes of each other, so that entries are often due, created or leased at the same instant: where
 * the contract leaves the order of equal instants to the store, the checks accept any order of them, and nothing
 * else. Each step may run in a unit of work that then fails, which must leave the outbox as it was. After every
 * step each entry is found as the model holds it.
 *
 * <p>The sequences of one test share its store: each starts by ending what earlier ones left pending (claimed far
 * in the future and given up), and lists the entries of an account of its own, so that it sees only its own.
 */
final class OutboxLifeCycle {

  /** What a step does. */
  enum Command {
    /** Inserts an entry: pending (due at {@code time}, created at {@code other}), or already sent or given up. */
    INSERT,
    /** Claims up to {@code limit} entries due at {@code time}, leased for {@code other} + 1 minutes. */
    CLAIM,
    /** Reschedules an entry to {@code time}, with {@code limit} attempts. */
    RESCHEDULE,
    /** Completes an entry, as sent or (variant) given up. */
    COMPLETE,
    /** Lists {@code limit} entries of a status ({@code other} picks it) of the sequence's account. */
    LIST
  }

  /**
   * One generated step.
   *
   * @param command what it does
   * @param target which entry it acts on: an index into those inserted so far, modulo their number
   * @param time a minute from {@link StoreFixtures#NOW}: when an insert is due, a claim's now, a reschedule's next
   *     attempt
   * @param other a second small number: an insert's creation minute, a lease's length, the status listed
   * @param limit a claim's or a listing's limit, or a reschedule's attempts
   * @param variant an insert's final status or its account, a completion's status
   * @param fails whether the step's unit of work fails after it, which must leave no trace
   */
  record Step(Command command, int target, int time, int other, int limit, boolean variant, boolean fails) {}

  /** A step's command and numbers, before its two flags are drawn. */
  private record Numbers(Command command, int target, int time, int other, int limit) {}

  private static final List<Command> WEIGHTED_COMMANDS = List.of(
      Command.INSERT, Command.INSERT, Command.INSERT, Command.INSERT,
      Command.CLAIM, Command.CLAIM, Command.CLAIM,
      Command.RESCHEDULE, Command.COMPLETE, Command.COMPLETE, Command.LIST);

  /** Sequences of 1 to {@code maxSteps} steps. */
  static Gen<List<Step>> sequences(int maxSteps) {
    Gen<Step> step = Generate.pick(WEIGHTED_COMMANDS).zip(
        integers().between(0, 15),
        integers().between(-3, 3),
        integers().between(-3, 3),
        integers().between(0, 4),
        Numbers::new).zip(
        booleans().all(),
        Generate.pick(List.of(false, false, false, true)),
        (n, variant, fails) -> new Step(n.command(), n.target(), n.time(), n.other(), n.limit(), variant, fails));
    return lists().of(step).ofSizeBetween(1, maxSteps);
  }

  private final Store store;
  private final AccountId accountId;
  // The model: every entry as it should be, in insertion order.
  private final Map<String, OutboxEntry> model = new LinkedHashMap<>();
  private final List<String> ids = new ArrayList<>();

  /**
   * Gives up whatever earlier sequences left pending in {@code store}, and inserts the account that some of this
   * sequence's entries belong to.
   */
  OutboxLifeCycle(Store store) {
    this.store = store;
    Account account = StoreFixtures.account().build();
    accountId = account.id();
    Instant end = StoreFixtures.at(3_650L * 24 * 3600);
    store.inTransaction(tx -> {
      for (OutboxEntry left : tx.outbox().claim(end, end.plusSeconds(60), 10_000)) {
        tx.outbox().complete(left.id(), Status.GAVE_UP, left.attempts(), "left by an earlier sequence");
      }
      tx.accounts().insert(account);
      return true;
    });
  }

  /** Runs every step, checking what it answers and, after it, every entry. */
  void run(List<Step> steps) {
    for (int i = 0; i < steps.size(); i++) {
      String where = "step " + (i + 1) + " of " + steps;
      apply(steps.get(i), where);
      verify(where);
    }
  }

  private static Instant minute(int minutes) {
    return StoreFixtures.at(60L * minutes);
  }

  private void apply(Step step, String where) {
    switch (step.command()) {
      case INSERT -> insert(step, where);
      case CLAIM -> claim(step, where);
      case LIST -> list(step, where);
      case RESCHEDULE, COMPLETE -> {
        if (!ids.isEmpty()) {
          change(step, ids.get(step.target() % ids.size()), where);
        }
      }
    }
  }

  /** Runs {@code work} in a unit of work that commits, or that fails after it when the step says so. */
  private <T> @Nullable T inStep(Step step, Function<StoreTransaction, T> work, String what, String where) {
    if (!step.fails()) {
      return store.inTransaction(work);
    }
    assertThatThrownBy(() -> store.inTransaction(tx -> {
      T ignored = work.apply(tx);
      throw new StepFailed();
    })).as("%s in a failing unit of work at %s", what, where).isInstanceOf(StepFailed.class);
    return null;
  }

  /** The failure a step's unit of work ends with when it must leave no trace. */
  private static final class StepFailed extends RuntimeException {
    StepFailed() {
      super("the step's unit of work fails after its work", null, false, false);
    }
  }

  private void insert(Step step, String where) {
    String id = "lifecycle-" + UUID.randomUUID() + "@app.example.com";
    Status status = step.limit() == 0 ? (step.variant() ? Status.GAVE_UP : Status.SENT) : Status.PENDING;
    OutboxEntry entry = new OutboxEntry(id, step.variant() ? accountId : null, null, null,
        status == Status.PENDING ? "payload " + ids.size() : "", status, status == Status.PENDING ? 0 : 1,
        minute(step.other()), minute(step.time()), null, null);
    inStep(step, tx -> {
      tx.outbox().insert(entry);
      return true;
    }, "insert", where);
    if (!step.fails()) {
      model.put(id, entry);
      ids.add(id);
    }
  }

  private void claim(Step step, String where) {
    Instant now = minute(step.time());
    Instant leaseUntil = now.plusSeconds(60L * (Math.abs(step.other()) + 1));
    List<OutboxEntry> claimed = inStep(step, tx -> tx.outbox().claim(now, leaseUntil, step.limit()), "claim", where);
    if (claimed == null) {
      return;
    }
    Map<String, OutboxEntry> due = new LinkedHashMap<>();
    model.values().stream()
        .filter(e -> e.status() == Status.PENDING && !e.nextAttemptAt().isAfter(now)
            && (e.claimedUntil() == null || !e.claimedUntil().isAfter(now)))
        .forEach(e -> due.put(e.id(), e));
    assertThat(claimed).as("claim(%s, %s, %s) at %s", now, leaseUntil, step.limit(), where)
        .hasSize(Math.min(step.limit(), due.size()))
        .isSortedAccordingTo(Comparator.comparing(OutboxEntry::nextAttemptAt))
        .allSatisfy(c -> assertThat(c).as("a due entry, leased")
            .isEqualTo(Optional.ofNullable(due.get(c.id())).map(e -> e.claimedUntil(leaseUntil)).orElse(null)));
    assertThat(claimed).extracting(OutboxEntry::id).doesNotHaveDuplicates();
    if (!claimed.isEmpty()) {
      // Earliest first: no due entry left behind is due before the last one claimed.
      Instant last = claimed.get(claimed.size() - 1).nextAttemptAt();
      due.values().stream().filter(e -> claimed.stream().noneMatch(c -> c.id().equals(e.id())))
          .forEach(e -> assertThat(e.nextAttemptAt()).as("%s, not claimed at %s", e.id(), where)
              .isAfterOrEqualTo(last));
    }
    claimed.forEach(c -> model.put(c.id(), c));
  }

  private void change(Step step, String id, String where) {
    OutboxEntry current = Objects.requireNonNull(model.get(id));
    boolean pending = current.status() == Status.PENDING;
    if (step.command() == Command.RESCHEDULE) {
      Instant next = minute(step.time());
      Boolean done = inStep(step, tx -> tx.outbox().reschedule(id, step.limit(), next, "try again"), "reschedule",
          where);
      if (done != null) {
        assertThat(done).as("reschedule(%s) at %s", id, where).isEqualTo(pending);
        if (pending) {
          model.put(id, current.rescheduled(step.limit(), next, "try again"));
        }
      }
      return;
    }
    Status status = step.variant() ? Status.GAVE_UP : Status.SENT;
    String error = step.variant() ? "rejected" : null;
    Boolean done = inStep(step, tx -> tx.outbox().complete(id, status, current.attempts() + 1, error), "complete",
        where);
    if (done != null) {
      assertThat(done).as("complete(%s, %s) at %s", id, status, where).isEqualTo(pending);
      if (pending) {
        model.put(id, current.completed(status, current.attempts() + 1, error));
      }
    }
  }

  private void list(Step step, String where) {
    Status status = Status.values()[Math.floorMod(step.other(), Status.values().length)];
    List<OutboxEntry> listed = inStep(step, tx -> tx.outbox().ofAccount(accountId, status, step.limit()), "list",
        where);
    if (listed == null) {
      return;
    }
    List<OutboxEntry> expected = model.values().stream()
        .filter(e -> e.status() == status && accountId.equals(e.accountId()))
        .toList();
    assertThat(listed).as("%s entries of the account, at most %s, at %s", status, step.limit(), where)
        .hasSize(Math.min(step.limit(), expected.size()))
        .isSortedAccordingTo(Comparator.comparing(OutboxEntry::createdAt))
        .allSatisfy(e -> assertThat(expected).contains(e));
    if (!listed.isEmpty()) {
      // Oldest first: no entry left out was created before the last one listed.
      Instant last = listed.get(listed.size() - 1).createdAt();
      expected.stream().filter(e -> !listed.contains(e))
          .forEach(e -> assertThat(e.createdAt()).as("%s, not listed at %s", e.id(), where).isAfterOrEqualTo(last));
    }
  }

  private void verify(String where) {
    List<String> known = List.copyOf(ids);
    List<Optional<OutboxEntry>> found = store.inTransaction(
        tx -> known.stream().map(id -> tx.outbox().find(id)).toList());
    assertThat(found).as("find of each entry after %s", where)
        .isEqualTo(known.stream().map(id -> Optional.of(Objects.requireNonNull(model.get(id)))).toList());
  }
}
