package dev.invitekit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Password;
import dev.invitekit.store.tck.StoreFixtures;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.account.Account;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.InvitePolicy.CoworkerInviters;
import dev.invitekit.account.InvitePolicy.GuestInviters;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.account.PolicyChange;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.license.LicenseResult;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.link.ShareResult;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.TokenDigest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The authorization property (issue 5, extended by issue 8): random actors perform random operations; a
 * plain model of who may do what decides which are allowed; every refused one must come back as a typed
 * refusal and change nothing a store or mailbox shows. A store provider runs it by supplying fresh stores:
 * the in-memory store does ({@code InMemoryAuthorizationPropertyTest}); the JDBC store over H2 and
 * PostgreSQL subclasses it the same way.
 *
 * <p>The model covers every operation that sends mail or admits someone (U6): inviting, re-sending (the
 * actor's right to invite that address with that role today, and I8's re-check of what the invitation
 * grants), sharing the link by email (L2, with the per-recipient limit of A2), fetching and rotating the
 * link, redeeming it (L1, L3, U5: in the account's name, a guest only where every member who may fetch the
 * link may invite guests), accepting (I8), also after the member who fetched the link was removed and
 * after policy changes between invite and accept.
 *
 * <p>Each sequence starts from a fresh store holding Acme (PRO_PLUS, 2 seats, acme.com) with Ada (admin),
 * Bob (co-worker), Gus (guest from outside.org), Nia (co-worker whose invite permission is off, who invited
 * new2@acme.com before), Dee (an admin demoted to co-worker, who invited new1@acme.com as an admin before),
 * and a second account Other whose admin Olga is no member of Acme; plus an anonymous visitor (a user id
 * nobody has). A second property runs actors concurrently on one store (as nodes of one app would) under a
 * fixed policy and checks what must hold under any interleaving.
 */
public abstract class AuthorizationPropertyKit {
  /** Sequences per run; with up to {@link #MAX_COMMANDS} commands each. */
  protected static final int SEQUENCES = 2000;
  protected static final int MAX_COMMANDS = 20;
  static final String PASSWORD = "correct horse battery staple, 7 violet kiwis";
  static final LocalDate ADULT = LocalDate.of(1990, 5, 17);
  static final Instant START = Instant.parse("2025-03-10T09:00:00Z");

  /** A fresh, empty store for one sequence. */
  protected abstract Store newStore();

  /** Releases what {@link #newStore()} acquired, after its sequence. */
  protected void closeStore(Store used) {}

  /**
   * How many sequences this run generates (default {@value #SEQUENCES}); a store whose fresh stores are
   * slow to make (a schema per sequence) may run fewer, never fewer than 50.
   */
  protected int sequences() {
    return SEQUENCES;
  }

  /** Commands run across every sequence of this run (for the report). */
  protected final AtomicInteger commandsRun = new AtomicInteger();
  /** How many of them the model refused (so a run where nothing is refused cannot pass unnoticed). */
  protected final AtomicInteger refusedRun = new AtomicInteger();

  @Test
  @DisplayName("U4, U6, I7, I8, L1, L3, P2, S6, A2: whatever is not allowed is refused with a typed outcome and changes nothing")
  void refusedOperationsChangeNothing() {
    int sequences = Math.max(50, sequences());
    qt().withExamples(sequences).withShrinkCycles(50)
        .forAll(lists().of(longs().all()).ofSizeBetween(1, MAX_COMMANDS))
        .checkAssert(commands -> {
          Store store = newStore();
          try {
            new World(store).run(commands);
          } finally {
            closeStore(store);
          }
        });
    System.out.printf("Authorization property (%s): %d sequences, %d commands, %d refused by the model%n",
        getClass().getSimpleName(), sequences, commandsRun.get(), refusedRun.get());
    assertThat(refusedRun.get()).as("refused commands").isGreaterThan(sequences);
    assertThat(commandsRun.get() - refusedRun.get()).as("allowed commands").isGreaterThan(sequences);
  }

  /** Rounds of the concurrent property; a store whose fresh stores are slow may run fewer, never fewer than 10. */
  protected int concurrentRounds() {
    return 60;
  }

  /** Actors acting at once in each round of the concurrent property (more than the cores of a small CI box). */
  protected static final int THREADS = 4;
  /** Operations each concurrent actor performs per round. */
  protected static final int OPERATIONS = 8;

  /** A fresh, empty store for {@code threads} actors at once (a JDBC store sizes its pool for them). */
  protected Store newStoreForThreads(int threads) {
    return newStore();
  }

