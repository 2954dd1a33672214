package dev.invitekit.store.tck;

import static dev.invitekit.store.tck.StoreFixtures.NOW;
import static dev.invitekit.store.tck.StoreFixtures.at;
import static dev.invitekit.store.tck.StoreFixtures.digestOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.member.Role;
import dev.invitekit.spi.store.CounterIncrement;
import dev.invitekit.spi.store.DeliveryRecord;
import dev.invitekit.spi.store.OutboxCompletion;
import dev.invitekit.spi.store.OutboxEntry;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The bulk part of the store contract: the one-look reads and the batched counter steps a bulk invite of
 * up to 20 addresses uses, each answering exactly as its single-item method would. Run as a
 * {@code @Nested} group of {@link StoreContractKit}.
 */
public abstract class BulkContract extends ContractGroup {

  private Map<EmailAddress, StoredUser> users(Function<StoreTransaction, Map<EmailAddress, StoredUser>> work) {
    return tx(work);
  }

  private Map<EmailAddress, StoredInvitation> open(
      Function<StoreTransaction, Map<EmailAddress, StoredInvitation>> work) {
    return tx(work);
  }

  private boolean[] steps(Function<StoreTransaction, List<? extends Enum<?>>> work) {
    return StoreFixtures.applied(tx(work));
  }

  private Optional<StoredUser> user(Function<StoreTransaction, Optional<StoredUser>> work) {
    return tx(work);
  }

  private Optional<StoredInvitation> invitation(Function<StoreTransaction, Optional<StoredInvitation>> work) {
    return tx(work);
  }


  /** An account with its admin, stored; returns the admin's id holder. */
  private StoredUser newAccount(Account account) {
    StoredUser admin = StoreFixtures.user().build();
    tx(t -> {
      t.accounts().insert(account);
      t.users().insert(admin);
      t.memberships().insert(StoreFixtures.membership(account.id(), admin.user().id()).role(Role.ADMIN)
          .joinedAt(account.createdAt()).build());
      return null;
    });
    return admin;
  }

  // ---- users by email

  @Test
  @DisplayName("Bulk: users.findByEmails answers, per address, what users.findByEmail answers; absent ones are left out")
  void usersByEmail() {
    List<StoredUser> stored = IntStream.range(0, 5).mapToObj(i -> StoreFixtures.user().build()).toList();
    tx(t -> {
      stored.forEach(t.users()::insert);
      return null;
    });
    List<EmailAddress> asked = new ArrayList<>();
    stored.forEach(u -> asked.add(u.user().email()));
    EmailAddress nobody = StoreFixtures.freshEmail();
    asked.add(2, nobody);
    asked.add(stored.get(0).user().email());   // a duplicate is answered once

    Map<EmailAddress, StoredUser> found = users(t -> t.users().findByEmails(asked));

    assertThat(found).hasSize(5).doesNotContainKey(nobody);
    for (StoredUser user : stored) {
      assertThat(found).containsEntry(user.user().email(), user);
      assertThat(user(t -> t.users().findByEmail(user.user().email()))).contains(found.get(user.user().email()));
    }
    assertThat(user(t -> t.users().findByEmail(nobody))).isEmpty();
  }

  @Test
  @DisplayName("Bulk: users.findByEmails of no addresses, or of unknown ones only, is empty")
  void usersByEmailNone() {
    assertThat(users(t -> t.users().findByEmails(List.of()))).isEmpty();
    assertThat(users(t -> t.users().findByEmails(List.of(StoreFixtures.freshEmail(), StoreFixtures.freshEmail()))))
        .isEmpty();
  }

  // ---- open invitations by address

