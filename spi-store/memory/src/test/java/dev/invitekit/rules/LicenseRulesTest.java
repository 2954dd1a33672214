package dev.invitekit.rules;

import static dev.invitekit.rules.RulesFixture.ADA_EMAIL;
import static dev.invitekit.rules.RulesFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Token;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.license.License;
import dev.invitekit.license.LicenseAssignment;
import dev.invitekit.license.LicenseResult;
import dev.invitekit.link.InviteLink;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Behaviour of Pro+ licenses through the public facade (P1–P4), on the in-memory store. */
@DisplayName("Pro+ licenses (P1–P4)")
class LicenseRulesTest {
  private static final License PRO_PLUS = License.PRO_PLUS;
  private static final AdminContact ADA_CONTACT = new AdminContact("Ada Admin", EmailAddress.parse(ADA_EMAIL));

  private RulesFixture fx;
  private UserId ada;
  private AccountId acme;
  private UserId bob;

  @BeforeEach
  void acmeWithTwoSeatsAdaAndBob() {
    fx = new RulesFixture();
    fx.createAcme();
    ada = fx.adaId();
    acme = fx.acmeId();
    bob = fx.inviteAndSignUp(ada, "bob@acme.com", "Bob", "Stone").user().id();
    fx.clearEvents();
  }

  private LicenseResult assign(UserId admin, UserId member) {
    return fx.kit.licenses().assign(admin, acme, member, PRO_PLUS);
  }

  private LicenseResult unassign(UserId admin, UserId member) {
    return fx.kit.licenses().unassign(admin, acme, member, PRO_PLUS);
  }

  private static LicenseResult.Assigned assigned(LicenseResult result) {
    assertThat(result).isInstanceOf(LicenseResult.Assigned.class);
    return (LicenseResult.Assigned) result;
  }

  private static Refusal refusal(LicenseResult result) {
    assertThat(result).isInstanceOf(LicenseResult.NotAllowed.class);
    Refusal refusal = ((LicenseResult.NotAllowed) result).refusal();
    assertThat(refusal.message()).isNotBlank();
    return refusal;
  }

  private List<LicenseAssignment> assignments() {
    return fx.kit.licenses().assignments(ada, acme);
  }

  @Nested
  @DisplayName("P1: only Pro+ accounts, as many as their seats")
  class OnlyProPlus {

    @Test
    @DisplayName("P1: a PRO account has no Pro+ licenses to assign (NOT_PRO_PLUS)")
    void proAccountHasNone() {
      FounderConfirmation.Confirmed initech =
          fx.createProAccount("Initech", "initech.com", "peter@initech.com", "Peter", "Gibbons");
      UserId peter = initech.founder().id();
      AccountId initechId = initech.account().id();

      assertThat(refusal(fx.kit.licenses().assign(peter, initechId, peter, PRO_PLUS)).reason())
          .isEqualTo(Refusal.Reason.NOT_PRO_PLUS);
      assertThat(refusal(fx.kit.licenses().unassign(peter, initechId, peter, PRO_PLUS)).reason())
          .isEqualTo(Refusal.Reason.NOT_PRO_PLUS);
      assertThat(fx.kit.licenses().assignments(peter, initechId)).isEmpty();
      assertThat(fx.events(InvitekitEvent.LicenseAssigned.class)).isEmpty();
    }

    @Test
    @DisplayName("P1: a Pro+ account with 2 purchased seats has exactly 2 licenses")
    void asManyAsTheSeats() {
      UserId carl = fx.inviteAndSignUp(ada, "carl@acme.com", "Carl", "Lind").user().id();

      assertThat(assigned(assign(ada, ada)).seatsLeft()).isEqualTo(1);
      assertThat(assigned(assign(ada, bob)).seatsLeft()).isZero();
      LicenseResult third = assign(ada, carl);

      assertThat(third).isEqualTo(new LicenseResult.NoSeatsLeft(2));
      assertThat(((LicenseResult.NoSeatsLeft) third).message()).contains("2");
      assertThat(assignments()).extracting(LicenseAssignment::userId).containsExactly(ada, bob);
    }
  }

  @Nested
  @DisplayName("P2: admins assign, to admins and co-workers, never beyond the seats")
  class WhoAndToWhom {