  /** The fixed policies of the concurrent rounds: links admitting guests, under each guest-invite rule. */
  static final List<InvitePolicy> CONCURRENT_POLICIES = List.of(
      InvitePolicy.defaults().withLinksAdmitGuests(true),
      InvitePolicy.defaults().withLinksAdmitGuests(true).withGuestInviters(GuestInviters.ADMINS_ONLY),
      InvitePolicy.defaults().withLinksAdmitGuests(true).withGuestInviters(GuestInviters.ADMINS_ONLY)
          .withCoworkerInviters(CoworkerInviters.ADMINS_ONLY),
      InvitePolicy.defaults().withLinksAdmitGuests(true).withGuestInviters(GuestInviters.NO_ONE),
      InvitePolicy.defaults());

  @Test
  @DisplayName("U2, U5, U6, I8, L1, L2, A2: actors acting at once, on two nodes of one store, get nothing they may not: "
      + "no re-send without the right, no guest through a link that may not admit them, no share past the "
      + "per-recipient limit, the link of a removed member still admitting in the account's name")
  void concurrentActorsStayWithinTheirRights() throws Exception {
    int rounds = Math.max(10, concurrentRounds());
    for (int round = 0; round < rounds; round++) {
      Store store = newStoreForThreads(THREADS);
      try {
        new World(store).runConcurrently(round);
      } finally {
        closeStore(store);
      }
    }
    System.out.printf("Concurrent authorization property (%s): %d rounds of %d actors x %d operations%n",
        getClass().getSimpleName(), rounds, THREADS, OPERATIONS);
  }

  // ---- the model

  /** What the model knows of one member of Acme. */
  record Member(UserId id, EmailAddress email, Role role, boolean mayInvite) {
    Member withRole(Role r) {
      return new Member(id, email, r, mayInvite);
    }

    Member withMayInvite(boolean may) {
      return new Member(id, email, role, may);
    }
  }

  static final String[] ADDRESSES = {
      "new1@acme.com", "new2@acme.com", "pat@outside.org", "kim@elsewhere.net", "olga@other.com",
      "bob@acme.com", "gus@outside.org", "x@other.com"};

  static final List<java.util.function.UnaryOperator<InvitePolicy>> POLICIES = List.of(
      p -> InvitePolicy.defaults(),
      p -> p.withCoworkerInviters(CoworkerInviters.ADMINS_ONLY),
      p -> p.withCoworkerInviters(CoworkerInviters.ADMINS_AND_COWORKERS),
      p -> p.withGuestInviters(GuestInviters.ADMINS_ONLY),
      p -> p.withGuestInviters(GuestInviters.NO_ONE),
      p -> p.withGuestInviters(GuestInviters.EVERYONE),
      p -> p.withLinksEnabled(false),
      p -> p.withLinksEnabled(true),
      p -> p.withLinksAdmitGuests(true));

  /** One sequence: the real thing on a fresh store, the model beside it. */
  final class World {
    final Store store;
    final RecordingMailbox mailbox = new RecordingMailbox();
    final Invitekit kit;
    final AccountId acme;
    final AccountId other;
    final UserId olga;
    final UserId anonymous = UserId.random();
    final List<UserId> actors = new ArrayList<>();
    final Map<UserId, Member> members = new LinkedHashMap<>();
    /** Every identity's address, members or not (a removed member keeps their identity, U1). */
    final Map<UserId, EmailAddress> identities = new LinkedHashMap<>();
    final List<String> linkTokens = new ArrayList<>();
    InvitePolicy policy = InvitePolicy.defaults();
    int joined;
    final UserId ada;
    final UserId bob;
    final UserId gus;
    final UserId nia;
    final UserId dee;

