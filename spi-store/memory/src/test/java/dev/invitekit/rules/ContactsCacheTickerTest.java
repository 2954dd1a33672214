package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.contacts.Contact;
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 5 (C3): the contacts cache expires by real elapsed time (a ticker), not by the domain
 * {@code Clock}: with {@code Clock.fixed}, as the docs recommend for tests, another node still sees a new
 * member once the cache time has passed.
 */
@DisplayName("C3: the contacts cache expires on a ticker, not the domain clock (issue 9 item 5)")
class ContactsCacheTickerTest {
  private static final Duration CACHE = Duration.ofSeconds(30);

  @Test
  @DisplayName("C3: with a fixed clock, another node sees a new member after the cache time of its ticker")
  void anotherNodeSeesNewMemberWithFixedClock_C3_issue9_5() {
    AtomicLong ticker = new AtomicLong(123_456_789L);
    RulesFixture f = new RulesFixture(b -> b.clock(Clock.fixed(RulesFixture.START, ZoneOffset.UTC)));
    f.createAcme();
    Invitekit otherNode = f.anotherNode(b -> b.clock(Clock.fixed(RulesFixture.START, ZoneOffset.UTC))
        .contactsCache(CACHE, 100).contactsCacheTicker(ticker::get));
    assertThat(otherNode.contacts().visibleTo(f.adaId(), f.acmeId())).isEmpty();

    User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();

    assertThat(otherNode.contacts().visibleTo(f.adaId(), f.acmeId())).extracting(Contact::userId)
        .as("within the cache time the other node may still miss the new member").doesNotContain(bob.id());
    ticker.addAndGet(CACHE.minusSeconds(1).toNanos());
    assertThat(otherNode.contacts().visibleTo(f.adaId(), f.acmeId())).extracting(Contact::userId)
        .doesNotContain(bob.id());
    ticker.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(otherNode.contacts().visibleTo(f.adaId(), f.acmeId())).extracting(Contact::userId)
        .containsExactly(bob.id());
  }

  @Test
  @DisplayName("U7, C2: within the cache time on another node, a removed member sees no one and a co-worker made a "
      + "guest sees a guest's view at once: who may look is never read from the cache (review 16)")
  void standingIsReadFromTheStoreOnEveryNode_U7_C2() {
    AtomicLong ticker = new AtomicLong(987_654_321L);
    RulesFixture f = new RulesFixture(b -> b.clock(Clock.fixed(RulesFixture.START, ZoneOffset.UTC)));
    f.createAcme();
    User carl = f.inviteAndSignUp(f.adaId(), "carl@acme.com", "Carl", "Byrne").user();
    User dora = f.inviteAndSignUp(f.adaId(), "dora@acme.com", "Dora", "Moss").user();
    Invitekit otherNode = f.anotherNode(b -> b.clock(Clock.fixed(RulesFixture.START, ZoneOffset.UTC))
        .contactsCache(CACHE, 100).contactsCacheTicker(ticker::get));
    assertThat(otherNode.contacts().visibleTo(carl.id(), f.acmeId())).extracting(Contact::userId)
        .containsExactlyInAnyOrder(f.adaId(), dora.id());
    assertThat(otherNode.contacts().visibleTo(dora.id(), f.acmeId())).extracting(Contact::userId)
        .containsExactlyInAnyOrder(f.adaId(), carl.id());

    assertThat(f.kit.members().remove(f.adaId(), f.acmeId(), carl.id())).isInstanceOf(MemberChange.Changed.class);
    assertThat(f.kit.members().changeRole(f.adaId(), f.acmeId(), dora.id(), Role.GUEST))
        .isInstanceOf(MemberChange.Changed.class);

    assertThat(otherNode.contacts().visibleTo(carl.id(), f.acmeId())).isEmpty();
    assertThat(otherNode.contacts().visibleTo(dora.id(), f.acmeId())).extracting(Contact::userId)
        .containsExactly(f.adaId());
    assertThat(otherNode.contacts().visibleTo(dora.id(), f.acmeId())).extracting(Contact::relation)
        .containsExactly(Contact.Relation.INVITED_YOU);
  }

  @Test
  @DisplayName("C3: the default ticker is real time: a short cache time passes while the domain clock stands still")
  void defaultTickerIsRealTime_C3_issue9_5() throws InterruptedException {
    RulesFixture f = new RulesFixture(b -> b.clock(Clock.fixed(RulesFixture.START, ZoneOffset.UTC)));
    f.createAcme();
    Invitekit otherNode = f.anotherNode(b -> b.clock(Clock.fixed(RulesFixture.START, ZoneOffset.UTC))
        .contactsCache(Duration.ofMillis(50), 100));
    assertThat(otherNode.contacts().visibleTo(f.adaId(), f.acmeId())).isEmpty();
    User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    boolean seen = false;
    while (!seen && System.nanoTime() < deadline) {
      seen = otherNode.contacts().visibleTo(f.adaId(), f.acmeId()).stream().anyMatch(c -> c.userId().equals(bob.id()));
      if (!seen) {
        Thread.sleep(20);
      }
    }
    assertThat(seen).as("the other node sees Bob within real time, the domain clock fixed").isTrue();
  }
}
