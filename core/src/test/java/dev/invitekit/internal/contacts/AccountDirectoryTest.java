package dev.invitekit.internal.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.contacts.Contact;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.DirectoryEntry;
import dev.invitekit.spi.store.StoredMember;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The directory arranged once per account ({@link AccountDirectory}) answers every viewer exactly what filtering
 * and sorting all members per read answered (C1, C2), and the cache holding it keeps C3.
 */
@DisplayName("C1–C3: the arranged directory answers as the per-read filter and sort did")
class AccountDirectoryTest {
  private static final AccountId ACCOUNT = new AccountId(UUID.randomUUID());
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final String[] NAMES = {"Ada", "Ben", "Cy", "ada", "Ben Ben", ""};

  /** What ContactService answered before the directory was arranged: filter every member, then sort. */
  private static List<Contact> filterAndSort(List<StoredMember> members, UserId viewerId) {
    Membership viewer = members.stream().map(StoredMember::membership).filter(m -> m.userId().equals(viewerId))
        .findFirst().orElse(null);
    if (viewer == null) {
      return List.of();
    }
    boolean guest = viewer.role() == Role.GUEST;
    List<Contact> visible = new ArrayList<>();
    for (StoredMember e : members) {
      UserId id = e.user().id();
      if (id.equals(viewerId)) {
        continue;
      }
      if (guest ? id.equals(viewer.invitedBy()) : e.membership().role().isCompanyMember()) {
        visible.add(contact(e, guest ? Contact.Relation.INVITED_YOU : Contact.Relation.DIRECTORY));
      } else if (viewerId.equals(e.membership().invitedBy())) {
        visible.add(contact(e, Contact.Relation.YOUR_GUEST));
      }
    }
    visible.sort(ContactService.ORDER);
    return visible;
  }

  /** The members as a store's {@code directoryOf} answers them (its default maps each member so). */
  private static List<DirectoryEntry> entries(List<StoredMember> members) {
    return members.stream().map(DirectoryEntry::of).toList();
  }

  private static Contact contact(StoredMember e, Contact.Relation relation) {
    return new Contact(e.user().id(), e.user().displayName(), e.user().email(), e.membership().role(), relation);
  }