    World(Store store) {
      this.store = store;
      this.kit = Invitekit.builder().store(store).mail(mailbox).baseUrl(URI.create("https://app.example.com"))
          .clock(Clock.fixed(START, ZoneOffset.UTC)).passwordHashing(PasswordHashing.insecureFastForTestsOnly())
          .build();
      FounderConfirmation.Confirmed a = founded(kit, mailbox, new NewAccount("Acme",
          Plan.PRO_PLUS, List.of("acme.com"), 2, Locale.ENGLISH, "ada@acme.com", "Ada", "Admin", ADULT, Password.of(PASSWORD),
          Password.of(PASSWORD)));
      acme = a.account().id();
      UserId ada = a.founder().id();
      members.put(ada, new Member(ada, a.founder().email(), Role.ADMIN, true));
      identities.put(ada, a.founder().email());
      FounderConfirmation.Confirmed o = founded(kit, mailbox, new NewAccount("Other",
          Plan.PRO, List.of("other.com"), 0, Locale.ENGLISH, "olga@other.com", "Olga", "Owens", ADULT, Password.of(PASSWORD),
          Password.of(PASSWORD)));
      other = o.account().id();
      olga = o.founder().id();
      identities.put(olga, o.founder().email());
      UserId bob = join(ada, "bob@acme.com", false, "Bob", "Stone");
      UserId gus = join(ada, "gus@outside.org", false, "Gus", "Guest");
      UserId nia = join(ada, "nia@acme.com", false, "Nia", "North");
      UserId dee = join(ada, "dee@acme.com", true, "Dee", "Demoted");
      this.ada = ada;
      this.bob = bob;
      this.gus = gus;
      this.nia = nia;
      this.dee = dee;
      // Invitations sent while they still could: U6 and I8 must stop them being re-sent (issue 8.10).
      kit.invitations().invite(InviteRequest.members(dee, acme, "new1@acme.com").asAdmins());
      kit.invitations().invite(InviteRequest.members(nia, acme, "new2@acme.com"));
      must(kit.members().setInvitePermission(ada, acme, nia, false));
      must(kit.members().changeRole(ada, acme, dee, Role.COWORKER));
      members.put(nia, members.get(nia).withMayInvite(false));
      members.put(dee, members.get(dee).withRole(Role.COWORKER));
      // An invitation of the other account, which no one of Acme may touch.
      kit.invitations().inviteByEmail(olga, other, "x@other.com");
      actors.addAll(List.of(ada, bob, gus, nia, dee, olga, anonymous));
    }

    private UserId join(UserId ada, String email, boolean admin, String first, String last) {
      InviteRequest request = InviteRequest.members(ada, acme, email);
      kit.invitations().invite(admin ? request.asAdmins() : request);
      SignupResult.Joined j = (SignupResult.Joined) kit.signup().createAccount(
          new SignupRequest(Token.of(tokenFor(email).orElseThrow()), ADULT, first, last, Password.of(PASSWORD), Password.of(PASSWORD)));
      members.put(j.user().id(), new Member(j.user().id(), j.user().email(), j.membership().role(), true));
      identities.put(j.user().id(), j.user().email());
      return j.user().id();
    }

    private void must(MemberChange change) {
      assertThat(change).isInstanceOf(MemberChange.Changed.class);
    }

    Optional<String> tokenFor(String address) {
      List<MailMessage> to = mailbox.to(address);
      for (int i = to.size() - 1; i >= 0; i--) {
        MailMessage m = to.get(i);
        if ((m.kind() == MailMessage.Kind.INVITATION || m.kind() == MailMessage.Kind.LINK_VERIFICATION
            || m.kind() == MailMessage.Kind.REMINDER) && m.actionUrl() != null) {
          return Optional.of(RecordingMailbox.tokenOf(m.actionUrl()));
        }
      }
      return Optional.empty();
    }

    /** Everything a store or mailbox shows that an operation could change. */
    record Snapshot(List<Invitation> acmeInvitations, List<Invitation> otherInvitations, List<Membership> acmeMembers,
        List<Membership> otherMembers, List<LicenseAssignment> assignments, Optional<StoredLink> link, Account acme,
        int mail) {}

    Snapshot snapshot() {
      return store.inTransaction(tx -> new Snapshot(StoreFixtures.plain(tx.invitations().ofAccount(acme)), StoreFixtures.plain(tx.invitations().ofAccount(other)),
          tx.memberships().ofAccount(acme), tx.memberships().ofAccount(other), tx.seats().ofAccount(acme), tx.links().findActive(acme),
          tx.accounts().find(acme).orElseThrow(), mailbox.count()));
    }

    void run(List<Long> commands) {
      for (long command : commands) {
        Snapshot before = snapshot();
        Step step = step(command);
        commandsRun.incrementAndGet();
        if (!step.allowed()) {
          refusedRun.incrementAndGet();
          assertThat(step.refusal()).as("%s: the answer to a refused operation", step.what()).isTrue();
          assertThat(snapshot()).as("%s: what a refused operation left behind", step.what()).isEqualTo(before);
        } else {
          assertThat(step.refusal()).as("%s: the answer to an allowed operation", step.what()).isFalse();
        }
      }
    }

    /** What the model expected, what was done, and whether the answer was a refusal. */
    record Step(String what, boolean allowed, boolean refusal) {}

