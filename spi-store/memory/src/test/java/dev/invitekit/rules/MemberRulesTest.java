package dev.invitekit.rules;

import static dev.invitekit.rules.RulesFixture.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Token;
import dev.invitekit.account.Account;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.InvitePolicy.GuestInviters;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import dev.invitekit.signup.SignupResult;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** People, memberships, roles and the permission to invite, through the public facade (SPEC U1–U6). */
@DisplayName("Members (U1–U6)")
class MemberRulesTest {

  private final RulesFixture f = new RulesFixture();

  @BeforeEach
  void acme() {
    f.createAcme();
  }

  /** Globex, a second company (PRO, globex.com), founded by Gus Globex. */
  private FounderConfirmation.Confirmed globex() {
    return f.createProAccount("Globex", "globex.com", "gus@globex.com", "Gus", "Globex");
  }

  @Nested
  @DisplayName("U1: one identity across accounts")
  class Identity {

    @Test
    @DisplayName("U1: a signed-up user has an id, the normalized email, first and last name and the instant the "
        + "age check passed; never a date of birth or a password hash")
    void userRecord() {
      f.advance(Duration.ofMinutes(5));
      f.invite(f.adaId(), "Bob Stone <Bob.Stone@ACME.com>");

      User bob = f.signUp("bob.stone@acme.com", "  Bob ", "Stone").user();

      assertThat(bob.email()).isEqualTo(new EmailAddress("bob.stone", "acme.com"));
      assertThat(bob.firstName()).isEqualTo("Bob");
      assertThat(bob.lastName()).isEqualTo("Stone");
      assertThat(bob.ageVerifiedAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
      assertThat(bob.createdAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
      assertThat(f.kit.trusted().user(bob.id())).contains(bob);
      assertThat(Arrays.stream(User.class.getRecordComponents()).map(RecordComponent::getName))
          .containsExactly("id", "email", "firstName", "lastName", "ageVerifiedAt", "createdAt");
    }

    @Test
    @DisplayName("U1: someone who already has an identity joins a second account with it, as a guest there; "
        + "no second user is made")
    void oneIdentityTwoAccounts() {
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
      FounderConfirmation.Confirmed created = globex();
      Account globex = created.account();
      User gus = created.founder();

      InviteResult invited = f.kit.invitations().inviteByEmail(gus.id(), globex.id(), "bob@acme.com");
      assertThat(RulesFixture.report(invited).outcomes()).singleElement()
          .isInstanceOfSatisfying(AddressOutcome.Invited.class, i -> assertThat(i.role()).isEqualTo(Role.GUEST));
      String token = f.tokenFor("bob@acme.com");

      SignupResult second = f.kit.signup().createAccount(RulesFixture.signupRequest(token, "Bob", "Stone"));
      assertThat(second).isInstanceOfSatisfying(SignupResult.Invalid.class, i -> assertThat(i.problems())
          .extracting(FieldProblem::field, FieldProblem::code).containsExactly(tuple(Field.EMAIL, Code.ALREADY_TAKEN)));

      SignupResult joined = f.kit.signup().join(Token.of(token), bob.id());

      assertThat(joined).isInstanceOfSatisfying(SignupResult.Joined.class, j -> {
        assertThat(j.user()).isEqualTo(bob);
        assertThat(j.membership().accountId()).isEqualTo(globex.id());
        assertThat(j.membership().role()).isEqualTo(Role.GUEST);
        assertThat(j.membership().invitedBy()).isEqualTo(gus.id());
      });
      assertThat(f.kit.trusted().membership(f.acmeId(), bob.id()).orElseThrow().role()).isEqualTo(Role.COWORKER);
      assertThat(f.kit.trusted().membership(globex.id(), bob.id()).orElseThrow().role()).isEqualTo(Role.GUEST);
      assertThat(f.kit.trusted().user(bob.id())).contains(bob);
    }

    @Test
    @DisplayName("U1/S6: an invitation to bob@acme.com cannot be joined by another identity; nothing is created")
    void joinNeedsTheInvitedAddress() {
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
      FounderConfirmation.Confirmed created = globex();
      Account globex = created.account();
      f.kit.invitations().inviteByEmail(created.founder().id(), globex.id(), "carl@acme.com");

      SignupResult result = f.kit.signup().join(Token.of(f.tokenFor("carl@acme.com")), bob.id());

      assertThat(result).isInstanceOf(SignupResult.NotAllowed.class);
      assertThat(f.kit.trusted().membership(globex.id(), bob.id())).isEmpty();
    }
  }

  @Nested
  @DisplayName("U2: exactly one role per membership; guests in several accounts")
  class OneRole {

    @Test
    @DisplayName("U2: inviting a member again gives AlreadyMember with their one role; no second membership")
    void memberHasOneMembership() {
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
      int mails = f.mailbox.count();

      InviteResult.InviteReport again = f.invite(f.adaId(), "BOB@acme.com");

      assertThat(again.outcomes()).singleElement().isEqualTo(
          new AddressOutcome.AlreadyMember("BOB@acme.com", EmailAddress.parse("bob@acme.com"), Role.COWORKER));
      assertThat(f.kit.trusted().members(f.acmeId())).filteredOn(m -> m.userId().equals(bob.id())).hasSize(1);
      assertThat(f.mailbox.count()).isEqualTo(mails);
    }

    @Test
    @DisplayName("U2: the same person can be a guest in two accounts")
    void guestInSeveralAccounts() {
      User gina = f.inviteAndSignUp(f.adaId(), "gina@partner.org", "Gina", "Partner").user();
      FounderConfirmation.Confirmed created = globex();
      Account globex = created.account();
      f.kit.invitations().inviteByEmail(created.founder().id(), globex.id(), "gina@partner.org");

      assertThat(f.kit.signup().join(Token.of(f.tokenFor("gina@partner.org")), gina.id())).isInstanceOf(SignupResult.Joined.class);

      assertThat(f.kit.trusted().membership(f.acmeId(), gina.id()).orElseThrow().role()).isEqualTo(Role.GUEST);
      assertThat(f.kit.trusted().membership(globex.id(), gina.id()).orElseThrow().role()).isEqualTo(Role.GUEST);
    }

    @Test
    @DisplayName("U2: members are listed admins first, then co-workers, then guests")
    void listOrder() {
      User gina = f.inviteAndSignUp(f.adaId(), "gina@partner.org", "Gina", "Partner").user();
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();

      assertThat(f.kit.trusted().members(f.acmeId())).extracting(Membership::userId, Membership::role).containsExactly(
          tuple(f.adaId(), Role.ADMIN), tuple(bob.id(), Role.COWORKER), tuple(gina.id(), Role.GUEST));
    }
  }

  @Nested
  @DisplayName("U3: co-worker or guest by email domain")
  class ByDomain {

    @Test
    @DisplayName("U3: a company-domain address is invited and joins as COWORKER, any other as GUEST")
    void companyDomainIsCoworker() {
      InviteResult.InviteReport report = f.invite(f.adaId(), "bob@acme.com; gina@partner.org");

      assertThat(report.outcomes()).extracting(o -> ((AddressOutcome.Invited) o).role())
          .containsExactly(Role.COWORKER, Role.GUEST);
      assertThat(f.signUp("bob@acme.com", "Bob", "Stone").membership().role()).isEqualTo(Role.COWORKER);
      assertThat(f.signUp("gina@partner.org", "Gina", "Partner").membership().role()).isEqualTo(Role.GUEST);
    }

    @Test
    @DisplayName("U3: domains compare case-insensitively; a subdomain of a company domain is not one")
    void caseInsensitiveExactDomain() {
      InviteResult.InviteReport report = f.invite(f.adaId(), "Bob@ACME.COM; eve@mail.acme.com");

      assertThat(report.outcomes()).extracting(o -> ((AddressOutcome.Invited) o).role())
          .containsExactly(Role.COWORKER, Role.GUEST);
    }

    @Test
    @DisplayName("U3: domains compare in IDNA form: Unicode and xn-- spellings of a company domain are co-workers")
    void idnaInsensitive() {
      FounderConfirmation.Confirmed created =
          f.createProAccount("Bücher", "Bücher.example", "ute@bücher.example", "Ute", "Umlaut");
      Account buecher = created.account();
      User ute = created.founder();

      InviteResult.InviteReport report = RulesFixture.report(f.kit.invitations().inviteByEmail(ute.id(), buecher.id(),
          "jan@BÜCHER.example, kai@xn--bcher-kva.example; lea@buecher.example"));

      assertThat(buecher.companyDomains()).containsExactly("xn--bcher-kva.example");
      assertThat(report.outcomes()).extracting(o -> ((AddressOutcome.Invited) o).role())
          .containsExactly(Role.COWORKER, Role.COWORKER, Role.GUEST);
      assertThat(report.outcomes()).extracting(o -> ((AddressOutcome.Invited) o).address().domain())
          .containsExactly("xn--bcher-kva.example", "xn--bcher-kva.example", "buecher.example");
    }
  }

  @Nested
  @DisplayName("U4: only admins make admins, and only of company addresses")
  class Admins {

    @Test
    @DisplayName("U4: an admin invites a company address as ADMIN, who joins as ADMIN")
    void adminInvitesAdmin() {
      InviteResult.InviteReport report = RulesFixture.report(f.kit.invitations().invite(
          InviteRequest.members(f.adaId(), f.acmeId(), "grace@acme.com").asAdmins()));

      assertThat(report.outcomes()).singleElement()
          .isInstanceOfSatisfying(AddressOutcome.Invited.class, i -> assertThat(i.role()).isEqualTo(Role.ADMIN));
      assertThat(f.signUp("grace@acme.com", "Grace", "Hopper").membership().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    @DisplayName("U4: a co-worker inviting someone as ADMIN is refused ADMINS_ONLY, naming the admins; nothing sent")
    void coworkerCannotInviteAdmin() {
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
      int mails = f.mailbox.count();

      InviteResult result = f.kit.invitations().invite(
          InviteRequest.members(bob.id(), f.acmeId(), "grace@acme.com").asAdmins());

      assertThat(RulesFixture.report(result).outcomes()).singleElement()
          .isInstanceOfSatisfying(AddressOutcome.NotAllowed.class, n -> {
            assertThat(n.address()).isEqualTo(EmailAddress.parse("grace@acme.com"));
            assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY);
            assertThat(n.refusal().adminsToContact())
                .containsExactly(new AdminContact("Ada Admin", EmailAddress.parse("ada@acme.com")));
          });
      assertThat(f.mailbox.count()).isEqualTo(mails);
      assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).hasSize(1); // Bob's own, accepted
    }

    @Test
    @DisplayName("U4: an admin inviting an outside address as ADMIN gets NotAllowed ADMIN_NEEDS_COMPANY_DOMAIN; the "
        + "company address in the same request is still invited")
    void outsideAddressNeverAdmin() {
      InviteResult result = f.kit.invitations().invite(
          InviteRequest.members(f.adaId(), f.acmeId(), "gina@partner.org; grace@acme.com").asAdmins());

      List<AddressOutcome> outcomes = RulesFixture.report(result).outcomes();
      assertThat(outcomes.get(0)).isInstanceOfSatisfying(AddressOutcome.NotAllowed.class, n -> {
        assertThat(n.input()).isEqualTo("gina@partner.org");
        assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.ADMIN_NEEDS_COMPANY_DOMAIN);
      });
      assertThat(outcomes.get(1)).isInstanceOfSatisfying(AddressOutcome.Invited.class,
          i -> assertThat(i.role()).isEqualTo(Role.ADMIN));
      assertThat(f.mailbox.to("gina@partner.org")).isEmpty();
    }

    @Test
    @DisplayName("U4: promoting a guest to ADMIN is refused ADMIN_NEEDS_COMPANY_DOMAIN and changes nothing")
    void guestNeverPromotedToAdmin() {
      User gina = f.inviteAndSignUp(f.adaId(), "gina@partner.org", "Gina", "Partner").user();
      f.clearEvents();

      MemberChange change = f.kit.members().changeRole(f.adaId(), f.acmeId(), gina.id(), Role.ADMIN);

      assertThat(change).isInstanceOfSatisfying(MemberChange.NotAllowed.class,
          n -> assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.ADMIN_NEEDS_COMPANY_DOMAIN));
      assertThat(f.kit.trusted().membership(f.acmeId(), gina.id()).orElseThrow().role()).isEqualTo(Role.GUEST);
      assertThat(f.events()).isEmpty();
    }

