package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.account.Account;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.member.Role;
import dev.invitekit.spi.store.DeliveryRecord;
import dev.invitekit.spi.store.Outbox;
import dev.invitekit.spi.store.InvitationStore;
import dev.invitekit.spi.store.OutboxCompletion;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import dev.invitekit.store.tck.StoreFixtures;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Outside review (round 7), kept as a regression test: Bulk §5, completeAll / recordDeliveries on JdbcStore (H2
 * and PostgreSQL, table prefixes, odd ids) must answer and change exactly what one-at-a-time
 * complete / recordDelivery does. Each case builds identical data in two fresh stores, applies the round in
 * bulk to one and step by step to the other, and compares the outcomes and every row.
 */
class BulkDifferentialReviewTest {

  private final List<Runnable> drops = new ArrayList<>();

  @AfterEach
  void drop() {
    drops.forEach(Runnable::run);
    drops.clear();
  }

  private JdbcStore store(String db, String prefix) {
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(2);
    if (db.equals("h2")) {
      config.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      config.setUsername("sa");
      config.setPassword("");
      HikariDataSource pool = new HikariDataSource(config);
      drops.add(() -> {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        } catch (Exception ignored) {
          // closed
        }
        pool.close();
      });
      JdbcStore store = JdbcStore.builder(pool).tablePrefix(prefix).build();
      store.migrate();
      return store;
    }
    String url = TestDatabases.requirePg(); // under CI=true a missing PostgreSQL fails, never skips
    String schema = "a7_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    config.setJdbcUrl(url);
    config.setUsername(System.getenv("INVITEKIT_PG_USER"));
    config.setPassword(System.getenv("INVITEKIT_PG_PASSWORD"));
    HikariDataSource pool;
    try (HikariDataSource admin = new HikariDataSource(copy(config)); Connection c = admin.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    config.setSchema(schema);
    pool = new HikariDataSource(config);
    drops.add(() -> {
      pool.close();
      try (HikariDataSource admin = new HikariDataSource(copy(config)); Connection c = admin.getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    JdbcStore store = JdbcStore.builder(pool).tablePrefix(prefix).build();
    store.migrate();
    return store;
  }

  private static HikariConfig copy(HikariConfig c) {
    HikariConfig a = new HikariConfig();
    a.setJdbcUrl(c.getJdbcUrl());
    a.setUsername(c.getUsername());
    a.setPassword(c.getPassword());
    a.setMaximumPoolSize(1);
    return a;
  }

  /** The fixture: invitations and their outbox entries, some entries already final. */
  record Data(Account account, StoredUser admin, List<StoredInvitation> invitations, List<OutboxEntry> entries,
      List<String> preCompleted) {}

  static Data data(int n, Function<Integer, String> idOf) {
    Account account = StoreFixtures.account().build();
    StoredUser admin = StoreFixtures.user().build();
    List<StoredInvitation> inv = IntStream.range(0, n)
        .mapToObj(i -> StoreFixtures.invitation(account.id()).invitedBy(admin.user().id()).build()).toList();
    List<OutboxEntry> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StoredInvitation s = inv.get(i);
      entries.add(OutboxEntry.pending(idOf.apply(i), account.id(), s.invitation().id(), s.tokenDigest(),
          "{\"link\":\"secret-" + i + "\"}", StoreFixtures.NOW));
    }
    List<String> pre = new ArrayList<>();
    for (int i = 0; i < n; i += 7) {
      pre.add(entries.get(i).id());
    }
    return new Data(account, admin, inv, entries, pre);
  }

  static void load(JdbcStore store, Data d) {
    store.inTransaction(t -> {
      t.accounts().insert(d.account());
      t.users().insert(d.admin());
      t.memberships().insert(StoreFixtures.membership(d.account().id(), d.admin().user().id()).role(Role.ADMIN)
          .joinedAt(d.account().createdAt()).build());
      return null;
    });
    store.inTransaction(t -> {
      d.invitations().forEach(t.invitations()::insert);
      d.entries().forEach(t.outbox()::insert);
      for (String id : d.preCompleted()) {
        t.outbox().complete(id, OutboxEntry.Status.GAVE_UP, 3, "pre");
      }
      return null;
    });
  }

  /** One-at-a-time, exactly the SPI's default method. */
  static List<Outbox.CompleteOutcome> singles(Outbox o, List<OutboxCompletion> cs) {
    List<Outbox.CompleteOutcome> r = new ArrayList<>();
    for (OutboxCompletion c : cs) {
      r.add(o.complete(c.id(), c.status(), c.attempts(), c.lastError())
          ? Outbox.CompleteOutcome.COMPLETED : Outbox.CompleteOutcome.NOT_PENDING);
    }
    return r;
  }

  static List<InvitationStore.RecordOutcome> singleRecords(InvitationStore s, List<DeliveryRecord> rs) {
    List<InvitationStore.RecordOutcome> r = new ArrayList<>();
    for (DeliveryRecord d : rs) {
      r.add(s.recordDelivery(d.id(), d.tokenDigest(), d.status(), d.at())
          ? InvitationStore.RecordOutcome.RECORDED : InvitationStore.RecordOutcome.NOT_CURRENT);
    }
    return r;
  }

  private void compare(String db, String prefix, Data d, List<OutboxCompletion> round, List<DeliveryRecord> records) {
    JdbcStore bulk = store(db, prefix);
    JdbcStore one = store(db, prefix);
    load(bulk, d);
    load(one, d);
    var bulkOut = bulk.inTransaction(t -> t.outbox().completeAll(round));
    var oneOut = one.inTransaction(t -> singles(t.outbox(), round));
    var bulkRec = bulk.inTransaction(t -> t.invitations().recordDeliveries(records));
    var oneRec = one.inTransaction(t -> singleRecords(t.invitations(), records));
    assertThat(bulkOut).as("completeAll outcomes").isEqualTo(oneOut);
    assertThat(bulkRec).as("recordDeliveries outcomes").isEqualTo(oneRec);
    List<String> ids = d.entries().stream().map(OutboxEntry::id).toList();
    Map<String, OutboxEntry> bulkRows = bulk.inTransaction(t -> t.outbox().findAll(ids));
    Map<String, OutboxEntry> oneRows = one.inTransaction(t -> t.outbox().findAll(ids));
    assertThat(bulkRows).as("outbox rows").isEqualTo(oneRows);
    List<InvitationId> iids = d.invitations().stream().map(s -> s.invitation().id()).toList();
    var bulkInv = bulk.inTransaction(t -> t.invitations().findAll(iids));
    var oneInv = one.inTransaction(t -> t.invitations().findAll(iids));
    assertThat(bulkInv).as("invitation rows").isEqualTo(oneInv);
  }

  static List<OutboxCompletion> alike(Data d) {
    return d.entries().stream().map(e -> new OutboxCompletion(e.id(), OutboxEntry.Status.SENT, 1, null)).toList();
  }

  static List<DeliveryRecord> alikeRecords(Data d, Instant at) {
    return d.invitations().stream()
        .map(s -> new DeliveryRecord(s.invitation().id(), StoreFixtures.digestOf(s), DeliveryStatus.SENT, at))
        .toList();
  }

  // ---- cases

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void sizes_1_2_100_101_1000(String db) {
    for (int n : new int[] {1, 2, 100, 101, 1000}) {
      Data d = data(n, i -> UUID.randomUUID() + "@app.example");
      compare(db, "invitekit_", d, alike(d), alikeRecords(d, StoreFixtures.at(9)));
      drop();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void duplicateIdsInAnAlikeRound(String db) {
    Data d = data(5, i -> UUID.randomUUID() + "@app.example");
    List<OutboxCompletion> round = new ArrayList<>(alike(d));
    round.add(round.get(1));
    round.add(0, round.get(3));
    List<DeliveryRecord> recs = new ArrayList<>(alikeRecords(d, StoreFixtures.at(9)));
    recs.add(recs.get(2));
    compare(db, "invitekit_", d, round, recs);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void staleAndCurrentDigestOfOneInvitationInOneRound(String db) {
    Data d = data(4, i -> UUID.randomUUID() + "@app.example");
    List<DeliveryRecord> recs = new ArrayList<>(alikeRecords(d, StoreFixtures.at(9)));
    StoredInvitation s = d.invitations().get(1);
    // the mail of the superseded token reports in the same round as the current one: I7
    recs.add(0, new DeliveryRecord(s.invitation().id(), StoreFixtures.freshDigest(), DeliveryStatus.SENT,
        StoreFixtures.at(9)));
    recs.add(new DeliveryRecord(d.invitations().get(2).invitation().id(), StoreFixtures.freshDigest(),
        DeliveryStatus.SENT, StoreFixtures.at(9)));
    recs.add(new DeliveryRecord(InvitationId.random(), StoreFixtures.freshDigest(), DeliveryStatus.SENT,
        StoreFixtures.at(9)));
    compare(db, "invitekit_", d, alike(d), recs);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void unknownAndCompletedIdsAndMixedStatuses(String db) {
    Data d = data(6, i -> UUID.randomUUID() + "@app.example");
    List<OutboxCompletion> round = new ArrayList<>(alike(d));
    round.add(new OutboxCompletion("never-written@app.example", OutboxEntry.Status.SENT, 1, null));
    round.add(new OutboxCompletion(d.entries().get(0).id(), OutboxEntry.Status.SENT, 1, null));
    compare(db, "invitekit_", d, round, alikeRecords(d, StoreFixtures.at(9)));
    drop();
    Data d2 = data(6, i -> UUID.randomUUID() + "@app.example");
    List<OutboxCompletion> mixed = new ArrayList<>();
    List<DeliveryRecord> mixedRec = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      boolean gave = i % 2 == 0;
      mixed.add(new OutboxCompletion(d2.entries().get(i).id(), gave ? OutboxEntry.Status.GAVE_UP
          : OutboxEntry.Status.SENT, gave ? 2 : 1, gave ? "550 no such user" : null));
      StoredInvitation s = d2.invitations().get(i);
      mixedRec.add(new DeliveryRecord(s.invitation().id(), StoreFixtures.digestOf(s),
          gave ? DeliveryStatus.FAILED_PERMANENT : DeliveryStatus.SENT, StoreFixtures.at(9 + i)));
    }
    compare(db, "invitekit_", d2, mixed, mixedRec);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void nullVersusEmptyVersusTextErrorIsNotAlike(String db) {
    Data d = data(4, i -> UUID.randomUUID() + "@app.example");
    List<OutboxCompletion> round = List.of(
        new OutboxCompletion(d.entries().get(1).id(), OutboxEntry.Status.GAVE_UP, 2, null),
        new OutboxCompletion(d.entries().get(2).id(), OutboxEntry.Status.GAVE_UP, 2, ""),
        new OutboxCompletion(d.entries().get(3).id(), OutboxEntry.Status.GAVE_UP, 2, "null"));
    compare(db, "invitekit_", d, round, List.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void oddIdsAndPrefixes(String db) {
    String[] odd = {"a'b@x", "100%_off@x", "ünï\u0301code@x", "trailing @x ", "x", "X", "a\\b", "😀@x", "%", "_",
        "it''s", "semi;colon--", "\u0000?".substring(1)};
    for (String prefix : new String[] {"", "p7_", "invitekit_"}) {
      Data d = data(odd.length, i -> odd[i]);
      List<OutboxCompletion> round = new ArrayList<>(alike(d));
      round.add(new OutboxCompletion("%@x", OutboxEntry.Status.SENT, 1, null));
      round.add(new OutboxCompletion("A'B@x", OutboxEntry.Status.SENT, 1, null));
      round.add(new OutboxCompletion("trailing @x", OutboxEntry.Status.SENT, 1, null));
      compare(db, prefix, d, round, alikeRecords(d, StoreFixtures.at(9)));
      drop();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void recordOnInvitationWithoutToken(String db) {
    Data d = data(3, i -> UUID.randomUUID() + "@app.example");
    List<DeliveryRecord> recs = new ArrayList<>(alikeRecords(d, StoreFixtures.at(9)));
    compare(db, "invitekit_", d, alike(d), recs);
  }
}