    private int pick(long bits, int shift, int n) {
      return (int) Math.floorMod(bits >>> shift, (long) n);
    }

    Step step(long c) {
      int op = pick(c, 0, 14);
      UserId actor = actors.get(pick(c, 4, actors.size()));
      int a = pick(c, 12, 1 << 10);
      int b = pick(c, 24, 1 << 10);
      Member who = members.get(actor);
      return switch (op) {
        case 0, 1 -> invite(actor, who, ADDRESSES[a % ADDRESSES.length], b % 3 == 0);
        case 2 -> revokeOrResend(actor, who, a, true);
        case 3 -> revokeOrResend(actor, who, a, false);
        case 4 -> link(actor, who, b % 2 == 0);
        case 5 -> redeem(a, ADDRESSES[b % ADDRESSES.length]);
        case 6 -> accept(actor, a, b);
        case 7 -> license(actor, who, a, b % 2 == 0);
        case 8 -> permission(actor, who, a, b % 2 == 0);
        case 9 -> role(actor, who, a, Role.values()[b % 3]);
        case 10 -> policy(actor, who, a);
        case 12 -> share(actor, who, a);
        case 13 -> remove(actor, who, a);
        default -> createAccount(a);
      };
    }

    // ---- the plain rules

    boolean company(EmailAddress email) {
      return email.domain().equals("acme.com");
    }

    boolean mayCoworkers(Member m) {
      return m.mayInvite() && (m.role() == Role.ADMIN
          || (m.role() == Role.COWORKER && policy.coworkerInviters() == CoworkerInviters.ADMINS_AND_COWORKERS));
    }

    boolean mayGuests(Member m) {
      return m.mayInvite() && switch (policy.guestInviters()) {
        case EVERYONE -> true;
        case ADMINS_ONLY -> m.role() == Role.ADMIN;
        case NO_ONE -> false;
      };
    }

    boolean mayGrant(Member m, EmailAddress email, Role role) {
      return switch (role) {
        case ADMIN -> company(email) && m.role() == Role.ADMIN;
        case COWORKER -> mayCoworkers(m);
        case GUEST -> mayGuests(m);
      };
    }

    /**
     * L1, U5 (issue 8.6): the link admits a guest only where links admit guests and every member who may
     * fetch the link may invite guests by email.
     */
    boolean linkAdmitsGuests() {
      return policy.linksAdmitGuests() && switch (policy.guestInviters()) {
        case EVERYONE -> true;
        case ADMINS_ONLY -> policy.coworkerInviters() == CoworkerInviters.ADMINS_ONLY;
        case NO_ONE -> false;
      };
    }

    Optional<Member> memberWithEmail(EmailAddress email) {
      return members.values().stream().filter(m -> m.email().equals(email)).findFirst();
    }

    // ---- operations

    Step invite(UserId actor, Member who, String address, boolean asAdmin) {
      EmailAddress email = EmailAddress.parse(address);
      Optional<Invitation> open = store.inTransaction(tx -> tx.invitations().findOpen(acme, email))
          .map(StoredInvitation::invitation);
      InviteRequest request = InviteRequest.members(actor, acme, address);
      InviteResult result = kit.invitations().invite(asAdmin ? request.asAdmins() : request);
      String what = "invite " + address + (asAdmin ? " as admin" : "") + " by " + describe(actor);
      if (who == null || !who.mayInvite() || !(mayCoworkers(who) || mayGuests(who))) {
        return new Step(what, false, result instanceof InviteResult.NotPermitted);
      }
      AddressOutcome outcome = ((InviteResult.InviteReport) result).outcomes().get(0);
      boolean refused = outcome instanceof AddressOutcome.NotAllowed;
      Role role = !company(email) ? Role.GUEST : asAdmin ? Role.ADMIN : Role.COWORKER;
      boolean allowed = (!asAdmin || company(email)) && mayGrant(who, email, role);
      if (allowed && memberWithEmail(email).isEmpty() && open.isPresent()
          && !open.get().invitedBy().equals(actor) && who.role() != Role.ADMIN) {
        allowed = false;   // I7: someone else's pending invitation
      }
      return new Step(what, allowed, refused);
    }

    List<Invitation> targets() {
      return store.inTransaction(tx -> {
        List<Invitation> all = new ArrayList<>(StoreFixtures.plain(tx.invitations().ofAccount(acme)));
        all.addAll(StoreFixtures.plain(tx.invitations().ofAccount(other)));
        return all;
      });
    }

