package dev.invitekit.store.memory;

import static dev.invitekit.store.tck.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.id.LinkId;
import dev.invitekit.link.LinkJoin;
import dev.invitekit.member.Membership;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.TokenDigest;
import dev.invitekit.store.tck.StoreFixtures;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the in-memory store promises beyond the store contract: strictness about misuse, serializability. */
class InMemoryStoreTest {

  private final InMemoryStore store = new InMemoryStore();
  private final ExecutorService pool = Executors.newFixedThreadPool(32);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private Account insertedAccount() {
    Account account = StoreFixtures.account().build();
    store.inTransaction(tx -> {
      tx.accounts().insert(account);
      return true;
    });
    return account;
  }

  private <T> Optional<T> find(Function<StoreTransaction, Optional<T>> query) {
    return store.inTransaction(query);
  }

  private boolean ask(Predicate<StoreTransaction> step) {
    return store.inTransaction(step::test);
  }

  private Optional<Account> findAccount(AccountId id) {
    return store.inTransaction(tx -> tx.accounts().find(id));
  }

  @Nested
  @DisplayName("Units of work")
  class UnitsOfWork {

    @Test
    @DisplayName("§4: a nested inTransaction throws IllegalStateException saying units do not nest, and the outer unit still commits")
    void doesNotNest() {
      Account outer = StoreFixtures.account().build();
      Account inner = StoreFixtures.account().build();
      AtomicBoolean innerRan = new AtomicBoolean();

      store.inTransaction(tx -> {
        tx.accounts().insert(outer);
        assertThatThrownBy(() -> store.inTransaction(nested -> {
          innerRan.set(true);
          nested.accounts().insert(inner);
          return true;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("do not nest");
        return true;
      });

      assertThat(innerRan).isFalse();
      assertThat(findAccount(outer.id())).contains(outer);
      assertThat(findAccount(inner.id())).isEmpty();
    }

    @Test
    @DisplayName("§4: units of work are serializable: 32 concurrent read-modify-write units lose no update")
    void serializable() throws Exception {
      Account account = insertedAccount();
      CyclicBarrier start = new CyclicBarrier(32);
      List<Future<Boolean>> racers = IntStream.range(0, 32).mapToObj(i -> pool.submit(() -> {
        start.await(30, TimeUnit.SECONDS);
        return store.inTransaction(tx -> {
          Account current = tx.accounts().find(account.id()).orElseThrow();
          tx.accounts().update(StoreFixtures.account().id(current.id()).proPlus(current.proPlusSeats() + 1).build());
          return true;
        });
      })).toList();
      for (Future<Boolean> racer : racers) {
        assertThat(racer.get(60, TimeUnit.SECONDS)).isTrue();
      }

      assertThat(findAccount(account.id())).get().extracting(Account::proPlusSeats)
          .isEqualTo(account.proPlusSeats() + 32);
    }

    @Test
    @DisplayName("§5: an Error thrown by the work rolls the unit back too, and comes back unchanged")
    void errorsRollBack() {
      Account account = StoreFixtures.account().build();
      Error failure = new AssertionError("an Error, not an Exception");

      assertThatThrownBy(() -> store.inTransaction(tx -> {
        tx.accounts().insert(account);
        throw failure;
      })).isSameAs(failure);

      assertThat(findAccount(account.id())).isEmpty();
    }

    @Test
    @DisplayName("§5: failed work releases the lock: the same thread and another thread run units afterwards")
    void lockReleasedAfterFailure() throws Exception {
      assertThatThrownBy(() -> store.inTransaction(tx -> {
        throw new IllegalStateException("boom");
      })).hasMessage("boom");

      Account here = insertedAccount();
      Future<Account> there = pool.submit(InMemoryStoreTest.this::insertedAccount);

      assertThat(findAccount(here.id())).isPresent();
      assertThat(findAccount(there.get(30, TimeUnit.SECONDS).id())).isPresent();
    }

    @Test
    @DisplayName("a rolled-back update keeps every index consistent: the old token, address and active link work again")
    void rollbackRestoresIndexes() {
      Account account = insertedAccount();
      StoredInvitation pending = StoreFixtures.invitation(account.id()).build();
      StoredLink link = StoreFixtures.link(account.id()).build();
      store.inTransaction(tx -> tx.invitations().insert(pending));
      store.inTransaction(tx -> {
        tx.links().insert(link);
        return true;
      });
      StoredInvitation revoked = new StoredInvitation(
          pending.invitation().withState(InvitationState.REVOKED, NOW), StoreFixtures.freshDigest());

      assertThatThrownBy(() -> store.inTransaction(tx -> {
        tx.invitations().update(revoked, InvitationState.PENDING);
        tx.links().deactivate(link.id());
        tx.links().insert(StoreFixtures.link(account.id()).build());
        throw new IllegalStateException("undo it all");
      })).hasMessage("undo it all");

      EmailAddress email = pending.invitation().email();
      assertThat(find(tx -> tx.invitations().findByToken(Objects.requireNonNull(pending.tokenDigest())))).contains(pending);
      assertThat(find(tx -> tx.invitations().findOpen(account.id(), email))).contains(pending);
      assertThat(find(tx -> tx.links().findActive(account.id()))).contains(link);
      assertThat(ask(tx -> tx.invitations().insert(StoreFixtures.invitation(account.id())
          .email(email).build()))).as("the address is still taken by the restored open invitation").isFalse();
    }

    @Test
    @DisplayName("name() says memory, and toString() shows no data")
    void names() {
      insertedAccount();

      assertThat(store.name()).isEqualTo("memory");
      assertThat(store).hasToString("InMemoryStore");
    }
  }

  @Nested
  @DisplayName("Misuse of a StoreTransaction")
  class Misuse {

    private final List<Consumer<StoreTransaction>> operations = List.of(
        tx -> tx.accounts().find(AccountId.random()),
        tx -> tx.accounts().insert(StoreFixtures.account().build()),
        tx -> tx.memberships().ofAccount(AccountId.random()),
        tx -> tx.invitations().insert(StoreFixtures.invitation(AccountId.random()).build()),
        tx -> tx.links().tryUse(LinkId.random(), NOW),
        tx -> tx.seats().tryAssign(StoreFixtures.assignment(AccountId.random(), UserId.random()).build(), 5));

    @Test
    @DisplayName("a StoreTransaction used after its unit of work committed throws IllegalStateException")
    void afterCommit() {
      StoreTransaction leaked = store.inTransaction(tx -> tx);

      for (Consumer<StoreTransaction> operation : operations) {
        assertThatThrownBy(() -> operation.accept(leaked))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("has ended");
      }
    }

    @Test
    @DisplayName("a StoreTransaction used after its unit of work rolled back throws IllegalStateException")
    void afterRollback() {
      StoreTransaction[] leaked = new StoreTransaction[1];
      assertThatThrownBy(() -> store.inTransaction(tx -> {
        leaked[0] = tx;
        throw new IllegalStateException("boom");
      })).hasMessage("boom");

      for (Consumer<StoreTransaction> operation : operations) {
        assertThatThrownBy(() -> operation.accept(leaked[0]))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("has ended");
      }
    }

    @Test
    @DisplayName("a StoreTransaction used after the end is refused even while another unit of work runs")
    void afterEndDuringAnotherUnit() {
      StoreTransaction leaked = store.inTransaction(tx -> tx);

      store.inTransaction(current -> {
        assertThatThrownBy(() -> leaked.accounts().find(AccountId.random())).isInstanceOf(IllegalStateException.class);
        return true;
      });
    }

    @Test
    @DisplayName("a StoreTransaction used from another thread while its unit runs throws IllegalStateException")
    void fromAnotherThread() {
      store.inTransaction(tx -> {
        Future<Optional<Account>> elsewhere = pool.submit(() -> tx.accounts().find(AccountId.random()));
        assertThatThrownBy(() -> elsewhere.get(30, TimeUnit.SECONDS))
            .hasCauseInstanceOf(IllegalStateException.class)
            .cause().hasMessageContaining("another thread");
        return true;
      });
    }

    @Test
    @DisplayName("updating a record that does not exist throws IllegalStateException and rolls the unit back")
    void updateOfMissingRecordThrows() {
      Account account = StoreFixtures.account().build();
      List<Consumer<StoreTransaction>> updates = List.of(
          tx -> tx.accounts().update(StoreFixtures.account().build()),
          tx -> tx.users().updatePasswordHash(UserId.random(), StoreFixtures.PASSWORD_HASH),
          tx -> tx.memberships().update(StoreFixtures.membership(AccountId.random(), UserId.random()).build()),
          tx -> tx.links().deactivate(LinkId.random()),
          tx -> tx.links().recordJoin(new LinkJoin(LinkId.random(),
              UserId.random(), NOW)));

      for (Consumer<StoreTransaction> update : updates) {
        assertThatThrownBy(() -> store.inTransaction(tx -> {
          tx.accounts().insert(account);
          update.accept(tx);
          return true;
        })).isInstanceOf(IllegalStateException.class);
        assertThat(findAccount(account.id())).isEmpty();
      }
    }

    @Test
    @DisplayName("I5: moving an invitation to another address is refused")
    void invitationStaysBound() {
      Account account = insertedAccount();
      StoredInvitation pending = StoreFixtures.invitation(account.id()).build();
      store.inTransaction(tx -> tx.invitations().insert(pending));
      StoredInvitation moved = StoreFixtures.invitation(account.id()).id(pending.invitation().id()).build();

      assertThatThrownBy(() -> store.inTransaction(tx -> tx.invitations().update(moved,
          InvitationState.PENDING)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("I5");
      assertThat(find(tx -> tx.invitations().find(pending.invitation().id()))).contains(pending);
    }

    @Test
    @DisplayName("L1: a second active link for an account is refused; deactivate the first one")
    void oneActiveLink() {
      Account account = insertedAccount();
      StoredLink first = StoreFixtures.link(account.id()).build();
      store.inTransaction(tx -> {
        tx.links().insert(first);
        return true;
      });

      assertThatThrownBy(() -> store.inTransaction(tx -> {
        tx.links().insert(StoreFixtures.link(account.id()).build());
        return true;
      })).isInstanceOf(IllegalStateException.class).hasMessageContaining("already has an active link");
      assertThat(find(tx -> tx.links().findActive(account.id()))).contains(first);
    }

    @Test
    @DisplayName("lists come back immutable")
    void listsAreImmutable() {
      Account account = insertedAccount();
      UserId user = UserId.random();
      store.inTransaction(tx -> tx.memberships().insert(StoreFixtures.membership(account.id(), user).build()));
      List<Membership> members = store.inTransaction(tx -> tx.memberships().ofAccount(account.id()));

      assertThatThrownBy(members::clear).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  @DisplayName("Compact records (issue 12, benchmark 7)")
  class CompactRecords {

    @Test
    @DisplayName("I5, I7: invitations and their mails, kept compactly (domain, expiry and recipient kept once, the "
        + "token digest in the invitation's record its mails share), read back, claim, record deliveries and update "
        + "equal in every field")
    void invitationsRoundTrip() {
      Account account = insertedAccount();
      Instant expiry = NOW.plusSeconds(3_600);
      // Equal but distinct objects, as two requests parse them: the store keeps one of each.
      StoredInvitation first = StoreFixtures.invitation(account.id()).email(EmailAddress.parse("ann@Acme.example"))
          .displayName("Ann").expiresAt(Instant.parse(expiry.toString())).build();
      StoredInvitation second = StoreFixtures.invitation(account.id()).email(EmailAddress.parse("bob@ACME.example"))
          .expiresAt(Instant.parse(expiry.toString())).reminded(true).build();
      OutboxEntry mail = OutboxEntry.pending("m-1@app.example", account.id(), second.invitation().id(),
          second.tokenDigest(), "sealed", NOW).withRecipient(EmailAddress.parse("Bob@acme.example"));
      store.inTransaction(tx -> {
        tx.invitations().insert(first);
        tx.invitations().insert(second);
        tx.outbox().insert(mail);
        return true;
      });

      assertThat(find(tx -> tx.invitations().find(first.invitation().id()))).contains(first);
      assertThat(find(tx -> tx.invitations().find(second.invitation().id()))).contains(second);
      assertThat(find(tx -> tx.invitations().findByToken(Objects.requireNonNull(second.tokenDigest()))))
          .contains(second);
      assertThat(find(tx -> tx.invitations().findOpen(account.id(), EmailAddress.parse("ann@acme.example"))))
          .contains(first);
      assertThat(find(tx -> tx.outbox().find("m-1@app.example"))).contains(mail);
      Instant lease = NOW.plusSeconds(300);
      List<OutboxEntry> claimed = store.inTransaction(tx -> tx.outbox().claim(NOW, lease, 10));
      assertThat(claimed).containsExactly(mail.claimedUntil(lease));
      assertThat(ask(tx -> tx.invitations().recordDelivery(second.invitation().id(),
          Objects.requireNonNull(second.tokenDigest()), DeliveryStatus.SENT, NOW))).isTrue();
      assertThat(ask(tx -> tx.invitations().recordDelivery(first.invitation().id(),
          Objects.requireNonNull(second.tokenDigest()), DeliveryStatus.SENT, NOW))).isFalse();
      StoredInvitation delivered = new StoredInvitation(second.invitation().withDelivery(DeliveryStatus.SENT, NOW),
          second.tokenDigest());
      assertThat(find(tx -> tx.invitations().find(second.invitation().id()))).contains(delivered);
      StoredInvitation accepted = new StoredInvitation(
          delivered.invitation().accepted(UserId.random(), NOW.plusSeconds(60)), second.tokenDigest());
      assertThat(ask(tx -> tx.invitations().update(accepted, InvitationState.PENDING))).isTrue();
      assertThat(find(tx -> tx.invitations().find(second.invitation().id()))).contains(accepted);
      assertThat(find(tx -> tx.invitations().findOpen(account.id(), second.invitation().email()))).isEmpty();
    }

    @Test
    @DisplayName("§5: outbox ids of every shape, core's <uuid>@host kept as two longs and others as they are, read "
        + "back equal, and ids differing only in case stay apart")
    void outboxIdsRoundTrip() {
      Account account = insertedAccount();
      String uuid = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
      List<String> ids = List.of(uuid + "@app.example.com",
          uuid.toUpperCase(java.util.Locale.ROOT) + "@app.example.com", uuid + "@", uuid + "@other.example@x",
          "3f2504e0-4f89-41d3-9a0c-0305e82c330z@app.example.com", "plain-id", "", "1-1-1-1-1@app.example.com");
      List<OutboxEntry> entries = ids.stream()
          .map(id -> OutboxEntry.pending(id, account.id(), null, null, "sealed " + id, NOW)).toList();
      store.inTransaction(tx -> {
        entries.forEach(tx.outbox()::insert);
        return true;
      });

      for (OutboxEntry entry : entries) {
        assertThat(find(tx -> tx.outbox().find(entry.id()))).contains(entry);
      }
      assertThat(find(tx -> tx.outbox().find(uuid + "@APP.example.com"))).isEmpty();
      assertThat(ask(tx -> tx.outbox().complete(ids.get(1), OutboxEntry.Status.SENT, 1, null))).isTrue();
      assertThat(find(tx -> tx.outbox().find(ids.get(1)))).contains(entries.get(1).completed(OutboxEntry.Status.SENT,
          1, null));
      assertThat(find(tx -> tx.outbox().find(ids.get(0)))).contains(entries.get(0));
      assertThatThrownBy(() -> store.inTransaction(tx -> {
        tx.outbox().insert(entries.get(0));
        return true;
      })).isInstanceOf(IllegalStateException.class).hasMessageContaining("already exists");
    }

    @Test
    @DisplayName("A2: counters whose keys share a scope and a window count apart, with or without a colon, and "
        + "deleteBefore drops exactly the old windows")
    void countersKeepTheirKeys() {
      Instant today = NOW.minusSeconds(60);
      Instant yesterday = today.minusSeconds(86_400);
      store.inTransaction(tx -> {
        assertThat(tx.counters().tryIncrement("recipient:a:x@acme.example", today, 1, 5)).isTrue();
        assertThat(tx.counters().tryIncrement("recipient:a:y@acme.example", Instant.parse(today.toString()), 2, 5))
            .isTrue();
        assertThat(tx.counters().tryIncrement("recipient:b:x@acme.example", today, 3, 5)).isTrue();
        assertThat(tx.counters().tryIncrement("plain", yesterday, 4, 5)).isTrue();
        assertThat(tx.counters().tryIncrement("recipient:a:x@acme.example", today, 5, 5)).isFalse();
        return true;
      });

      store.inTransaction(tx -> {
        assertThat(tx.counters().value("recipient:a:x@acme.example", today)).isEqualTo(1);
        assertThat(tx.counters().value("recipient:a:y@acme.example", today)).isEqualTo(2);
        assertThat(tx.counters().value("recipient:b:x@acme.example", today)).isEqualTo(3);
        assertThat(tx.counters().value("recipient:a:x@acme.example", yesterday)).isZero();
        assertThat(tx.counters().value("plain", yesterday)).isEqualTo(4);
        assertThat(tx.counters().value("recipient:plain", yesterday)).isZero();
        assertThat(tx.counters().deleteBefore(today)).isEqualTo(1);
        assertThat(tx.counters().value("plain", yesterday)).isZero();
        assertThat(tx.counters().tryIncrement("plain", yesterday, 1, 5)).isTrue();
        assertThat(tx.counters().value("recipient:a:x@acme.example", today)).isEqualTo(1);
        return true;
      });
    }
    @Test
    @DisplayName("I5, I7: local parts of any characters (ASCII, Latin-1, Greek) read back equal, find their open "
        + "invitation and stay apart from their look-alikes")
    void localPartsOfAnyCharactersRoundTrip() {
      Account account = insertedAccount();
      List<EmailAddress> addresses = List.of(new EmailAddress("ann", "acme.example"),
          new EmailAddress("andré", "acme.example"), new EmailAddress("δοκιμή", "acme.example"),
          new EmailAddress("andre", "acme.example"), new EmailAddress("ann", "xn--strae-oqa.de"));
      List<StoredInvitation> invitations = addresses.stream()
          .map(email -> StoreFixtures.invitation(account.id()).email(email).build()).toList();
      store.inTransaction(tx -> {
        invitations.forEach(invitation -> assertThat(tx.invitations().insert(invitation)).isTrue());
        return true;
      });

      for (StoredInvitation invitation : invitations) {
        assertThat(find(tx -> tx.invitations().find(invitation.invitation().id()))).contains(invitation);
        assertThat(find(tx -> tx.invitations().findOpen(account.id(), invitation.invitation().email())))
            .contains(invitation);
        assertThat(find(tx -> tx.invitations().findByToken(StoreFixtures.digestOf(invitation)))).contains(invitation);
      }
      assertThat(find(tx -> tx.invitations().findOpen(account.id(), new EmailAddress("δοκιμ", "acme.example"))))
          .isEmpty();
      assertThat(find(tx -> tx.invitations().findOpen(AccountId.random(), addresses.get(0)))).isEmpty();
      List<StoredInvitation> ofAccount = store.inTransaction(tx -> tx.invitations().ofAccount(account.id()));
      assertThat(ofAccount).containsExactlyElementsOf(invitations);
    }

    @Test
    @DisplayName("§5, I7: a mail keeps its own token digest and recipient when they are not (or no longer) its "
        + "invitation's, and a mail without an invitation or digest reads back equal")
    void mailsKeepTheirOwnDigestAndRecipient() {
      Account account = insertedAccount();
      StoredInvitation invitation = StoreFixtures.invitation(account.id()).build();
      TokenDigest first = StoreFixtures.digestOf(invitation);
      TokenDigest other = StoreFixtures.digestOf("another token");
      OutboxEntry firstMail = OutboxEntry.pending("0b5c1f0e-4f89-41d3-9a0c-0305e82c3301@app.example", account.id(),
          invitation.invitation().id(), first, "sealed 1", NOW).withRecipient(invitation.invitation().email());
      OutboxEntry toSomeoneElse = OutboxEntry.pending("1b5c1f0e-4f89-41d3-9a0c-0305e82c3301@app.example",
          account.id(), invitation.invitation().id(), other, "sealed 2", NOW)
          .withRecipient(new EmailAddress("δοκιμή", "other.example"));
      OutboxEntry bare = OutboxEntry.pending("plain", null, null, null, "sealed 3", NOW);
      OutboxEntry digestOnly = OutboxEntry.pending("digest-only", account.id(), null, other, "sealed 4", NOW);
      List<OutboxEntry> mails = List.of(firstMail, toSomeoneElse, bare, digestOnly);
      store.inTransaction(tx -> {
        tx.invitations().insert(invitation);
        mails.forEach(tx.outbox()::insert);
        return true;
      });
      // The invitation's token changes (a re-send, I7): its first mail keeps the digest it was recorded with.
      StoredInvitation resent = new StoredInvitation(invitation.invitation(), other);
      assertThat(ask(tx -> tx.invitations().update(resent, InvitationState.PENDING))).isTrue();

      for (OutboxEntry mail : mails) {
        assertThat(find(tx -> tx.outbox().find(mail.id()))).contains(mail);
      }
      assertThat(find(tx -> tx.invitations().findByToken(other))).contains(resent);
      assertThat(find(tx -> tx.invitations().findByToken(first))).isEmpty();
      List<OutboxEntry> pending = store.inTransaction(
          tx -> tx.outbox().ofAccount(account.id(), OutboxEntry.Status.PENDING, 10));
      assertThat(pending).containsExactly(firstMail, toSomeoneElse, digestOnly);
    }

    @Test
    @DisplayName("§5, I7: a rolled-back update and insert leave the records and every index as they were")
    void rollbackRestoresRecordsAndIndexes() {
      Account account = insertedAccount();
      StoredInvitation invitation = StoreFixtures.invitation(account.id()).build();
      store.inTransaction(tx -> tx.invitations().insert(invitation));
      TokenDigest next = StoreFixtures.digestOf("next token");
      StoredInvitation other = StoreFixtures.invitation(account.id())
          .email(new EmailAddress("zoë", "acme.example")).build();

      assertThatThrownBy(() -> store.inTransaction(tx -> {
        tx.invitations().update(new StoredInvitation(invitation.invitation()
            .withState(InvitationState.REVOKED, NOW.plusSeconds(1)), next), InvitationState.PENDING);
        tx.invitations().insert(other);
        tx.counters().tryIncrement("recipient:" + account.id() + ":zoë@acme.example", NOW, 1, 5);
        tx.outbox().insert(OutboxEntry.pending("rolled-back", account.id(), other.invitation().id(),
            other.tokenDigest(), "sealed", NOW).withRecipient(other.invitation().email()));
        throw new IllegalStateException("fails after the writes");
      })).hasMessage("fails after the writes");

      assertThat(find(tx -> tx.invitations().find(invitation.invitation().id()))).contains(invitation);
      assertThat(find(tx -> tx.invitations().findByToken(StoreFixtures.digestOf(invitation)))).contains(invitation);
      assertThat(find(tx -> tx.invitations().findByToken(next))).isEmpty();
      assertThat(find(tx -> tx.invitations().findOpen(account.id(), invitation.invitation().email())))
          .contains(invitation);
      assertThat(find(tx -> tx.invitations().find(other.invitation().id()))).isEmpty();
      assertThat(find(tx -> tx.invitations().findOpen(account.id(), other.invitation().email()))).isEmpty();
      assertThat(find(tx -> tx.outbox().find("rolled-back"))).isEmpty();
      int counted = store.inTransaction(tx -> tx.counters().value("recipient:" + account.id() + ":zoë@acme.example", NOW));
      assertThat(counted).isZero();
    }

    @Test
    @DisplayName("A2: counter names with no, one or several @, an empty side or characters beyond Latin-1 count apart")
    void counterNamesOfEveryShapeCountApart() {
      List<String> names = List.of("x@acme.example", "x@acme.exampl", "x@", "@", "@acme.example", "x@y@acme.example",
          "x", "", "δ@acme.example", "δ@acme.examplé", "xacme.example");
      store.inTransaction(tx -> {
        tx.invitations().insert(StoreFixtures.invitation(AccountId.random())
            .email(new EmailAddress("x", "acme.example")).build());
        for (int i = 0; i < names.size(); i++) {
          assertThat(tx.counters().tryIncrement("recipient:a:" + names.get(i), NOW, i + 1, 100)).isTrue();
        }
        return true;
      });

      store.inTransaction(tx -> {
        for (int i = 0; i < names.size(); i++) {
          assertThat(tx.counters().value("recipient:a:" + names.get(i), NOW)).as(names.get(i)).isEqualTo(i + 1);
          assertThat(tx.counters().value("recipient:b:" + names.get(i), NOW)).as(names.get(i)).isZero();
        }
        tx.counters().decrement("recipient:a:x@acme.example", NOW, 1);
        assertThat(tx.counters().value("recipient:a:x@acme.example", NOW)).isZero();
        assertThat(tx.counters().value("recipient:a:x@", NOW)).isEqualTo(3);
        return true;
      });
    }
  }

  @Test
  @DisplayName("the module exports exactly dev.invitekit.store.memory and requires core transitively")
  void moduleDescriptor() throws URISyntaxException {
    Path classes = Path.of(InMemoryStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor module = ModuleFinder.of(classes).findAll().iterator().next().descriptor();

    assertThat(module.name()).isEqualTo("dev.invitekit.store.memory");
    assertThat(module.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.invitekit.store.memory");
    assertThat(module.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
    assertThat(module.requires().stream()
        .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
        .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
        .containsExactly("dev.invitekit.core");
    assertThat(module.isOpen()).isFalse();
    assertThat(module.opens()).isEmpty();
  }
}