  /**
   * A random account: every role, namesakes, addresses that tie on the name, inviters who are admins,
   * co-workers, guests, members who left (not in the list), the member themselves, or no one.
   */
  private static List<StoredMember> roster(Random random, int size) {
    List<UserId> ids = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ids.add(new UserId(new UUID(7, i)));
    }
    List<StoredMember> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      UserId id = ids.get(i);
      Role role = Role.values()[random.nextInt(Role.values().length)];
      int pick = random.nextInt(10);
      @Nullable UserId invitedBy = pick == 0 ? null : pick == 1 ? id : pick == 2 ? UserId.random()
          : ids.get(random.nextInt(size));
      String local = "p" + random.nextInt(3) + (random.nextBoolean() ? "" : ".x") + i;
      EmailAddress email = new EmailAddress(local, random.nextBoolean() ? "a.example" : "b.example");
      User user = new User(id, email, NAMES[random.nextInt(NAMES.length)], NAMES[random.nextInt(NAMES.length)], T, T);
      members.add(new StoredMember(new Membership(ACCOUNT, id, role, true, invitedBy, null, T), user));
    }
    return members;
  }

  @Test
  @DisplayName("C1/C2: for every viewer of 300 random accounts (and a non-member), the same contacts in the same "
      + "order, whatever order the store answers in")
  void answersAsFilterAndSort() {
    Random random = new Random(12);
    int compared = 0;
    for (int round = 0; round < 300; round++) {
      List<StoredMember> members = roster(random, 1 + random.nextInt(40));
      List<StoredMember> shuffled = new ArrayList<>(members);
      Collections.shuffle(shuffled, random);
      AccountDirectory directory = AccountDirectory.of(entries(shuffled));
      for (StoredMember viewer : members) {
        UserId id = viewer.user().id();
        assertThat(directory.visibleTo(id)).as("viewer %s in round %d", id, round)
            .containsExactlyElementsOf(filterAndSort(members, id));
        compared++;
      }
      assertThat(directory.visibleTo(UserId.random())).isEmpty();
    }
    assertThat(compared).isGreaterThan(5_000);
  }

  @Test
  @DisplayName("C2: a guest who invited a co-worker, and whose inviter is also their guest, sees each once")
  void guestWhoInvited() {
    UserId host = new UserId(new UUID(1, 1));
    UserId guest = new UserId(new UUID(1, 2));
    UserId coworker = new UserId(new UUID(1, 3));
    List<StoredMember> members = List.of(
        member(host, Role.COWORKER, guest, "Hal Host"),
        member(guest, Role.GUEST, host, "Gil Guest"),
        member(coworker, Role.COWORKER, guest, "Cid Coworker"));
    AccountDirectory directory = AccountDirectory.of(entries(members));

    assertThat(directory.visibleTo(guest)).extracting(Contact::userId, Contact::relation).containsExactly(
        org.assertj.core.api.Assertions.tuple(coworker, Contact.Relation.YOUR_GUEST),
        org.assertj.core.api.Assertions.tuple(host, Contact.Relation.INVITED_YOU));
    assertThat(directory.visibleTo(host)).extracting(Contact::userId, Contact::relation).containsExactly(
        org.assertj.core.api.Assertions.tuple(coworker, Contact.Relation.DIRECTORY),
        org.assertj.core.api.Assertions.tuple(guest, Contact.Relation.YOUR_GUEST));
  }

  private static StoredMember member(UserId id, Role role, @Nullable UserId invitedBy, String name) {
    String[] parts = name.split(" ");
    User user = new User(id, new EmailAddress(parts[0].toLowerCase(java.util.Locale.ROOT), "x.example"), parts[0],
        parts[1], T, T);
    return new StoredMember(new Membership(ACCOUNT, id, role, true, invitedBy, null, T), user);
  }

  @Test
  @DisplayName("C3: the arranged directory is loaded once, read from the cache, loaded again after invalidate and "
      + "after the cache time on the ticker")
  void cachedUntilInvalidatedOrExpired() {
    AtomicLong ticker = new AtomicLong();
    Directory cache = new Directory(ticker::get, Duration.ofSeconds(30), 10);
    AtomicInteger loads = new AtomicInteger();
    UserId viewer = new UserId(new UUID(2, 1));
    UserId other = new UserId(new UUID(2, 2));
    List<StoredMember> before = List.of(member(viewer, Role.ADMIN, null, "Vi Viewer"),
        member(other, Role.COWORKER, viewer, "Ot Other"));
    List<StoredMember> after = List.of(member(viewer, Role.ADMIN, null, "Vi Viewer"));
    List<List<StoredMember>> store = new ArrayList<>(List.of(before));
    java.util.function.Function<AccountId, List<DirectoryEntry>> loader = id -> {
      loads.incrementAndGet();
      return entries(store.get(0));
    };

    assertThat(cache.of(ACCOUNT, loader).visibleTo(viewer)).extracting(Contact::userId).containsExactly(other);
    store.set(0, after);
    assertThat(cache.of(ACCOUNT, loader).visibleTo(viewer)).as("cached").extracting(Contact::userId)
        .containsExactly(other);
    assertThat(loads).hasValue(1);

    cache.invalidate(ACCOUNT);
    assertThat(cache.of(ACCOUNT, loader).visibleTo(viewer)).as("after invalidate").isEmpty();
    assertThat(loads).hasValue(2);

    store.set(0, before);
    ticker.addAndGet(Duration.ofSeconds(29).toNanos());
    assertThat(cache.of(ACCOUNT, loader).visibleTo(viewer)).as("within the cache time").isEmpty();
    ticker.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(cache.of(ACCOUNT, loader).visibleTo(viewer)).as("after the cache time").extracting(Contact::userId)
        .containsExactly(other);
    assertThat(loads).hasValue(3);
  }
}