    @Test
    @DisplayName("P2: a co-worker may neither assign nor unassign (ADMINS_ONLY), and is told which admins to ask")
    void nonAdminRefused() {
      assigned(assign(ada, ada));

      Refusal assigning = refusal(assign(bob, bob));
      Refusal unassigning = refusal(unassign(bob, ada));

      assertThat(assigning.reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY);
      assertThat(assigning.adminsToContact()).containsExactly(ADA_CONTACT);
      assertThat(unassigning.reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY);
      assertThat(assignments()).extracting(LicenseAssignment::userId).containsExactly(ada);
    }

    @Test
    @DisplayName("P2: a guest cannot hold a license (NOT_LICENSABLE); an admin can")
    void guestRefused() {
      UserId dora = fx.inviteAndSignUp(ada, "dora@example.org", "Dora", "Lee").user().id();
      assertThat(fx.kit.trusted().membership(acme, dora).orElseThrow().role()).isEqualTo(Role.GUEST);

      assertThat(refusal(assign(ada, dora)).reason()).isEqualTo(Refusal.Reason.NOT_LICENSABLE);

      assertThat(assigned(assign(ada, ada)).assignment().userId()).isEqualTo(ada);
      assertThat(assignments()).extracting(LicenseAssignment::userId).containsExactly(ada);
    }

    @Test
    @DisplayName("P2: someone who is not a member of the account cannot hold its license (TARGET_NOT_A_MEMBER)")
    void nonMemberRefused() {
      UserId gina = fx.createProAccount("Globex", "globex.com", "gina@globex.com", "Gina", "Marsh").founder().id();

      assertThat(refusal(assign(ada, gina)).reason()).isEqualTo(Refusal.Reason.TARGET_NOT_A_MEMBER);
      assertThat(refusal(fx.kit.licenses().assign(gina, acme, gina, PRO_PLUS)).reason())
          .isEqualTo(Refusal.Reason.NOT_A_MEMBER);
      assertThat(assignments()).isEmpty();
    }

    @RepeatedTest(value = 3, name = "P2 race {currentRepetition}/{totalRepetitions}")
    @DisplayName("P2: two admins assigning 2 seats to 10 co-workers at the same moment: exactly 2 Assigned, 8 NoSeatsLeft")
    void concurrentAssignmentsNeverExceedTheSeats() throws Exception {
      InviteResult erinInvited = fx.kit.invitations()
          .invite(InviteRequest.members(ada, acme, "erin@acme.com").asAdmins());
      assertThat(RulesFixture.report(erinInvited).outcomes()).singleElement().isInstanceOf(AddressOutcome.Invited.class);
      UserId erin = fx.signUp("erin@acme.com", "Erin", "Hale").user().id();
      assertThat(fx.kit.trusted().membership(acme, erin).orElseThrow().role()).isEqualTo(Role.ADMIN);
      String addresses = IntStream.range(0, 10).mapToObj(i -> "w" + i + "@acme.com").collect(Collectors.joining(", "));
      assertThat(fx.invite(ada, addresses).outcomes(AddressOutcome.Invited.class)).hasSize(10);
      List<UserId> coworkers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        coworkers.add(fx.signUp("w" + i + "@acme.com", "Wanda", "Number" + i).user().id());
      }
      List<UserId> admins = List.of(ada, erin);
      fx.clearEvents();

