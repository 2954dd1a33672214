package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.invitekit.Invitekit;
import dev.invitekit.contacts.Contact;
import dev.invitekit.contacts.Contact.Relation;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Who sees whom, through the public facade (SPEC C1–C3). */
@DisplayName("Contacts (C1–C3)")
class ContactRulesTest {

  private static final Duration CACHE = Duration.ofSeconds(30);

  private final RulesFixture f = new RulesFixture(b -> b.contactsCache(CACHE, 100));
  private User bob;
  private User carl;
  private User gina;
  private User hal;

  /**
   * Acme: Ada (admin) invited Bob (co-worker) and Hal (guest); Bob invited Carl (co-worker) and Gina
   * (guest).
   */
  @BeforeEach
  void acme() {
    f.createAcme();
    bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
    hal = f.inviteAndSignUp(f.adaId(), "hal@outside.org", "Hal", "Outsider").user();
    carl = f.inviteAndSignUp(bob.id(), "carl@acme.com", "Carl", "Quill").user();
    gina = f.inviteAndSignUp(bob.id(), "gina@partner.org", "Gina", "Partner").user();
  }

  private List<Contact> visibleTo(User viewer) {
    return f.kit.contacts().visibleTo(viewer.id(), f.acmeId());
  }

  @Nested
  @DisplayName("C1: admins and co-workers share one company directory")
  class Directory {

    @Test
    @DisplayName("C1/C2: a co-worker sees the admins and co-workers as DIRECTORY and their own guests as "
        + "YOUR_GUEST, sorted by name, never themselves or others' guests")
    void coworkerView() {
      assertThat(visibleTo(bob)).containsExactly(
          new Contact(f.adaId(), "Ada Admin", EmailAddress.parse("ada@acme.com"), Role.ADMIN, Relation.DIRECTORY),
          new Contact(carl.id(), "Carl Quill", EmailAddress.parse("carl@acme.com"), Role.COWORKER, Relation.DIRECTORY),
          new Contact(gina.id(), "Gina Partner", EmailAddress.parse("gina@partner.org"), Role.GUEST,
              Relation.YOUR_GUEST));
    }

    @Test
    @DisplayName("C1/C2: an admin sees the directory and the guests the admin invited, not other members' guests")
    void adminView() {
      assertThat(visibleTo(f.ada())).extracting(Contact::userId, Contact::role, Contact::relation).containsExactly(
          tuple(bob.id(), Role.COWORKER, Relation.DIRECTORY),
          tuple(carl.id(), Role.COWORKER, Relation.DIRECTORY),
          tuple(hal.id(), Role.GUEST, Relation.YOUR_GUEST));
    }

    @Test
    @DisplayName("C1: someone who is not a member of the account sees no one")
    void nonMemberSeesNoOne() {
      assertThat(f.kit.contacts().visibleTo(UserId.random(), f.acmeId())).isEmpty();
    }
  }

  @Nested
  @DisplayName("C2: guests see only who invited them")
  class Guests {

    @Test
    @DisplayName("C2: a guest sees exactly the member who invited them, as INVITED_YOU, and not the directory")
    void guestSeesInviter() {
      assertThat(visibleTo(gina)).containsExactly(
          new Contact(bob.id(), "Bob Stone", EmailAddress.parse("bob@acme.com"), Role.COWORKER, Relation.INVITED_YOU));
      assertThat(visibleTo(hal)).containsExactly(
          new Contact(f.adaId(), "Ada Admin", EmailAddress.parse("ada@acme.com"), Role.ADMIN, Relation.INVITED_YOU));
    }

    @Test
    @DisplayName("C2: a guest whose inviter left the account sees no one")
    void inviterGone() {
      f.kit.members().remove(f.adaId(), f.acmeId(), bob.id());

      assertThat(visibleTo(gina)).isEmpty();
    }
  }

  @Nested
  @DisplayName("C3: cached directory reads, bounded staleness")
  class Caching {

    @Test
    @DisplayName("C3: a membership change is visible at once on the node that made it, even right after a cached "
        + "read")
    void visibleAtOnceOnSameNode() {
      assertThat(visibleTo(f.ada())).extracting(Contact::userId).contains(carl.id());

      assertThat(f.kit.members().remove(f.adaId(), f.acmeId(), carl.id())).isInstanceOf(MemberChange.Changed.class);
      assertThat(visibleTo(f.ada())).extracting(Contact::userId).doesNotContain(carl.id());

      f.kit.members().changeRole(f.adaId(), f.acmeId(), hal.id(), Role.COWORKER);
      assertThat(visibleTo(bob)).extracting(Contact::userId, Contact::relation)
          .contains(tuple(hal.id(), Relation.DIRECTORY));

      User dora = f.inviteAndSignUp(f.adaId(), "dora@acme.com", "Dora", "Delta").user();
      assertThat(visibleTo(bob)).extracting(Contact::userId).contains(dora.id());
    }

    @Test
    @DisplayName("C3: another node sharing the store sees the change only after its cache time (30 s), then at once")
    void boundedStalenessOnAnotherNode() {
      // The cache's own ticker (real elapsed time, issue 9 item 5), moved by hand; not the domain clock.
      AtomicLong ticker = new AtomicLong();
      Invitekit otherNode = f.anotherNode(b -> b.contactsCache(CACHE, 100).contactsCacheTicker(ticker::get));
      assertThat(otherNode.contacts().visibleTo(f.adaId(), f.acmeId())).extracting(Contact::userId)
          .contains(carl.id());

      f.kit.members().remove(f.adaId(), f.acmeId(), carl.id());

      assertThat(visibleTo(f.ada())).extracting(Contact::userId).doesNotContain(carl.id());
      assertThat(otherNode.contacts().visibleTo(f.adaId(), f.acmeId())).extracting(Contact::userId)
          .as("within the cache time the other node may still show the removed member").contains(carl.id());
      ticker.addAndGet(CACHE.minusSeconds(1).toNanos());
      assertThat(otherNode.contacts().visibleTo(f.adaId(), f.acmeId())).extracting(Contact::userId)
          .contains(carl.id());
      ticker.addAndGet(Duration.ofSeconds(2).toNanos());
      assertThat(otherNode.contacts().visibleTo(f.adaId(), f.acmeId())).extracting(Contact::userId)
          .doesNotContain(carl.id());
    }
  }
}
