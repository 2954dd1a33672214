package dev.invitekit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.invitekit.contacts.Contact;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.UserId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.store.jdbc.JdbcStore;
import dev.invitekit.store.memory.InMemoryStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The plumbing of benchmarks 6 and 3: the roster is what it says, the hand-written contacts answer exactly
 * what Invitekit answers (so the benchmark compares equal work), the open invitations are open and
 * previewable, and each scale row pairs with the same store's smallest size.
 */
class ContactsAndScalePlumbingTest {
  private static final int MEMBERS = 3_000;

  @Test
  void theRosterHasCoworkersGuestsAndAdminsAndTheViewerInvitedSomeGuests() {
    BenchKit bench = BenchKit.inMemory(PasswordHashing.insecureFastForTestsOnly());
    List<MemberRoster.Member> roster = MemberRoster.generate(bench.account, bench.admin, MEMBERS,
        bench.clock.instant());
    UserId viewer = MemberRoster.id(MemberRoster.VIEWER);

    assertThat(roster).hasSize(MEMBERS);
    assertThat(roster.get(MemberRoster.VIEWER).membership().role()).isEqualTo(Role.COWORKER);
    assertThat(roster).filteredOn(m -> m.membership().role() == Role.GUEST).hasSize(MEMBERS / 10);
    assertThat(roster).filteredOn(m -> m.membership().role() == Role.ADMIN).hasSize(MEMBERS / 500);
    assertThat(roster).filteredOn(m -> viewer.equals(m.membership().invitedBy()))
        .hasSize(MEMBERS / 1000).allMatch(m -> m.membership().role() == Role.GUEST);
    bench.close();
  }

  /** C1, C2: for a co-worker, a guest the viewer invited and a guest the founder invited. */
  @Test
  void theHandWrittenContactsInMemoryAnswerWhatInvitekitAnswers() {
    BenchKit bench = BenchKit.on(new InMemoryStore(), PasswordHashing.insecureFastForTestsOnly());
    fill(bench);
    HandWrittenContacts.InMemory handWritten = ContactsBench.inMemoryBaseline(bench);

    for (int position : new int[] {MemberRoster.VIEWER, 999, 9}) {
      UserId viewer = MemberRoster.id(position);
      List<HandWrittenContacts.Seen> expected = handWritten.visibleTo(viewer.value(), bench.account.value());
      List<Contact> contacts = bench.kit.contacts().visibleTo(viewer, bench.account);
      assertThat(seen(contacts)).isEqualTo(expected);
      assertThat(expected).isNotEmpty();
      // benchmark 6's floor: the same read answering Invitekit's own contacts, equal in every field and the order
      assertThat(handWritten.visibleToAsContacts(viewer.value(), bench.account.value())).isEqualTo(contacts);
    }
    assertThat(handWritten.visibleTo(UUID.randomUUID(), bench.account.value())).isEmpty();
    bench.close();
  }

  @Test
  void theHandWrittenContactsQueryOnH2AnswersWhatInvitekitAnswers() throws Exception {
    HikariDataSource pool = Databases.open(Databases.H2, Databases.POOL_SIZE);
    try {
      JdbcStore store = JdbcStore.builder(pool).build();
      store.migrate();
      BenchKit bench = BenchKit.on(store, PasswordHashing.insecureFastForTestsOnly());
      fill(bench);
      HandWrittenContacts.Jdbc handWritten = new HandWrittenContacts.Jdbc(pool, Databases.H2);

      for (int position : new int[] {MemberRoster.VIEWER, 999, 9}) {
        UserId viewer = MemberRoster.id(position);
        List<HandWrittenContacts.Seen> expected = handWritten.visibleTo(viewer.value(), bench.account.value());
        List<Contact> contacts = bench.kit.contacts().visibleTo(viewer, bench.account);
        assertThat(seen(contacts)).isEqualTo(expected);
        assertThat(handWritten.visibleToAsContacts(viewer.value(), bench.account.value())).isEqualTo(contacts);
      }
      List<HandWrittenContacts.Seen> coworker = handWritten.visibleTo(MemberRoster.id(MemberRoster.VIEWER).value(),
          bench.account.value());
      // the directory (co-workers and admins, the founder included, the viewer not) and the viewer's 3 guests
      assertThat(coworker).hasSize(MEMBERS - MEMBERS / 10 + 3);
      assertThat(coworker).filteredOn(s -> s.relation().equals("YOUR_GUEST")).hasSize(3);
      bench.close();
    } finally {
      Databases.drop(pool);
    }
  }