  @Test
  @DisplayName("Bulk: invitations.findOpenByEmails answers, per address, what invitations.findOpen answers, in that account only")
  void openInvitations() {
    Account account = StoreFixtures.account().build();
    Account other = StoreFixtures.account().build();
    StoredUser admin = newAccount(account);
    StoredUser otherAdmin = newAccount(other);
    StoredInvitation pending = StoreFixtures.invitation(account.id()).invitedBy(admin.user().id()).build();
    StoredInvitation awaiting = StoreFixtures.invitation(account.id()).invitedBy(admin.user().id())
        .state(InvitationState.AWAITING_APPROVAL).build();
    StoredInvitation revoked = StoreFixtures.invitation(account.id()).invitedBy(admin.user().id())
        .state(InvitationState.REVOKED).build();
    StoredInvitation elsewhere = StoreFixtures.invitation(other.id()).invitedBy(otherAdmin.user().id()).build();
    tx(t -> {
      t.invitations().insert(pending);
      t.invitations().insert(awaiting);
      t.invitations().insert(revoked);
      t.invitations().insert(elsewhere);
      return null;
    });
    EmailAddress nobody = StoreFixtures.freshEmail();
    List<EmailAddress> asked = List.of(pending.invitation().email(), nobody, awaiting.invitation().email(),
        revoked.invitation().email(), elsewhere.invitation().email(), pending.invitation().email());

    Map<EmailAddress, StoredInvitation> found = open(t -> t.invitations().findOpenByEmails(account.id(), asked));

    assertThat(found).containsOnly(Map.entry(pending.invitation().email(), pending),
        Map.entry(awaiting.invitation().email(), awaiting));
    for (EmailAddress email : asked) {
      Optional<StoredInvitation> single = invitation(t -> t.invitations().findOpen(account.id(), email));
      assertThat(Optional.ofNullable(found.get(email))).as("%s", email).isEqualTo(single);
    }
    assertThat(open(t -> t.invitations().findOpenByEmails(account.id(), List.of()))).isEmpty();
    assertThat(open(t -> t.invitations().findOpenByEmails(AccountId.random(), asked))).isEmpty();
  }

  @Test
  @DisplayName("Bulk + I7: after invitations.findOpenByEmails, absent addresses are inserted and present ones still refused")
  void insertAfterBulkLook() {
    Account account = StoreFixtures.account().build();
    StoredUser admin = newAccount(account);
    StoredInvitation existing = StoreFixtures.invitation(account.id()).invitedBy(admin.user().id()).build();
    tx(t -> t.invitations().insert(existing));
    List<StoredInvitation> fresh = IntStream.range(0, 5)
        .mapToObj(i -> StoreFixtures.invitation(account.id()).invitedBy(admin.user().id()).build()).toList();
    StoredInvitation duplicate = StoreFixtures.invitation(account.id()).invitedBy(admin.user().id())
        .email(existing.invitation().email()).build();
    List<EmailAddress> asked = new ArrayList<>();
    fresh.forEach(f -> asked.add(f.invitation().email()));
    asked.add(existing.invitation().email());

    List<Boolean> inserted = tx(t -> {
      assertThat(t.invitations().findOpenByEmails(account.id(), asked)).containsOnlyKeys(existing.invitation().email());
      List<Boolean> answers = new ArrayList<>();
      fresh.forEach(f -> answers.add(t.invitations().insert(f)));
      answers.add(t.invitations().insert(duplicate));
      return answers;
    });

    assertThat(inserted).containsExactly(true, true, true, true, true, false);
    Map<EmailAddress, StoredInvitation> now = open(t -> t.invitations().findOpenByEmails(account.id(), asked));
    assertThat(now).hasSize(6).containsEntry(existing.invitation().email(), existing);
    fresh.forEach(f -> assertThat(now).containsEntry(f.invitation().email(), f));
  }

  // ---- counters in bulk