    Step revokeOrResend(UserId actor, Member who, int index, boolean revoke) {
      List<Invitation> all = targets();
      InvitationId id = index % 7 == 0 || all.isEmpty() ? InvitationId.random() : all.get(index % all.size()).id();
      Optional<Invitation> target = all.stream().filter(i -> i.id().equals(id)).findFirst();
      InvitationChange change = revoke ? kit.invitations().revoke(actor, acme, id) : kit.invitations().resend(actor, acme, id);
      String what = (revoke ? "revoke " : "resend ") + target.map(i -> i.email() + " " + i.state()).orElse("unknown")
          + " by " + describe(actor);
      boolean refusal = change instanceof InvitationChange.NotAllowed || change instanceof InvitationChange.NotFound
          || change instanceof InvitationChange.NotOpen;
      boolean allowed = who != null && target.isPresent() && target.get().accountId().equals(acme)
          && (who.role() == Role.ADMIN || target.get().invitedBy().equals(actor))
          && (revoke ? target.get().state().isOpen() : target.get().state() == InvitationState.PENDING
              // U6, I8 (issue 8.10): a re-send sends mail: the actor's right today, and what it grants.
              && mayGrant(who, target.get().email(), target.get().role()) && grants(target.get()));
      return new Step(what, allowed, refusal);
    }

    Step link(UserId actor, Member who, boolean rotate) {
      LinkAccess access = rotate ? kit.links().rotate(actor, acme) : kit.links().current(actor, acme);
      if (access instanceof LinkAccess.Available available) {
        linkTokens.add(RecordingMailbox.tokenOf(available.link().url()));
      }
      boolean allowed = who != null && policy.linksEnabled() && (rotate ? who.role() == Role.ADMIN : mayCoworkers(who));
      return new Step((rotate ? "rotate" : "get") + " the link by " + describe(actor), allowed,
          access instanceof LinkAccess.NotAllowed);
    }

    Step redeem(int index, String address) {
      String token = linkTokens.isEmpty() || index % 5 == 0 ? "A".repeat(43) : linkTokens.get(index % linkTokens.size());
      Optional<StoredLink> active = store.inTransaction(tx -> tx.links().findActive(acme));
      EmailAddress email = EmailAddress.parse(address);
      Redemption r = kit.links().redeem(Token.of(token), address);
      boolean guestOk = linkAdmitsGuests();
      boolean allowed = active.isPresent() && active.get().token().equals(token) && policy.linksEnabled()
          && (company(email) || guestOk);
      return new Step("redeem " + (allowed ? "the link" : "a stale link") + " with " + address, allowed,
          r instanceof Redemption.Refused);
    }

    /** I5, I8, S1 and S6 in plain words: whether this invitation may be accepted now. */
    boolean acceptable(Optional<StoredInvitation> stored) {
      if (stored.isEmpty()) {
        return false;
      }
      Invitation i = stored.get().invitation();
      if (i.state() != InvitationState.PENDING || i.isExpiredAt(START) || i.ageCheckLocked()) {
        return false;
      }
      return grants(i);
    }

    /** I8: whether the invitation still grants its role under today's policy and memberships. */
    boolean grants(Invitation i) {
      if (i.accountId().equals(other)) {
        return true;   // Olga's own invitation to Other, under Other's default policy, which no one changes
      }
      if (i.role() != Role.GUEST && !company(i.email())) {
        return false;
      }
      if (i.viaLink() != null) {
        // L1: the account's right under its current policy, whoever fetched the link (issue 8.5, 8.6).
        return policy.linksEnabled() && (i.role() != Role.GUEST || linkAdmitsGuests());
      }
      Member inviter = members.get(i.invitedBy());
      return inviter != null && mayGrant(inviter, i.email(), i.role());
    }

    Optional<StoredInvitation> byToken(String token) {
      try {
        TokenDigest digest = TokenDigest.of(MessageDigest.getInstance("SHA-256")
            .digest(token.getBytes(StandardCharsets.US_ASCII)));
        return store.inTransaction(tx -> tx.invitations().findByToken(digest));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new AssertionError(e);
      }
    }