  @Test
  void openInvitationsAreOpenPreviewableAndCounted() {
    BenchKit bench = BenchKit.inMemory(PasswordHashing.insecureFastForTestsOnly());
    OpenInvitations open = new OpenInvitations(bench, OpenInvitations.LIFETIME);
    Token token = open.insertOne("previewed");
    open.fill(12_000, 10_000);

    assertThat(bench.kit.signup().preview(token)).isInstanceOf(PreviewResult.Valid.class);
    List<StoredInvitation> stored = bench.store.inTransaction(tx -> tx.invitations().ofAccount(bench.account));
    assertThat(stored).hasSize(12_001).allMatch(s -> s.invitation().state() == InvitationState.PENDING && s.tokenDigest() != null);
    bench.close();
  }

  /**
   * Benchmark 3 on a database: both accounts on one connection, each in tables of its own, so one server process
   * serves both sides of a pair; closing them leaves the pool to its owner.
   */
  @Test
  void twoAccountsShareOneConnectionInTablesOfTheirOwn() throws Exception {
    HikariDataSource pool = Databases.open(Databases.H2, 1);
    try {
      OpenInvitations small = OpenInvitations.onShared(pool, "small_");
      OpenInvitations large = OpenInvitations.onShared(pool, "large_");
      List<Token> smallSample = small.fill(30, 10, "small", 3);
      List<Token> largeSample = large.fill(60, 25, "large", 3);
      small.analyze();
      large.analyze();

      // both fills make the same tokens (one seed), each in its own tables: the 20th invitation made in each
      assertThat(largeSample.get(1)).isEqualTo(smallSample.get(2));
      assertThat(invitedLocalPart(small, largeSample.get(1))).isEqualTo("small20");
      assertThat(invitedLocalPart(large, largeSample.get(1))).isEqualTo("large20");
      assertThat(large.accept(largeSample.get(2)).membership().accountId()).isEqualTo(large.bench().account);
      List<StoredInvitation> smallRows =
          small.bench().store.inTransaction(tx -> tx.invitations().ofAccount(small.bench().account));
      List<StoredInvitation> largeRows =
          large.bench().store.inTransaction(tx -> tx.invitations().ofAccount(large.bench().account));
      assertThat(smallRows).hasSize(30);
      assertThat(largeRows).hasSize(60);
      try (Connection c = pool.getConnection(); ResultSet tables = c.getMetaData().getTables(null, null, "%_INVITATIONS",
          null)) {
        List<String> names = new ArrayList<>();
        while (tables.next()) {
          names.add(tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
        }
        assertThat(names).contains("small_invitations", "large_invitations");
      }
      large.close();
      small.close();
      assertThat(pool.isClosed()).isFalse();
    } finally {
      Databases.drop(pool);
    }
    assertThat(pool.isClosed()).isTrue();
  }

  private static String invitedLocalPart(OpenInvitations open, Token token) {
    return ((PreviewResult.Valid) open.bench().kit.signup().preview(token)).preview().invitedEmail().localPart();
  }

  /** A fill's sample: open invitations spread across the whole fill, one every count / sample made. */
  @Test
  void aFillsSampleIsSpreadAcrossTheFill() {
    BenchKit bench = BenchKit.inMemory(PasswordHashing.insecureFastForTestsOnly());
    OpenInvitations open = new OpenInvitations(bench, OpenInvitations.LIFETIME);
    List<Token> sample = open.fill(12_000, 5_000, "spread", 100);

    assertThat(sample).hasSize(100).doesNotHaveDuplicates();
    List<Integer> numbers = sample.stream()
        .map(t -> ((PreviewResult.Valid) bench.kit.signup().preview(t)).preview().invitedEmail().localPart())
        .map(local -> Integer.parseInt(local.substring("spread".length())))
        .toList();
    // one every 120 made: 0, 120, …, 11,880, across units of work of 5,000
    assertThat(numbers).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).map(i -> i * 120).boxed()
        .toList());
    assertThat(open.fill(10, 5_000, "none", 0)).isEmpty();
    bench.close();
  }

  /**
   * Benchmark 3's paired accepts (S6): each invocation accepts one fresh invitation in each account, times both
   * sides, and leaves the number open in each where it was.
   */
  @Test
  void aPairedAcceptJoinsOneMemberInEachAccountAndKeepsTheNumberOpen() throws Exception {
    ScaleBench scale = memoryScale(12_000);
    try {
      scale.analyze();
      ScaleBench.Fresh fresh = new ScaleBench.Fresh();
      Pairs pairs = new Pairs();
      pairs.reset();
      Blackhole hole = BenchPlumbingTest.blackhole();
      for (int i = 0; i < 2; i++) {
        fresh.insert(scale);
        assertThat(scale.accept(fresh, pairs, hole)).isInstanceOf(SignupResult.Joined.class);
      }
      assertThat(pairs.pairs).isEqualTo(2);
      assertThat(pairs.invitekitNs).isPositive();
      assertThat(pairs.baselineNs).isPositive();
      assertThat(open(scale.large)).isEqualTo(12_000);
      assertThat(open(scale.small)).isEqualTo(ScaleBench.BASELINE_INVITATIONS);
      for (OpenInvitations account : List.of(scale.large, scale.small)) {
        BenchKit bench = account.bench();
        // the founder and the two who accepted
        List<Membership> members = bench.store.inTransaction(tx -> tx.memberships().ofAccount(bench.account));
        assertThat(members).hasSize(3);
      }
    } finally {
      scale.tearDown();
    }
  }

  /**
   * Benchmark 3's paired previews (S1, I9): each invocation previews invitations of each account in a block of
   * {@value ScaleBench#PREVIEWS_IN_MEMORY} in memory, going round {@value ScaleBench#PREVIEWED} of them spread
   * across the account, the larger account on Invitekit's side; it counts every preview as one of a pair, and
   * changes nothing.
   */
  @Test
  void aPairedPreviewTimesABlockOnEachSideAndLeavesBothAccountsAsTheyWere() throws Exception {
    ScaleBench scale = memoryScale(12_000);
    try {
      Pairs pairs = new Pairs();
      pairs.reset();
      Blackhole hole = BenchPlumbingTest.blackhole();
      Set<String> previewed = new HashSet<>();
      int invocations = 2 * ScaleBench.PREVIEWED / ScaleBench.PREVIEWS_IN_MEMORY;
      for (int i = 0; i < invocations; i++) {
        // the last preview of each block: the measured side's, which must be the larger account's
        PreviewResult result = scale.preview(pairs, hole);
        assertThat(result).isInstanceOf(PreviewResult.Valid.class);
        EmailAddress invited = ((PreviewResult.Valid) result).preview().invitedEmail();
        assertThat(invited.localPart()).startsWith("large");
        previewed.add(invited.localPart());
      }
      assertThat(pairs.pairs).isEqualTo((long) invocations * ScaleBench.PREVIEWS_IN_MEMORY);
      // the blocks' last previews alone name ever more invitations: previews go round, they do not repeat one
      assertThat(previewed).hasSize(invocations);
      assertThat(pairs.invitekitNs).isPositive();
      assertThat(pairs.baselineNs).isPositive();
      assertThat(open(scale.large)).isEqualTo(12_000);
      assertThat(open(scale.small)).isEqualTo(ScaleBench.BASELINE_INVITATIONS);
    } finally {
      scale.tearDown();
    }
  }

  /** The in-memory previews of stores filled through the API, paired the same way. */
  @Test
  void previewScaleBenchPairsAStoreFilledThroughTheApiWithOneOf10k() {
    PreviewScaleBench scale = new PreviewScaleBench();
    scale.invitations = 10_100;
    scale.setUp();
    try {
      Pairs pairs = new Pairs();
      pairs.reset();
      Blackhole hole = BenchPlumbingTest.blackhole();
      PreviewResult result = scale.preview(pairs, hole);
      assertThat(result).isInstanceOf(PreviewResult.Valid.class);
      assertThat(((PreviewResult.Valid) result).preview().invitedEmail().localPart()).isEqualTo("preview-large");
      assertThat(pairs.pairs).isEqualTo(ScaleBench.PREVIEWS_IN_MEMORY);
      assertThat(pairs.invitekitNs).isPositive();
      assertThat(pairs.baselineNs).isPositive();
    } finally {
      scale.tearDown();
    }
  }

  /**
   * Benchmark 3's floor: the hand-written previews of each side go round {@value ScaleBench#PREVIEWED} open
   * invitations of its own table, taken at the positions {@link OpenInvitations#fill} takes them from (one every
   * count / {@value ScaleBench#PREVIEWED}), the larger table's on the measured side, and a pair times both sides.
   */
  @Test
  void theHandWrittenPreviewsGoRoundTheSamePositionsOnEachSide() {
    PreviewFloorBench floor = new PreviewFloorBench();
    floor.invitations = 12_000;
    floor.setUp();
    assertThat(emailsOfOneRound(floor.large)).isEqualTo(positions("large", 12_000));
    assertThat(emailsOfOneRound(floor.small)).isEqualTo(positions("small", ScaleBench.BASELINE_INVITATIONS));
    assertThat(new PreviewFloorBench.HandWrittenPreviews(100, "x").previewed()).isEqualTo(100);

    Pairs pairs = new Pairs();
    pairs.reset();
    Blackhole hole = BenchPlumbingTest.blackhole();
    for (int i = 0; i < 3; i++) {
      PreviewFloorBench.Preview preview = (PreviewFloorBench.Preview) floor.handWritten(pairs, hole);
      assertThat(preview.email()).startsWith("large").endsWith("@acme.com");
    }
    assertThat(pairs.pairs).isEqualTo(3L * ScaleBench.PREVIEWS_IN_MEMORY);
    assertThat(pairs.invitekitNs).isPositive();
    assertThat(pairs.baselineNs).isPositive();
  }

  /**
   * Benchmark 3's store look-up: each side looks up, through the store SPI, the invitations the preview's sample
   * holds (the same positions of its own fill), the larger store's on the measured side, and a pair times both.
   */
  @Test
  void theStoreLookupsGoRoundThePreviewsSampleOnEachSide() throws Exception {
    PreviewLookupBench lookup = new PreviewLookupBench();
    lookup.invitations = 12_000;
    lookup.setUp();
    try {
      Pairs pairs = new Pairs();
      pairs.reset();
      Blackhole hole = BenchPlumbingTest.blackhole();
      Set<String> emails = new HashSet<>();
      for (int i = 0; i < ScaleBench.PREVIEWED / ScaleBench.PREVIEWS_IN_MEMORY + 1; i++) {
        StoredInvitation found = lookup.storeLookup(pairs, hole);
        assertThat(found.invitation().state()).isEqualTo(InvitationState.PENDING);
        emails.add(found.invitation().email().toString());
      }
      // one found a block; over the blocks they go round the sample, all of the larger store
      assertThat(positions("large", 12_000)).containsAll(emails);
      // each side looks up its own store's sample: one round of each, told apart by their addresses
      assertThat(oneRound(lookup.largeLookups)).isEqualTo(positions("large", 12_000));
      assertThat(oneRound(lookup.smallLookups)).isEqualTo(positions("small", ScaleBench.BASELINE_INVITATIONS));
      assertThat(emails).hasSizeGreaterThan(ScaleBench.PREVIEWED / ScaleBench.PREVIEWS_IN_MEMORY);
      assertThat(pairs.pairs).isEqualTo((ScaleBench.PREVIEWED / ScaleBench.PREVIEWS_IN_MEMORY + 1L)
          * ScaleBench.PREVIEWS_IN_MEMORY);
      assertThat(pairs.invitekitNs).isPositive();
      assertThat(pairs.baselineNs).isPositive();
    } finally {
      lookup.tearDown();
    }
  }

  private static Set<String> oneRound(PreviewLookupBench.Lookups lookups) {
    Set<String> emails = new HashSet<>();
    for (int i = 0; i < ScaleBench.PREVIEWED; i++) {
      emails.add(lookups.next().invitation().email().toString());
    }
    return emails;
  }

  /**
   * Benchmark 3 on a database (H2 here): ScaleBench's own set-up puts both accounts on one pool of one connection,
   * each in tables of its own, previews and accepts on both, and its tear-down drops the pool.
   */
  @Test
  void onADatabaseBothAccountsGoThroughOneConnection() throws Exception {
    ScaleBench scale = new ScaleBench();
    scale.store = Databases.H2;
    scale.invitations = 12_000;
    scale.setUp();
    HikariDataSource pool;
    try {
      pool = java.util.Objects.requireNonNull(scale.large.bench().pool);
      assertThat(scale.small.bench().pool).isSameAs(pool);
      assertThat(pool.getMaximumPoolSize()).isEqualTo(1);
      assertThat(scale.large.bench().tablePrefix).isEqualTo("large_");
      assertThat(scale.small.bench().tablePrefix).isEqualTo("small_");
      scale.analyze();
      Pairs pairs = new Pairs();
      pairs.reset();
      Blackhole hole = BenchPlumbingTest.blackhole();
      PreviewResult preview = scale.preview(pairs, hole);
      assertThat(((PreviewResult.Valid) preview).preview().invitedEmail().localPart()).startsWith("large");
      ScaleBench.Fresh fresh = new ScaleBench.Fresh();
      fresh.insert(scale);
      assertThat(scale.accept(fresh, pairs, hole)).isInstanceOf(SignupResult.Joined.class);
      assertThat(pairs.pairs).isEqualTo(2);
      assertThat(open(scale.large)).isEqualTo(12_000);
      assertThat(open(scale.small)).isEqualTo(ScaleBench.BASELINE_INVITATIONS);
    } finally {
      scale.tearDown();
    }
    assertThat(pool.isClosed()).isTrue();
  }

  private static Set<String> emailsOfOneRound(PreviewFloorBench.HandWrittenPreviews previews) {
    Set<String> emails = new HashSet<>();
    for (int i = 0; i < previews.previewed(); i++) {
      emails.add(previews.next().email());
    }
    return emails;
  }

  /** The addresses at the positions a fill of {@code count} samples, as {@link OpenInvitations#fill} takes them. */
  private static Set<String> positions(String kind, int count) {
    int every = OpenInvitations.every(count, ScaleBench.PREVIEWED);
    Set<String> emails = new HashSet<>();
    for (int i = 0; i < count && emails.size() < ScaleBench.PREVIEWED; i += every) {
      emails.add(kind + i + "@acme.com");
    }
    return emails;
  }

  /** A ScaleBench in memory, set up at {@code invitations} against 10k. */
  private static ScaleBench memoryScale(int invitations) throws Exception {
    ScaleBench scale = new ScaleBench();
    scale.store = "memory";
    scale.invitations = invitations;
    scale.setUp();
    return scale;
  }

  private static long open(OpenInvitations account) {
    BenchKit bench = account.bench();
    return bench.store.inTransaction(tx -> tx.invitations().ofAccount(bench.account)).stream()
        .filter(s -> s.invitation().state() == InvitationState.PENDING).count();
  }

  @Test
  void scaleRowsPairWithTheSameStoreAtAnotherSizeOnly() {
    assertThat(Ratios.sameButSize(Map.of("store", "memory", "invitations", "1000000"),
        Map.of("store", "memory", "invitations", "10000"))).isTrue();
    assertThat(Ratios.sameButSize(Map.of("store", "postgresql", "invitations", "1000000"),
        Map.of("store", "memory", "invitations", "10000"))).isFalse();
  }

  private static void fill(BenchKit bench) {
    PasswordHash hash = bench.store.inTransaction(tx -> tx.users().find(bench.admin)).map(StoredUser::passwordHash)
        .orElseThrow();
    MemberRoster.fill(bench.store, MemberRoster.generate(bench.account, bench.admin, MEMBERS,
        bench.clock.instant().plusSeconds(60)), hash, 1_000);
  }

  private static List<HandWrittenContacts.Seen> seen(List<Contact> contacts) {
    return contacts.stream().map(HandWrittenContacts.Seen::of).toList();
  }
}