  @Test
  @DisplayName("Bulk A2: counters.tryIncrementAll applies each step in order, independently, as counters.tryIncrement would")
  void countersInOrder() {
    List<CounterIncrement> steps = List.of(
        new CounterIncrement("a", NOW, 1, 2),
        new CounterIncrement("b", NOW, 1, 1),
        new CounterIncrement("a", NOW, 1, 2),
        new CounterIncrement("b", NOW, 1, 1),    // refused: b is full
        new CounterIncrement("a", NOW, 1, 2),    // refused: a is full
        new CounterIncrement("c", NOW, 3, 2),    // refused: more than the limit
        new CounterIncrement("c", NOW, 2, 2),    // a refusal before does not stop this one
        new CounterIncrement("a", at(3600), 2, 2));

    boolean[] applied = steps(t -> t.counters().tryIncrementAll(steps));

    assertThat(applied).containsExactly(true, true, true, false, false, false, true, true);
    assertThat(number(t -> t.counters().value("a", NOW))).isEqualTo(2);
    assertThat(number(t -> t.counters().value("b", NOW))).isEqualTo(1);
    assertThat(number(t -> t.counters().value("c", NOW))).isEqualTo(2);
    assertThat(number(t -> t.counters().value("a", at(3600)))).isEqualTo(2);
    assertThat(steps(t -> t.counters().tryIncrementAll(List.of()))).isEmpty();
  }

  @Test
  @DisplayName("Bulk A2: counters.tryIncrementAll answers and counts exactly as the same counters.tryIncrement calls do")
  void countersLikeSingleSteps() {
    List<CounterIncrement> bulk = new ArrayList<>();
    List<CounterIncrement> single = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      bulk.add(new CounterIncrement("bulk:inviter", NOW, 1, 7));
      bulk.add(new CounterIncrement("bulk:recipient:" + (i % 3), NOW, 1, 4));
      single.add(new CounterIncrement("single:inviter", NOW, 1, 7));
      single.add(new CounterIncrement("single:recipient:" + (i % 3), NOW, 1, 4));
    }
    tx(t -> t.counters().tryIncrement("bulk:inviter", NOW, 2, 7));
    tx(t -> t.counters().tryIncrement("single:inviter", NOW, 2, 7));

    boolean[] together = steps(t -> t.counters().tryIncrementAll(bulk));
    boolean[] oneByOne = oneByOne(single);