    Step accept(UserId actor, int a, int b) {
      String address = ADDRESSES[a % ADDRESSES.length];
      Optional<String> token = tokenFor(address);
      if (token.isEmpty()) {
        return new Step("nothing to accept", true, false);
      }
      Optional<StoredInvitation> stored = byToken(token.get());
      // The actor accepts someone else's invitation unless the dice say to use the invitee's own identity.
      UserId who = b % 2 == 0 && address.equals("olga@other.com") ? olga : actor;
      Optional<EmailAddress> identity = Optional.ofNullable(identities.get(who));
      SignupResult result = kit.signup().join(Token.of(token.get()), who);
      boolean matches = identity.isPresent() && stored.isPresent() && identity.get().equals(stored.get().invitation().email());
      boolean allowed = matches && acceptable(stored);
      if (result instanceof SignupResult.Joined j && j.membership().accountId().equals(acme)) {
        members.putIfAbsent(j.user().id(), new Member(j.user().id(), j.user().email(), j.membership().role(),
            j.membership().mayInvite()));
      }
      return new Step("join with the invitation of " + address + " as " + describe(who), allowed,
          !(result instanceof SignupResult.Joined));
    }

    Step createAccount(int a) {
      String address = ADDRESSES[a % ADDRESSES.length];
      Optional<String> token = tokenFor(address);
      if (token.isEmpty()) {
        return new Step("nothing to sign up with", true, false);
      }
      Optional<StoredInvitation> stored = byToken(token.get());
      boolean hasIdentity = store.inTransaction(tx -> tx.users().findByEmail(EmailAddress.parse(address))).isPresent();
      joined++;
      SignupResult result = kit.signup().createAccount(new SignupRequest(Token.of(token.get()), ADULT, "Quinn", "Yates" + joined,
          Password.of(PASSWORD), Password.of(PASSWORD)));
      if (result instanceof SignupResult.Joined j) {
        identities.put(j.user().id(), j.user().email());
        if (j.membership().accountId().equals(acme)) {
          members.put(j.user().id(), new Member(j.user().id(), j.user().email(), j.membership().role(), true));
        }
        actors.add(j.user().id());
      }
      boolean allowed = !hasIdentity && acceptable(stored);
      return new Step("sign up with the invitation of " + address, allowed, !(result instanceof SignupResult.Joined));
    }

    UserId target(int index) {
      List<UserId> all = new ArrayList<>(members.keySet());
      all.add(olga);
      return all.get(index % all.size());
    }

    Step license(UserId actor, Member who, int index, boolean assign) {
      UserId target = target(index);
      Member m = members.get(target);
      LicenseResult r = assign ? kit.licenses().assign(actor, acme, target, License.PRO_PLUS)
          : kit.licenses().unassign(actor, acme, target, License.PRO_PLUS);
      boolean allowed = who != null && who.role() == Role.ADMIN && (!assign || (m != null && m.role() != Role.GUEST));
      return new Step((assign ? "assign" : "unassign") + " a license to " + describe(target) + " by "
          + describe(actor), allowed, r instanceof LicenseResult.NotAllowed);
    }

    Step permission(UserId actor, Member who, int index, boolean mayInvite) {
      UserId target = target(index);
      Member m = members.get(target);
      MemberChange r = kit.members().setInvitePermission(actor, acme, target, mayInvite);
      boolean allowed = who != null && who.role() == Role.ADMIN && m != null && (mayInvite || m.role() != Role.ADMIN);
      if (allowed && r instanceof MemberChange.Changed) {
        members.put(target, m.withMayInvite(mayInvite));
      }
      return new Step("set invite permission " + mayInvite + " of " + describe(target) + " by " + describe(actor),
          allowed, r instanceof MemberChange.NotAllowed);
    }

    Step role(UserId actor, Member who, int index, Role role) {
      UserId target = target(index);
      Member m = members.get(target);
      MemberChange r = kit.members().changeRole(actor, acme, target, role);
      long admins = members.values().stream().filter(x -> x.role() == Role.ADMIN).count();
      boolean allowed = who != null && who.role() == Role.ADMIN && m != null
          && (m.role() == role || ((role != Role.ADMIN || company(m.email())) && (m.role() != Role.ADMIN || admins > 1)));
      if (allowed && r instanceof MemberChange.Changed changed) {
        assertThat(changed.membership().role()).isEqualTo(role);
        members.put(target, new Member(target, m.email(), role, role == Role.ADMIN || m.mayInvite()));
      }
      return new Step("make " + describe(target) + " " + role + " by " + describe(actor), allowed,
          r instanceof MemberChange.NotAllowed);
    }

    Step policy(UserId actor, Member who, int index) {
      InvitePolicy next = POLICIES.get(index % POLICIES.size()).apply(policy);
      PolicyChange r = kit.accounts().updatePolicy(actor, acme, next);
      boolean allowed = who != null && who.role() == Role.ADMIN;
      if (allowed && r instanceof PolicyChange.Changed) {
        policy = next;
      }
      return new Step("update the policy by " + describe(actor), allowed, r instanceof PolicyChange.NotAllowed);
    }