    @Test
    @DisplayName("U4: an admin promotes a co-worker to ADMIN; a co-worker cannot promote anyone")
    void onlyAdminsPromote() {
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
      User carl = f.inviteAndSignUp(f.adaId(), "carl@acme.com", "Carl", "Quill").user();

      assertThat(f.kit.members().changeRole(bob.id(), f.acmeId(), carl.id(), Role.ADMIN))
          .isInstanceOfSatisfying(MemberChange.NotAllowed.class,
              n -> assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY));
      assertThat(f.kit.members().changeRole(f.adaId(), f.acmeId(), carl.id(), Role.ADMIN))
          .isInstanceOfSatisfying(MemberChange.Changed.class,
              c -> assertThat(c.membership().role()).isEqualTo(Role.ADMIN));
      assertThat(f.kit.trusted().admins(f.acmeId())).extracting(AdminContact::name)
          .containsExactly("Ada Admin", "Carl Quill");
    }

    @Test
    @DisplayName("U4: the last admin cannot be demoted (LAST_ADMIN)")
    void lastAdminStays() {
      assertThat(f.kit.members().changeRole(f.adaId(), f.acmeId(), f.adaId(), Role.COWORKER))
          .isInstanceOfSatisfying(MemberChange.NotAllowed.class,
              n -> assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.LAST_ADMIN));
      assertThat(f.kit.trusted().membership(f.acmeId(), f.adaId()).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }
  }

  @Nested
  @DisplayName("U5: guests join only by a personal invitation")
  class Guests {

    @Test
    @DisplayName("U5: a guest invited by email joins as GUEST of the account, invited by the inviter")
    void guestByPersonalInvitation() {
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();

      SignupResult.Joined gina = f.inviteAndSignUp(bob.id(), "gina@partner.org", "Gina", "Partner");

      assertThat(gina.membership().role()).isEqualTo(Role.GUEST);
      assertThat(gina.membership().accountId()).isEqualTo(f.acmeId());
      assertThat(gina.membership().invitedBy()).isEqualTo(bob.id());
      assertThat(gina.membership().joinedVia()).isNull();
    }

    @Test
    @DisplayName("U5/A2: with guests for no one, an outside address is refused GUESTS_NOT_ALLOWED and gets no mail")
    void noGuestsPolicy() {
      f.updateAcmePolicy(p -> p.withGuestInviters(GuestInviters.NO_ONE));

      InviteResult.InviteReport report = f.invite(f.adaId(), "gina@partner.org");

      assertThat(report.outcomes()).singleElement().isInstanceOfSatisfying(AddressOutcome.NotAllowed.class, n -> {
        assertThat(n.address()).isEqualTo(EmailAddress.parse("gina@partner.org"));
        assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.GUESTS_NOT_ALLOWED);
        assertThat(n.refusal().message()).isNotBlank();
      });
      assertThat(f.mailbox.count()).isZero();
      assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).isEmpty();
    }
  }

  @Nested
  @DisplayName("U6: an admin can disable a member's permission to invite")
  class InvitePermission {

    @Test
    @DisplayName("U6: with the permission disabled, the member's request is NotPermitted, naming every admin by name "
        + "and address, and nothing is sent or recorded")
    void disabledMemberIsToldWhomToAsk() {
      f.invite(f.adaId(), "Grace Hopper <grace@acme.com>");
      // Grace is invited as a co-worker, then promoted, so Acme has two admins.
      User grace = f.signUp("grace@acme.com", "Grace", "Hopper").user();
      f.kit.members().changeRole(f.adaId(), f.acmeId(), grace.id(), Role.ADMIN);
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
      f.clearEvents();

      MemberChange disabled = f.kit.members().setInvitePermission(f.adaId(), f.acmeId(), bob.id(), false);
      assertThat(disabled).isInstanceOfSatisfying(MemberChange.Changed.class,
          c -> assertThat(c.membership().mayInvite()).isFalse());
      assertThat(f.events()).singleElement().isEqualTo(
          new InvitekitEvent.InvitePermissionChanged(START, f.acmeId(), bob.id(), false, f.adaId()));
      f.mailbox.clear();
      f.clearEvents();

      InviteResult result = f.kit.invitations().inviteByEmail(bob.id(), f.acmeId(), "carl@acme.com; gina@partner.org");

      assertThat(result).isInstanceOfSatisfying(InviteResult.NotPermitted.class, n -> {
        assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.INVITE_PERMISSION_DISABLED);
        assertThat(n.refusal().message()).isNotBlank();
        assertThat(n.refusal().adminsToContact()).containsExactly(
            new AdminContact("Ada Admin", EmailAddress.parse("ada@acme.com")),
            new AdminContact("Grace Hopper", EmailAddress.parse("grace@acme.com")));
      });
      assertThat(f.mailbox.all()).isEmpty();
      assertThat(f.mailbox.failedAttempts()).isEmpty();
      assertThat(f.events()).isEmpty();
      assertThat(f.kit.invitations().list(f.adaId(), f.acmeId()))
          .noneMatch(i -> i.email().equals(EmailAddress.parse("carl@acme.com")));
    }

    @Test
    @DisplayName("U6: turning the permission back on lets the member invite again")
    void reEnabled() {
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
      f.kit.members().setInvitePermission(f.adaId(), f.acmeId(), bob.id(), false);

      MemberChange enabled = f.kit.members().setInvitePermission(f.adaId(), f.acmeId(), bob.id(), true);

      assertThat(enabled).isInstanceOfSatisfying(MemberChange.Changed.class,
          c -> assertThat(c.membership().mayInvite()).isTrue());
      assertThat(f.invite(bob.id(), "carl@acme.com").outcomes()).singleElement()
          .isInstanceOf(AddressOutcome.Invited.class);
    }

    @Test
    @DisplayName("U6: only admins change the permission, and an admin's own cannot be turned off")
    void onlyAdminsChangeThePermission() {
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
      User carl = f.inviteAndSignUp(f.adaId(), "carl@acme.com", "Carl", "Quill").user();

      assertThat(f.kit.members().setInvitePermission(bob.id(), f.acmeId(), carl.id(), false))
          .isInstanceOfSatisfying(MemberChange.NotAllowed.class,
              n -> assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY));
      assertThat(f.kit.members().setInvitePermission(f.adaId(), f.acmeId(), f.adaId(), false))
          .isInstanceOf(MemberChange.NotAllowed.class);
      assertThat(f.kit.trusted().membership(f.acmeId(), carl.id()).orElseThrow().mayInvite()).isTrue();
      assertThat(f.kit.trusted().membership(f.acmeId(), f.adaId()).orElseThrow().mayInvite()).isTrue();
    }

    @Test
    @DisplayName("U6: someone who is not a member is NotPermitted (NOT_A_MEMBER) and nothing is sent")
    void nonMemberNotPermitted() {
      FounderConfirmation.Confirmed created = globex();
      Account globex = created.account();
      User gus = created.founder();

      InviteResult result = f.kit.invitations().inviteByEmail(gus.id(), f.acmeId(), "carl@acme.com");

      assertThat(result).isInstanceOfSatisfying(InviteResult.NotPermitted.class,
          n -> assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.NOT_A_MEMBER));
      assertThat(f.mailbox.to("carl@acme.com")).isEmpty();
    }
  }
}
