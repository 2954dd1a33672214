package dev.invitekit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.spi.store.DeliveryRecord;
import dev.invitekit.spi.store.InvitationStore;
import dev.invitekit.spi.store.Outbox;
import dev.invitekit.spi.store.OutboxCompletion;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.TokenDigest;
import dev.invitekit.store.tck.StoreFixtures;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 (benchmark 2): how PostgreSQL runs an invite's statements. The plans it makes for them on tables it has
 * not analyzed yet (a new deployment, a table that grew since the last autovacuum, the bench's fresh schemas), in
 * the generic form it caches for a prepared statement, and where it stores a pending mail.
 *
 * <ul>
 *   <li>I7: the look-up of a bulk invite's open invitations probes the unique index on open invitations once per
 *       address. With the account named inside the probe, the generic plan of the benchmark's run searched the
 *       account's index instead and filtered every invitation of the account by address, 20 times an invite
 *       (40-70 ms at a few thousand invitations, seen with auto_explain).
 *   <li>§5, E1: a delivery round's completions and records find each row by a unique key. Sent as one
 *       statement joined to the round's ids, the records were planned as a hash join over a scan of every
 *       invitation (2.8 ms an invite of 20 at 6,000 invitations, seen with auto_explain).
 *   <li>§5: a pending mail's sealed payload stays in its outbox row (V7). Sealed mail does not compress, and out
 *       of line (TOAST) every mail was written twice and its completion deleted its chunks again: about 0.6 ms of
 *       the database's time an invite of 20.
 * </ul>
 */
class InviteStatementsPostgresTest {
  private String schema;
  private HikariDataSource pool;
  private final List<String> prepared = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    TestDatabases.requirePg();
    schema = TestDatabases.createPgSchema();
    pool = TestDatabases.pg(schema, 2);
  }

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
      TestDatabases.dropPgSchema(schema);
    }
  }

  /** The pool, recording the text of every statement prepared through it. */
  private DataSource recording() {
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result = call(pool, method, args);
          if (!(result instanceof Connection connection)) {
            return result;
          }
          return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
              (p, m, a) -> {
                if (m.getName().equals("prepareStatement") && a != null && a[0] instanceof String text) {
                  prepared.add(text);
                }
                return call(connection, m, a);
              });
        });
  }

  private static Object call(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  @DisplayName("I7: the generic plan of findOpenByEmails probes the open-invitation index by address alone, whatever the account holds")
  void findOpenByEmails_genericPlanProbesTheOpenIndexByAddress() throws Exception {
    JdbcStore store = JdbcStore.builder(recording()).build();
    store.migrate();
    AccountId account = new AccountId(UUID.randomUUID());
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      // One account with many open invitations, as in a bulk-inviting account; never analyzed, as a table
      // that grew since the last autovacuum.
      insertInvitations(s, account, 2000, "SENT");
    }
    prepared.clear();
    var found = store.inTransaction(tx -> tx.invitations().findOpenByEmails(account,
        List.of(EmailAddress.parse("b7@acme.com"), EmailAddress.parse("new@acme.com"))));
    assertThat(found).containsOnlyKeys(EmailAddress.parse("b7@acme.com"));
    String query = prepared.stream().filter(q -> q.contains("unnest")).findFirst().orElseThrow();

    String plan = genericPlan(query, "ARRAY['b7@acme.com', 'new@acme.com']::varchar[]", "'" + account.value() + "'::uuid");

    assertThat(plan).contains("invitekit_invitations_open_key").doesNotContain("invitekit_invitations_account_idx")
        .doesNotContain("Seq Scan on invitekit_invitations");
    // The probe's index condition is the address alone: no plan can trade it for the account's index.
    assertThat(plan.lines().filter(l -> l.contains("Index Cond")).toList())
        .singleElement().satisfies(cond -> assertThat(cond).contains("email").doesNotContain("account_id"));
  }

  @Test
  @DisplayName("§5, E1: a delivery round's records and completions find each invitation and outbox entry by a unique "
      + "key, in the plan cached while the tables were empty and still used once they hold thousands")
  void deliveryRound_findsEachRowByAUniqueKey() throws Exception {
    JdbcStore store = JdbcStore.builder(recording()).build();
    store.migrate();
    List<DeliveryRecord> records = new java.util.ArrayList<>();
    List<OutboxCompletion> completions = new java.util.ArrayList<>();
    for (int n = 1; n <= 20; n++) {
      records.add(new DeliveryRecord(new InvitationId(UUID.randomUUID()), TokenDigest.ofToken("t" + n),
          DeliveryStatus.SENT, StoreFixtures.at(9)));
      completions.add(new OutboxCompletion("m" + n + "@app.example", OutboxEntry.Status.SENT, 1, null));
    }
    prepared.clear();
    // A round on the new, empty tables, as the first invites of a deployment: nothing to change yet.
    List<InvitationStore.RecordOutcome> recorded = store.inTransaction(tx -> tx.invitations().recordDeliveries(records));
    List<Outbox.CompleteOutcome> completed = store.inTransaction(tx -> tx.outbox().completeAll(completions));
    assertThat(recorded).hasSize(20).containsOnly(InvitationStore.RecordOutcome.NOT_CURRENT);
    assertThat(completed).hasSize(20).containsOnly(Outbox.CompleteOutcome.NOT_PENDING);
    String record = prepared.stream().filter(q -> q.contains("SET delivery")).findFirst().orElseThrow();
    String complete = prepared.stream().filter(q -> q.contains("payload = ''")).findFirst().orElseThrow();
    String uuid = "'" + records.get(0).id().value() + "'::uuid";
    String digest = "'" + records.get(0).tokenDigest().hex() + "'";
    AccountId account = new AccountId(UUID.randomUUID());
    // Then thousands of invitations and pending mails, with no ANALYZE since: nothing makes PostgreSQL plan the
    // cached statements again, as the bench's tables within a run (where the set-based round read them all).
    Runnable grow = () -> {
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        insertInvitations(s, account, 3000, "PENDING");
        s.execute("INSERT INTO invitekit_outbox (id, account_id, payload, status, attempts, created_at, "
            + "next_attempt_at) SELECT 'm' || g || '@app.example', '" + account.value() + "', 'v2.x', 'PENDING', "
            + "0, now(), now() FROM generate_series(1, 3000) g");
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    };

    List<String> recordPlans = record.contains("unnest")
        ? plansBeforeAndAfter(record, grow, "'SENT'", "now()", "ARRAY[" + uuid + "]", "ARRAY[" + digest + "]::varchar[]")
        : plansBeforeAndAfter(record, grow, "'SENT'", "now()", uuid, digest);
    List<String> completePlans = complete.contains("ANY")
        ? plansBeforeAndAfter(complete, () -> { }, "'SENT'", "1", "NULL", "ARRAY['m1@app.example']::varchar[]")
        : plansBeforeAndAfter(complete, () -> { }, "'SENT'", "1", "NULL", "'m1@app.example'");

    // One probe of a unique index a row: the primary key, or the token's digest (unique too).
    assertThat(recordPlans).allSatisfy(plan -> assertThat(plan)
        .containsPattern("Index Scan using invitekit_invitations_(pkey|token_key)")
        .doesNotContain("Seq Scan").doesNotContain("Join"));
    assertThat(completePlans).allSatisfy(plan -> assertThat(plan)
        .containsPattern("Index Scan using invitekit_outbox_pkey").doesNotContain("Seq Scan").doesNotContain("Join")
        .doesNotContain("outbox_due_idx").doesNotContain("outbox_status_idx"));
  }

  @Test
  @DisplayName("§5: pending mail of a few kilobytes, sealed, is kept in the outbox row, not out of line; a longer one still goes out of line")
  void sealedPayloads_stayInTheRow() throws Exception {
    JdbcStore store = JdbcStore.builder(pool).build();
    store.migrate();
    SecureRandom random = new SecureRandom();
    for (int n = 0; n < 50; n++) {
      // What a sealed invitation looks like: base64url of random bytes, about 3 kB (the bench's mail is 2.5 kB).
      String payload = sealedLike(random, 2_300);
      OutboxEntry entry = new OutboxEntry("m" + n + "@app.example", null, null, null, payload,
          OutboxEntry.Status.PENDING, 0, StoreFixtures.NOW, StoreFixtures.NOW, null, null);
      store.inTransaction(tx -> {
        tx.outbox().insert(entry);
        return null;
      });
    }
    // Out of line, a value lives in the table's TOAST relation: none of the 3 kB mails is there.
    assertThat(toastBytes()).as("the outbox's TOAST relation after 50 mails of 3 kB").isZero();

    // A mail of 40 kB (a long custom template) is still taken, out of line, as it does not fit a page.
    String longPayload = sealedLike(random, 30_000);
    store.inTransaction(tx -> {
      tx.outbox().insert(new OutboxEntry("long@app.example", null, null, null, longPayload,
          OutboxEntry.Status.PENDING, 0, StoreFixtures.NOW, StoreFixtures.NOW, null, null));
      return null;
    });

    assertThat(toastBytes()).as("the outbox's TOAST relation after a mail of 40 kB").isPositive();
    assertThat(store.inTransaction(tx -> tx.outbox().find("long@app.example")).orElseThrow().payload())
        .isEqualTo(longPayload);
  }

  /** The size of the outbox's TOAST relation, which its owner may ask for (reading it needs a superuser). */
  private long toastBytes() throws java.sql.SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT pg_relation_size(reltoastrelid) FROM pg_class "
            + "WHERE oid = 'invitekit_outbox'::regclass")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String sealedLike(SecureRandom random, int bytes) {
    byte[] sealed = new byte[bytes];
    random.nextBytes(sealed);
    return "v2." + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
  }

  /** {@code count} invitations of {@code account} to b1@acme.com, b2@acme.com, …, pending, delivery as given. */
  private static void insertInvitations(Statement s, AccountId account, int count, String delivery)
      throws java.sql.SQLException {
    s.execute("INSERT INTO invitekit_invitations (id, account_id, email, role, state, invited_by, locale, "
        + "created_at, expires_at, updated_at, delivery, age_check_locked, reminded, token_digest) "
        + "SELECT gen_random_uuid(), '" + account.value() + "', 'b' || g || '@acme.com', 'COWORKER', 'PENDING', "
        + "gen_random_uuid(), 'en', now(), now(), now(), '" + delivery + "', false, false, "
        + "md5('b' || g) || md5(g::text) FROM generate_series(1, " + count + ") g");
  }

  /**
   * The generic plan PostgreSQL caches for {@code query} while the tables are as they are, then the plan the same
   * prepared statement runs with after {@code grow} changed them (no statistics taken in between).
   */
  private List<String> plansBeforeAndAfter(String query, Runnable grow, String... arguments) throws Exception {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("SET plan_cache_mode = force_generic_plan");
      s.execute("PREPARE planned AS " + numbered(query));
      String execute = "EXPLAIN EXECUTE planned(" + String.join(", ", arguments) + ")";
      String before = explain(s, execute);
      grow.run();
      String after = explain(s, execute);
      s.execute("DEALLOCATE planned");
      s.execute("RESET plan_cache_mode");
      return List.of(before, after);
    }
  }

  private static String explain(Statement s, String explain) throws java.sql.SQLException {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rows = s.executeQuery(explain)) {
      while (rows.next()) {
        plan.append(rows.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  /** {@code query} with its {@code ?}s numbered {@code $1, $2, …}, as {@code PREPARE} takes it. */
  private static String numbered(String query) {
    StringBuilder numbered = new StringBuilder();
    int n = 0;
    for (char ch : query.toCharArray()) {
      numbered.append(ch == '?' ? "$" + ++n : String.valueOf(ch));
    }
    return numbered.toString();
  }

  /** The plan PostgreSQL uses for {@code query} once it plans it generically, as for a prepared statement. */
  private String genericPlan(String query, String... arguments) throws Exception {
    return plansBeforeAndAfter(query, () -> { }, arguments).get(0);
  }
}