    static final String[] SHARE_TO = {"pat@outside.org", "kim@elsewhere.net"};

    /**
     * L2, U6, A2 (issue 8.3): sharing the link by email. Whoever may have the link may share it; each
     * recipient gets the message or a rate-limited outcome, never more share mails a day than the
     * per-recipient limit, across calls and nodes.
     */
    Step share(UserId actor, Member who, int index) {
      String to = index % 3 == 0 ? SHARE_TO[0] + ", " + SHARE_TO[1] : SHARE_TO[index % 2];
      ShareResult r = kit.links().share(actor, acme, to, true);
      boolean allowed = who != null && policy.linksEnabled() && mayCoworkers(who);
      if (r instanceof ShareResult.Shared shared) {
        for (EmailAddress recipient : shared.recipients()) {
          assertThat(shareMails(recipient.toString())).as("share mails to %s", recipient)
              .isLessThanOrEqualTo(policy.invitesPerRecipientPerDay());
        }
      }
      return new Step("share the link with " + to + " by " + describe(actor), allowed,
          r instanceof ShareResult.NotAllowed);
    }

    long shareMails(String address) {
      return mailbox.to(address).stream().filter(m -> m.kind() == MailMessage.Kind.LINK_SHARE).count();
    }

    /**
     * U2, L1, I8 (issue 8.5): an admin removes a member. The links the member fetched keep admitting in
     * the account's name; the member's emailed invitations no longer grant anything (the model's
     * {@link #grants}).
     */
    Step remove(UserId actor, Member who, int index) {
      UserId target = target(index);
      Member m = members.get(target);
      MemberChange r = kit.members().remove(actor, acme, target);
      long admins = members.values().stream().filter(x -> x.role() == Role.ADMIN).count();
      boolean allowed = who != null && who.role() == Role.ADMIN && m != null && (m.role() != Role.ADMIN || admins > 1);
      if (allowed && r instanceof MemberChange.Changed) {
        members.remove(target);
      }
      return new Step("remove " + describe(target) + " by " + describe(actor), allowed,
          r instanceof MemberChange.NotAllowed);
    }

    // ---- the concurrent property