    assertThat(together).containsExactly(oneByOne);
    assertThat(number(t -> t.counters().value("bulk:inviter", NOW))).isEqualTo(7);
    for (int r = 0; r < 3; r++) {
      int k = r;
      assertThat(number(t -> t.counters().value("bulk:recipient:" + k, NOW)))
          .isEqualTo(number(t -> t.counters().value("single:recipient:" + k, NOW)));
    }
  }

  /** The answers of {@code steps} as counters.tryIncrement calls, one by one, in one unit of work. */
  private boolean[] oneByOne(List<CounterIncrement> steps) {
    return this.<boolean[]>tx(t -> {
      boolean[] answers = new boolean[steps.size()];
      for (int i = 0; i < answers.length; i++) {
        CounterIncrement s = steps.get(i);
        answers[i] = t.counters().tryIncrement(s.key(), s.window(), s.permits(), s.limit());
      }
      return answers;
    });
  }

  @Test
  @DisplayName("Bulk A2: counters.tryIncrementAll on counters new and existing, with several limits on one counter, "
      + "answers and counts as the same counters.tryIncrement calls do")
  void countersNewAndExistingLikeSingleSteps() {
    List<String> prefixes = List.of("bulk2:", "single2:");
    for (String p : prefixes) {
      tx(t -> t.counters().tryIncrement(p + "old", NOW, 1, 2));
    }
    java.util.function.Function<String, List<CounterIncrement>> steps = p -> List.of(
        new CounterIncrement(p + "new", NOW, 2, 3),
        new CounterIncrement(p + "old", NOW, 1, 2),
        new CounterIncrement(p + "new", NOW, 1, 5),    // another limit: not merged with the step before
        new CounterIncrement(p + "other", NOW, 4, 4),
        new CounterIncrement(p + "new", NOW, 3, 5),    // refused: 6 over 5
        new CounterIncrement(p + "old", NOW, 1, 2),    // refused: old is full
        new CounterIncrement(p + "other", NOW, 1, 9),
        new CounterIncrement(p + "new", at(3600), 1, 1));

    boolean[] together = steps(t -> t.counters().tryIncrementAll(steps.apply("bulk2:")));
    List<CounterIncrement> single = steps.apply("single2:");
    boolean[] oneByOne = oneByOne(single);

    assertThat(together).containsExactly(true, true, true, true, false, false, true, true);
    assertThat(together).containsExactly(oneByOne);
    for (String counter : List.of("new", "old", "other")) {
      assertThat(number(t -> t.counters().value("bulk2:" + counter, NOW)))
          .isEqualTo(number(t -> t.counters().value("single2:" + counter, NOW)));
    }
    assertThat(number(t -> t.counters().value("bulk2:new", NOW))).isEqualTo(3);
    assertThat(number(t -> t.counters().value("bulk2:other", NOW))).isEqualTo(5);
    assertThat(number(t -> t.counters().value("bulk2:new", at(3600)))).isEqualTo(1);
  }

  @Test
  @DisplayName("Bulk A2: counters.decrementAll gives back per step, never below zero; a rolled-back bulk counts nothing")
  void decrementsAndRollback() {
    tx(t -> t.counters().tryIncrementAll(List.of(new CounterIncrement("d", NOW, 3, 5), new CounterIncrement("e", NOW, 1, 5))));
    tx(t -> {
      t.counters().decrementAll(List.of(new CounterIncrement("d", NOW, 1, 5), new CounterIncrement("e", NOW, 4, 5),
          new CounterIncrement("unknown", NOW, 1, 5)));
      return null;
    });
    assertThat(number(t -> t.counters().value("d", NOW))).isEqualTo(2);
    assertThat(number(t -> t.counters().value("e", NOW))).isZero();
    assertThat(number(t -> t.counters().value("unknown", NOW))).isZero();

    try {
      tx(t -> {
        t.counters().tryIncrementAll(List.of(new CounterIncrement("f", NOW, 1, 5)));
        if (NOW != null) {
          throw new IllegalStateException("boom");
        }
        return null;
      });
    } catch (IllegalStateException expected) {
      // rolled back
    }
    assertThat(number(t -> t.counters().value("f", NOW))).isZero();
  }

  @Test
  @DisplayName("Bulk A2: 40 threads each taking a permit of a shared limit of 20 in a bulk step: exactly 20 succeed")
  void countersNeverOverTheLimitUnderConcurrency() {
    List<boolean[]> taken = Race.run(40, racer -> StoreFixtures.applied(tx(t -> t.counters().tryIncrementAll(List.of(
        new CounterIncrement("own:" + racer, NOW, 1, 1),
        new CounterIncrement("shared:account", NOW, 1, 20),
        new CounterIncrement("shared:other", NOW, 1, 30))))));

    assertThat(taken).allMatch(a -> a[0]);
    assertThat(taken.stream().filter(a -> a[1])).hasSize(20);
    assertThat(taken.stream().filter(a -> a[2])).hasSize(30);
    assertThat(number(t -> t.counters().value("shared:account", NOW))).isEqualTo(20);
    assertThat(number(t -> t.counters().value("shared:other", NOW))).isEqualTo(30);
  }

  // ---- delivery of a request's mails

  /** Pending invitations of one new account, each with its pending outbox entry. */
  private record Mailed(List<StoredInvitation> invitations, List<OutboxEntry> entries) {}

  /** {@code count} invitations of a new account and an outbox entry with {@code payload} for each, written. */
  private Mailed mailed(int count, String payload) {
    Account account = StoreFixtures.account().build();
    StoredUser admin = newAccount(account);
    List<StoredInvitation> stored = IntStream.range(0, count)
        .mapToObj(i -> StoreFixtures.invitation(account.id()).invitedBy(admin.user().id()).build()).toList();
    List<OutboxEntry> entries = stored.stream().map(s -> OutboxEntry.pending(java.util.UUID.randomUUID() + "@app.example",
        account.id(), s.invitation().id(), s.tokenDigest(), payload, NOW)).toList();
    tx(t -> {
      stored.forEach(t.invitations()::insert);
      entries.forEach(t.outbox()::insert);
      return null;
    });
    return new Mailed(stored, entries);
  }

  @Test
  @DisplayName("Bulk: invitations.findAll and outbox.findAll answer, per id, what invitations.find and outbox.find answer")
  void invitationsAndOutboxById() {
    Mailed mailed = mailed(3, "{}");
    List<StoredInvitation> stored = mailed.invitations();
    List<OutboxEntry> entries = mailed.entries();
    InvitationId unknown = InvitationId.random();
    List<InvitationId> ids = List.of(stored.get(0).invitation().id(), unknown, stored.get(2).invitation().id(),
        stored.get(1).invitation().id(), stored.get(0).invitation().id());

    Map<InvitationId, StoredInvitation> invitations = tx(t -> t.invitations().findAll(ids));
    Map<String, OutboxEntry> outbox = tx(t -> t.outbox().findAll(List.of(entries.get(1).id(), "unknown@app.example",
        entries.get(0).id(), entries.get(2).id())));

    assertThat(invitations).hasSize(3).doesNotContainKey(unknown);
    for (StoredInvitation s : stored) {
      assertThat(invitations).containsEntry(s.invitation().id(), s);
      assertThat(invitation(t -> t.invitations().find(s.invitation().id()))).contains(s);
    }
    assertThat(outbox).hasSize(3).doesNotContainKey("unknown@app.example");
    for (OutboxEntry e : entries) {
      assertThat(outbox).containsKey(e.id());
      assertThat(Optional.of(Objects.requireNonNull(outbox.get(e.id())))).isEqualTo(tx(t -> t.outbox().find(e.id())));
    }
    Map<InvitationId, StoredInvitation> noInvitations = tx(t -> t.invitations().findAll(List.of()));
    Map<String, OutboxEntry> noEntries = tx(t -> t.outbox().findAll(List.of()));
    assertThat(noInvitations).isEmpty();
    assertThat(noEntries).isEmpty();
  }

  @Test
  @DisplayName("Bulk §5: outbox.completeAll and invitations.recordDeliveries apply each step as outbox.complete and invitations.recordDelivery would")
  void completeAndRecordInBulk() {
    Mailed mailed = mailed(3, "{\"link\":\"secret\"}");
    List<StoredInvitation> stored = mailed.invitations();
    List<OutboxEntry> entries = mailed.entries();
    tx(t -> t.outbox().complete(entries.get(2).id(), OutboxEntry.Status.SENT, 1, null));

    boolean[] completed = steps(t -> t.outbox().completeAll(List.of(
        new OutboxCompletion(entries.get(0).id(), OutboxEntry.Status.SENT, 1, null),
        new OutboxCompletion(entries.get(1).id(), OutboxEntry.Status.GAVE_UP, 2, "mailbox full"),
        new OutboxCompletion(entries.get(2).id(), OutboxEntry.Status.GAVE_UP, 2, "already sent"),
        new OutboxCompletion("unknown@app.example", OutboxEntry.Status.SENT, 1, null))));
    boolean[] recorded = steps(t -> t.invitations().recordDeliveries(List.of(
        new DeliveryRecord(stored.get(0).invitation().id(), digestOf(stored.get(0)), DeliveryStatus.SENT, at(5)),
        new DeliveryRecord(stored.get(1).invitation().id(), StoreFixtures.freshDigest(), DeliveryStatus.SENT, at(5)),
        new DeliveryRecord(stored.get(2).invitation().id(), digestOf(stored.get(2)),
            DeliveryStatus.FAILED_PERMANENT, at(6)))));

    assertThat(completed).containsExactly(true, true, false, false);
    OutboxEntry first = tx(t -> t.outbox().find(entries.get(0).id())).orElseThrow();
    OutboxEntry second = tx(t -> t.outbox().find(entries.get(1).id())).orElseThrow();
    assertThat(first.status()).isEqualTo(OutboxEntry.Status.SENT);
    assertThat(first.payload()).isEmpty();
    assertThat(second.status()).isEqualTo(OutboxEntry.Status.GAVE_UP);
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(second.lastError()).isEqualTo("mailbox full");
    assertThat(tx(t -> t.outbox().find(entries.get(2).id())).orElseThrow().lastError()).isNull();
    assertThat(recorded).containsExactly(true, false, true);
    assertThat(invitation(t -> t.invitations().find(stored.get(0).invitation().id())).orElseThrow().invitation().delivery())
        .isEqualTo(DeliveryStatus.SENT);
    assertThat(invitation(t -> t.invitations().find(stored.get(1).invitation().id())).orElseThrow().invitation().delivery())
        .isEqualTo(stored.get(1).invitation().delivery());
    assertThat(invitation(t -> t.invitations().find(stored.get(2).invitation().id())).orElseThrow().invitation().delivery())
        .isEqualTo(DeliveryStatus.FAILED_PERMANENT);
    assertThat(steps(t -> t.outbox().completeAll(List.of()))).isEmpty();
    assertThat(steps(t -> t.invitations().recordDeliveries(List.of()))).isEmpty();
  }

  @Test
  @DisplayName("Bulk §5: a delivery round's alike steps (same status, attempts, error and time, distinct entries) "
      + "answer each step as one at a time would, changing only the rows whose own condition holds")
  void aRoundOfAlikeStepsAnswersEachStep() {
    Mailed mailed = mailed(5, "{\"link\":\"secret\"}");
    List<StoredInvitation> stored = mailed.invitations();
    List<OutboxEntry> entries = mailed.entries();
    tx(t -> t.outbox().complete(entries.get(3).id(), OutboxEntry.Status.GAVE_UP, 4, "mailbox full"));

    List<OutboxCompletion> round = new ArrayList<>();
    for (OutboxEntry e : entries) {
      round.add(new OutboxCompletion(e.id(), OutboxEntry.Status.SENT, 1, null));
    }
    round.add(2, new OutboxCompletion("unknown@app.example", OutboxEntry.Status.SENT, 1, null));
    boolean[] completed = steps(t -> t.outbox().completeAll(round));
    List<DeliveryRecord> records = new ArrayList<>();
    for (int i = 0; i < stored.size(); i++) {
      // the third invitation's token was replaced since its mail was composed: not its current token
      TokenDigest digest = i == 2 ? StoreFixtures.freshDigest() : digestOf(stored.get(i));
      records.add(new DeliveryRecord(stored.get(i).invitation().id(), digest, DeliveryStatus.SENT, at(7)));
    }
    boolean[] recorded = steps(t -> t.invitations().recordDeliveries(records));

    assertThat(completed).containsExactly(true, true, false, true, false, true);
    for (int i : new int[] {0, 1, 2, 4}) {
      String id = entries.get(i).id();
      OutboxEntry e = tx(t -> t.outbox().find(id)).orElseThrow();
      assertThat(e.status()).isEqualTo(OutboxEntry.Status.SENT);
      assertThat(e.attempts()).isEqualTo(1);
      assertThat(e.payload()).isEmpty();
    }
    OutboxEntry untouched = tx(t -> t.outbox().find(entries.get(3).id())).orElseThrow();
    assertThat(untouched.status()).isEqualTo(OutboxEntry.Status.GAVE_UP);
    assertThat(untouched.attempts()).isEqualTo(4);
    assertThat(untouched.lastError()).isEqualTo("mailbox full");
    assertThat(recorded).containsExactly(true, true, false, true, true);
    for (int i = 0; i < stored.size(); i++) {
      InvitationId id = stored.get(i).invitation().id();
      StoredInvitation now = invitation(t -> t.invitations().find(id)).orElseThrow();
      if (i == 2) {
        assertThat(now).isEqualTo(stored.get(i));
      } else {
        assertThat(now.invitation().delivery()).isEqualTo(DeliveryStatus.SENT);
        assertThat(now.invitation().updatedAt()).isEqualTo(at(7));
      }
    }
  }
}