      int threads = coworkers.size();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<LicenseResult>> futures = new ArrayList<>();
      List<LicenseResult> results = new ArrayList<>();
      try {
        for (int i = 0; i < threads; i++) {
          UserId admin = admins.get(i % admins.size());
          UserId coworker = coworkers.get(i);
          futures.add(pool.submit(() -> {
            ready.countDown();
            start.await();
            return assign(admin, coworker);
          }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        start.countDown();
        for (Future<LicenseResult> future : futures) {
          results.add(future.get(10, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(results).filteredOn(LicenseResult.Assigned.class::isInstance).hasSize(2)
          .extracting(r -> ((LicenseResult.Assigned) r).seatsLeft()).containsExactlyInAnyOrder(1, 0);
      assertThat(results).filteredOn(r -> !(r instanceof LicenseResult.Assigned))
          .hasSize(8).containsOnly(new LicenseResult.NoSeatsLeft(2));
      assertThat(assignments()).hasSize(2);
      assertThat(fx.events(InvitekitEvent.LicenseAssigned.class)).hasSize(2);
    }
  }

  @Nested
  @DisplayName("P3: nobody gets a license by signing up")
  class NotBySigningUp {

    @Test
    @DisplayName("P3: after sign-ups by email and by link, nobody holds a license, the founder included")
    void signupGrantsNoLicense() {
      fx.inviteAndSignUp(ada, "carl@acme.com", "Carl", "Lind");
      InviteLink link = ((LinkAccess.Available) fx.kit.links().current(bob, acme)).link();
      assertThat(fx.kit.links().redeem(Token.of(RecordingMailbox.tokenOf(link.url())), "dora@acme.com"))
          .isInstanceOf(Redemption.CheckYourEmail.class);
      fx.signUp("dora@acme.com", "Dora", "Lee");

      assertThat(fx.kit.trusted().members(acme)).hasSize(4);
      assertThat(assignments()).isEmpty();
      assertThat(fx.kit.licenses().assignments(bob, acme)).isEmpty();
      assertThat(fx.events(InvitekitEvent.LicenseAssigned.class)).isEmpty();
    }
  }

  @Nested
  @DisplayName("P4: harmless twice, unassign frees, every change recorded")
  class Changes {

    @Test
    @DisplayName("P4: assigning twice is harmless: AlreadyAssigned with the first assignment, one seat, one event")
    void assignTwice() {
      LicenseAssignment first = assigned(assign(ada, bob)).assignment();
      fx.advance(Duration.ofHours(1));

      LicenseResult again = assign(ada, bob);

      assertThat(again).isEqualTo(new LicenseResult.AlreadyAssigned(first));
      assertThat(assignments()).containsExactly(first);
      assertThat(fx.events(InvitekitEvent.LicenseAssigned.class)).hasSize(1);
      assertThat(assigned(assign(ada, ada)).seatsLeft()).as("the second seat is still free").isZero();
    }

    @Test
    @DisplayName("P4: unassigning frees the seat, so another member can take it")
    void unassignFreesTheSeat() {
      UserId carl = fx.inviteAndSignUp(ada, "carl@acme.com", "Carl", "Lind").user().id();
      assigned(assign(ada, ada));
      LicenseAssignment bobs = assigned(assign(ada, bob)).assignment();
      assertThat(assign(ada, carl)).isEqualTo(new LicenseResult.NoSeatsLeft(2));

      assertThat(unassign(ada, bob)).isEqualTo(new LicenseResult.Unassigned(bobs));

      assertThat(assigned(assign(ada, carl)).seatsLeft()).isZero();
      assertThat(assignments()).extracting(LicenseAssignment::userId).containsExactlyInAnyOrder(ada, carl);
      assertThat(unassign(ada, bob)).isEqualTo(new LicenseResult.NotAssigned());
    }

    @Test
    @DisplayName("P4: an assignment records who assigned it and when, by the clock; LicenseAssigned and "
        + "LicenseUnassigned events say who and when")
    void recordsWhoAndWhen() {
      fx.advance(Duration.ofMinutes(90));
      Instant assignedAt = START.plus(Duration.ofMinutes(90));

      LicenseAssignment assignment = assigned(assign(ada, bob)).assignment();

      assertThat(assignment).isEqualTo(new LicenseAssignment(acme, bob, PRO_PLUS, ada, assignedAt));
      assertThat(fx.kit.licenses().assignments(bob, acme)).as("any member may look").containsExactly(assignment);

      fx.advance(Duration.ofHours(1));
      Instant unassignedAt = assignedAt.plus(Duration.ofHours(1));
      assertThat(unassign(ada, bob)).isEqualTo(new LicenseResult.Unassigned(assignment));

      assertThat(fx.events()).containsExactly(
          new InvitekitEvent.LicenseAssigned(assignedAt, acme, bob, PRO_PLUS, ada),
          new InvitekitEvent.LicenseUnassigned(unassignedAt, acme, bob, PRO_PLUS, ada));
      assertThat(assignments()).isEmpty();
    }
  }
}