    /**
     * Ada fixes a policy, Bob fetches the link; then {@link #THREADS} actors act at once, half of them on a
     * second node of the same store, while Ada removes Bob. Checks each answer that the fixed policy and
     * roles decide whatever the interleaving, then what must hold afterwards.
     */
    void runConcurrently(long seed) throws Exception {
      policy = CONCURRENT_POLICIES.get((int) (seed % CONCURRENT_POLICIES.size()));
      assertThat(kit.accounts().updatePolicy(ada, acme, policy)).isInstanceOf(PolicyChange.Changed.class);
      UserId fetcher = mayCoworkers(members.get(bob)) ? bob : ada;
      String link = RecordingMailbox.tokenOf(((LinkAccess.Available) kit.links().current(fetcher, acme)).link().url());
      List<InvitationId> blocked = store.inTransaction(tx -> StoreFixtures.plain(tx.invitations().ofAccount(acme))).stream()
          .filter(i -> i.email().toString().equals("new1@acme.com") || i.email().toString().equals("new2@acme.com"))
          .map(Invitation::id).toList();
      assertThat(blocked).hasSize(2);
      Invitekit nodeB = Invitekit.builder().store(store).mail(mailbox).baseUrl(URI.create("https://app.example.com"))
          .clock(Clock.fixed(START, ZoneOffset.UTC)).passwordHashing(PasswordHashing.insecureFastForTestsOnly())
          .build();
      int invitationMailsBefore = invitationMails("new1@acme.com") + invitationMails("new2@acme.com");
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(THREADS);
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      try {
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          Invitekit node = t % 2 == 0 ? kit : nodeB;
          done.add(pool.submit(() -> {
            start.await();
            java.util.Random random = new java.util.Random(seed * 31 + thread);
            for (int i = 0; i < OPERATIONS; i++) {
              if (thread == 0 && i == 1) {
                assertThat(node.members().remove(ada, acme, fetcher.equals(bob) ? bob : gus))
                    .as("removing the member who fetched the link").isInstanceOf(MemberChange.Changed.class);
                continue;
              }
              actConcurrently(node, random, link, blocked, thread + "x" + i);
            }
            return null;
          }));
        }
        start.countDown();
        for (java.util.concurrent.Future<?> f : done) {
          try {
            f.get(2, java.util.concurrent.TimeUnit.MINUTES);
          } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AssertionError failure) {
              throw failure;
            }
            throw e;
          }
        }
      } finally {
        pool.shutdownNow();
      }
      List<Membership> after = store.inTransaction(tx -> tx.memberships().ofAccount(acme));
      assertThat(after).as("U2: at least one admin").anyMatch(m -> m.role() == Role.ADMIN);
      for (Membership m : after) {
        if (m.joinedVia() != null && m.role() == Role.GUEST) {
          assertThat(linkAdmitsGuests()).as("U5, L1: a guest joined through the link under %s", policy).isTrue();
        }
      }
      for (String to : SHARE_TO) {
        assertThat(shareMails(to)).as("A2, L2: share mails to %s", to).isLessThanOrEqualTo(policy.invitesPerRecipientPerDay());
      }
      assertThat(invitationMails("new1@acme.com") + invitationMails("new2@acme.com"))
          .as("U6, I8: invitations that no longer grant were never mailed again").isEqualTo(invitationMailsBefore);
    }

    int invitationMails(String address) {
      return (int) mailbox.to(address).stream().filter(m -> m.kind() == MailMessage.Kind.INVITATION).count();
    }

    /** One operation whose answer the fixed policy and roles decide under any interleaving. */
    void actConcurrently(Invitekit node, java.util.Random random, String link, List<InvitationId> blocked, String tag) {
      switch (random.nextInt(5)) {
        case 0 -> {
          UserId actor = List.of(ada, nia, dee).get(random.nextInt(3));
          InvitationChange change = node.invitations().resend(actor, acme, blocked.get(random.nextInt(2)));
          assertThat(change).as("U6, I8: re-sending an invitation that no longer grants, by %s", describe(actor))
              .isInstanceOf(InvitationChange.NotAllowed.class);
        }
        case 1 -> {
          UserId actor = List.of(ada, dee, nia, gus, olga).get(random.nextInt(5));
          Member who = members.get(actor);
          ShareResult r = node.links().share(actor, acme, SHARE_TO[random.nextInt(2)], true);
          boolean allowed = who != null && mayCoworkers(who);
          assertThat(r).as("L1, U6: sharing by %s", describe(actor))
              .isInstanceOf(allowed ? ShareResult.Shared.class : ShareResult.NotAllowed.class);
        }
        case 2, 3 -> {
          boolean guest = random.nextBoolean();
          String address = (guest ? "g" : "c") + tag + (guest ? "@outside.org" : "@acme.com");
          Redemption r = node.links().redeem(Token.of(link), address);
          if (!guest || linkAdmitsGuests()) {
            assertThat(r).as("L1, L3: redeeming with %s under %s", address, policy)
                .isInstanceOf(Redemption.CheckYourEmail.class);
            Optional<String> token = tokenFor(address);
            if (token.isPresent()) {
              assertThat(node.signup().createAccount(new SignupRequest(Token.of(token.get()), ADULT, "Quinn", "Yates",
                  Password.of(PASSWORD), Password.of(PASSWORD)))).as("I8, L1: signing up from the link with %s", address)
                  .isInstanceOf(SignupResult.Joined.class);
            }
          } else {
            assertThat(r).as("U5, L1: redeeming with the outsider %s under %s", address, policy)
                .isEqualTo(new Redemption.Refused(Redemption.Reason.NOT_A_COMPANY_ADDRESS));
          }
        }
        default -> assertThat(node.invitations().inviteByEmail(nia, acme, "someone@acme.com"))
            .as("U6: inviting by a member whose permission is off").isInstanceOf(InviteResult.NotPermitted.class);
      }
    }

    String describe(UserId id) {
      if (id.equals(anonymous)) {
        return "an anonymous visitor";
      }
      if (id.equals(olga)) {
        return "Olga of Other";
      }
      Member m = members.get(id);
      return m == null ? "a stranger" : m.email() + " (" + m.role() + (m.mayInvite() ? "" : ", may not invite") + ")";
    }
  }

  /** Creates the account and confirms its founder with the link mailed to them (A3); fails otherwise. */
  static FounderConfirmation.Confirmed founded(Invitekit kit, RecordingMailbox mailbox, NewAccount request) {
    if (!(kit.accounts().create(request) instanceof AccountCreation.ConfirmationSent)) {
      throw new AssertionError("creating " + request.name() + " was refused");
    }
    return (FounderConfirmation.Confirmed) kit.accounts().confirmFounder(
        Token.of(RecordingMailbox.tokenOf(mailbox.lastLink(request.founderEmail()).orElseThrow())), request.password());
  }
}
