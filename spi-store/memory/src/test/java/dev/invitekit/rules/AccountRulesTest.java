package dev.invitekit.rules;

import static dev.invitekit.rules.RulesFixture.ADULT_BIRTH_DATE;
import static dev.invitekit.rules.RulesFixture.PASSWORD;
import static dev.invitekit.rules.RulesFixture.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.invitekit.secret.Password;
import dev.invitekit.refusal.Refusal;
import dev.invitekit.id.UserId;
import dev.invitekit.secret.Token;
import dev.invitekit.account.Account;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.account.InvitePolicy.CoworkerInviters;
import dev.invitekit.account.InvitePolicy.GuestDomains;
import dev.invitekit.account.InvitePolicy.GuestInviters;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.account.PolicyChange;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.MemberChange;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Accounts and their invite policy, through the public facade (SPEC A1–A4). */
@DisplayName("Accounts (A1–A4)")
class AccountRulesTest {

  private final RulesFixture f = new RulesFixture();

  private static NewAccount acmeWith(Plan plan, List<String> domains, int seats) {
    NewAccount acme = RulesFixture.acmeRequest();
    return new NewAccount(acme.name(), plan, domains, seats, acme.locale(), acme.founderEmail(), acme.firstName(),
        acme.lastName(), acme.birthDate(), acme.password(), acme.passwordConfirmation());
  }

  private static NewAccount acmeFounder(LocalDate birthDate, String first, String password, String confirmation) {
    NewAccount acme = RulesFixture.acmeRequest();
    return new NewAccount(acme.name(), acme.plan(), acme.domains(), acme.proPlusSeats(), acme.locale(),
        acme.founderEmail(), first, acme.lastName(), birthDate, Password.of(password), Password.of(confirmation));
  }

  private AccountCreation.Rejected rejected(NewAccount request) {
    AccountCreation creation = f.kit.accounts().create(request);
    assertThat(creation).isInstanceOf(AccountCreation.Rejected.class);
    return (AccountCreation.Rejected) creation;
  }

  /** Nothing of a rejected account exists: no user, no event, no mail; the same founder can still found it. */
  private void assertNothingCreated() {
    assertThat(f.userExists(RulesFixture.ADA_EMAIL)).isFalse();
    assertThat(f.events()).isEmpty();
    assertThat(f.mailbox.count()).isZero();
    assertThat(f.kit.accounts().create(RulesFixture.acmeRequest())).isInstanceOf(AccountCreation.ConfirmationSent.class);
  }

  @Nested
  @DisplayName("A1: an account's id, name, plan, domains and seats")
  class Identity {

    @Test
    @DisplayName("A1: a created account keeps its name, plan, domains and Pro+ seats, and is found by its id")
    void createdAccountIsFoundAsCreated() {
      FounderConfirmation.Confirmed created = f.createAcme();
      Account acme = created.account();

      assertThat(acme.name()).isEqualTo("Acme");
      assertThat(acme.plan()).isEqualTo(Plan.PRO_PLUS);
      assertThat(acme.companyDomains()).containsExactly("acme.com");
      assertThat(acme.proPlusSeats()).isEqualTo(2);
      assertThat(acme.locale()).isEqualTo(Locale.ENGLISH);
      assertThat(acme.createdAt()).isEqualTo(START);
      assertThat(f.kit.trusted().account(acme.id())).contains(acme);
    }

    @Test
    @DisplayName("A1: company domains are stored lower-case in IDNA ASCII form, duplicates once")
    void domainsAreStoredLowerCaseIdna() {
      Account account = f.createAccount(acmeWith(Plan.PRO_PLUS, List.of("ACME.com", "Bücher.Example", "acme.COM."), 2))
          .account();

      assertThat(account.companyDomains()).containsExactly("acme.com", "xn--bcher-kva.example");
      assertThat(f.kit.trusted().account(account.id()).orElseThrow().companyDomains())
          .containsExactly("acme.com", "xn--bcher-kva.example");
    }

    @Test
    @DisplayName("A1: a PRO account has no Pro+ seats; asking for seats on PRO is rejected with a SEATS problem")
    void seatsOnlyForProPlus() {
      List<FieldProblem> problems = rejected(acmeWith(Plan.PRO, List.of("acme.com"), 3)).problems();
      assertThat(problems).extracting(FieldProblem::field, FieldProblem::code)
          .containsExactly(tuple(Field.SEATS, Code.INVALID));
      assertThat(problems.get(0).message()).isNotBlank();

      Account pro = f.createAccount(acmeWith(Plan.PRO, List.of("acme.com"), 0)).account();
      assertThat(pro.plan()).isEqualTo(Plan.PRO);
      assertThat(pro.proPlusSeats()).isZero();
    }

    @Test
    @DisplayName("A1: negative seats, no domain, or an invalid domain are rejected field by field, nothing created")
    void invalidDomainsAndSeatsAreRejected() {
      assertThat(rejected(acmeWith(Plan.PRO_PLUS, List.of("acme.com"), -1)).problems())
          .extracting(FieldProblem::field, FieldProblem::code).containsExactly(tuple(Field.SEATS, Code.INVALID));
      assertThat(rejected(acmeWith(Plan.PRO_PLUS, List.of(), 2)).problems())
          .extracting(FieldProblem::field, FieldProblem::code).contains(tuple(Field.DOMAINS, Code.REQUIRED));
      assertThat(rejected(acmeWith(Plan.PRO_PLUS, List.of("acme.com", "not a domain"), 2)).problems())
          .extracting(FieldProblem::field, FieldProblem::code).containsExactly(tuple(Field.DOMAINS, Code.INVALID));
      assertNothingCreated();
    }
  }

  @Nested
  @DisplayName("A2: the invite policy")
  class Policy {

    @BeforeEach
    void acme() {
      f.createAcme();
    }

    @Test
    @DisplayName("A2: a new account has the default policy: co-workers and admins invite, everyone invites guests, "
        + "links on and not for guests, 7-day invitations")
    void defaults() {
      InvitePolicy policy = f.kit.trusted().account(f.acmeId()).orElseThrow().policy();

      assertThat(policy).isEqualTo(InvitePolicy.defaults());
      assertThat(policy.coworkerInviters()).isEqualTo(CoworkerInviters.ADMINS_AND_COWORKERS);
      assertThat(policy.guestInviters()).isEqualTo(GuestInviters.EVERYONE);
      assertThat(policy.guestDomains()).isEqualTo(GuestDomains.any());
      assertThat(policy.linksEnabled()).isTrue();
      assertThat(policy.linksAdmitGuests()).isFalse();
      assertThat(policy.linkApprovalRequired()).isFalse();
      assertThat(policy.invitationLifetime()).isEqualTo(Duration.ofDays(7));
      assertThat(policy.notifyInviter()).isTrue();
      assertThat(policy.reminderBeforeExpiry()).isNull();
    }

    @Test
    @DisplayName("A2: by default an invitation expires 7 days after it is sent")
    void invitationsLiveSevenDaysByDefault() {
      AddressOutcome.Invited invited = f.invite(f.adaId(), "bob@acme.com").outcomes(AddressOutcome.Invited.class).get(0);

      Invitation invitation = f.kit.invitations().find(f.adaId(), f.acmeId(), invited.invitationId()).orElseThrow();
      assertThat(invitation.createdAt()).isEqualTo(START);
      assertThat(invitation.expiresAt()).isEqualTo(START.plus(Duration.ofDays(7)));
    }

    @Test
    @DisplayName("A2: an invitation lifetime over 30 days is refused by InvitePolicy, naming the setting; 30 days "
        + "is allowed and applies to new invitations")
    void invitationLifetimeAtMostThirtyDays() {
      assertThatThrownBy(() -> InvitePolicy.defaults().withInvitationLifetime(Duration.ofDays(31)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invitation lifetime")
          .hasMessageContaining("30 days");
      assertThatThrownBy(() -> InvitePolicy.defaults().withInvitationLifetime(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invitation lifetime");

      f.updateAcmePolicy(p -> p.withInvitationLifetime(Duration.ofDays(30)));
      AddressOutcome.Invited invited = f.invite(f.adaId(), "bob@acme.com").outcomes(AddressOutcome.Invited.class).get(0);

      assertThat(f.kit.invitations().find(f.adaId(), f.acmeId(), invited.invitationId()).orElseThrow().expiresAt())
          .isEqualTo(START.plus(Duration.ofDays(30)));
    }

    @Test
    @DisplayName("A2, L1, I11: a link lifetime over 365 days and a reminder more than 30 days before expiry are "
        + "refused by InvitePolicy, naming the setting; the longest allowed make and rotate links and remind "
        + "(review 16: unbounded ones overflowed every link call and the reminder job of every account)")
    void linkLifetimeAndReminderBounded() {
      assertThatThrownBy(() -> InvitePolicy.defaults().withLinkLimits(Duration.ofDays(366), null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("link lifetime")
          .hasMessageContaining("365 days");
      assertThatThrownBy(() -> InvitePolicy.defaults().withLinkLimits(Duration.ofSeconds(Long.MAX_VALUE), null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("link lifetime");
      assertThatThrownBy(() -> InvitePolicy.defaults().withNotices(true, Duration.ofDays(31)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("reminder before expiry")
          .hasMessageContaining("30 days");
      assertThatThrownBy(() -> InvitePolicy.defaults().withNotices(true, Duration.ofSeconds(Long.MAX_VALUE)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("reminder before expiry");

      f.updateAcmePolicy(p -> p.withLinkLimits(InvitePolicy.MAX_LINK_LIFETIME, null)
          .withNotices(true, InvitePolicy.MAX_REMINDER_BEFORE_EXPIRY));
      LinkAccess current = f.kit.links().current(f.adaId(), f.acmeId());
      assertThat(current).isInstanceOfSatisfying(LinkAccess.Available.class,
          a -> assertThat(a.link().expiresAt()).isEqualTo(START.plus(Duration.ofDays(365))));
      assertThat(f.kit.links().rotate(f.adaId(), f.acmeId())).isInstanceOf(LinkAccess.Available.class);
      f.invite(f.adaId(), "bob@acme.com");
      // a reminder 30 days ahead of a 7-day invitation is due at once
      assertThat(f.kit.invitations().sendReminders()).isEqualTo(1);
    }

    /**
     * The defaults with this link lifetime and reminder lead, made with the constructor, which leaves the bounds to
     * the builder, as a store reads back a policy an earlier release let an admin save.
     */
    private static InvitePolicy unchecked(Duration linkLifetime, @org.jspecify.annotations.Nullable Duration reminder) {
      InvitePolicy d = InvitePolicy.defaults();
      return new InvitePolicy(d.coworkerInviters(), d.guestInviters(), d.guestDomains(), d.linksEnabled(),
          d.linksAdmitGuests(), d.linkApprovalRequired(), d.invitationLifetime(), linkLifetime, d.linkUseLimit(),
          d.invitesPerInviterPerHour(), d.invitesPerAccountPerDay(), d.resendsPerInvitationPerDay(),
          d.invitesPerRecipientPerDay(), d.notifyInviter(), reminder);
    }

    @Test
    @DisplayName("A2, L1, I11: a policy saved before the bounds (read back through the constructor) still works, its "
        + "link lifetime and reminder lead capped; updatePolicy refuses it again and takes a bounded one (review 17)")
    void policySavedBeforeTheBoundsStillWorks() {
      Duration huge = Duration.ofSeconds(Long.MAX_VALUE);
      InvitePolicy legacy = unchecked(huge, huge);
      f.store.inTransaction(tx -> {
        tx.accounts().update(tx.accounts().find(f.acmeId()).orElseThrow().withPolicy(legacy));
        return true;
      });
      assertThat(legacy.linkLifetimeInEffect()).isEqualTo(InvitePolicy.MAX_LINK_LIFETIME);
      assertThat(legacy.reminderBeforeExpiryInEffect()).isEqualTo(InvitePolicy.MAX_REMINDER_BEFORE_EXPIRY);

      assertThat(f.kit.links().current(f.adaId(), f.acmeId())).isInstanceOfSatisfying(LinkAccess.Available.class,
          a -> assertThat(a.link().expiresAt()).isEqualTo(START.plus(InvitePolicy.MAX_LINK_LIFETIME)));
      f.invite(f.adaId(), "bob@acme.com");
      assertThat(f.kit.invitations().sendReminders()).isEqualTo(1);
      assertThatThrownBy(() -> f.kit.accounts().updatePolicy(f.adaId(), f.acmeId(), legacy))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("link lifetime");
      assertThat(f.kit.accounts().updatePolicy(f.adaId(), f.acmeId(),
          legacy.toBuilder().linkLifetime(Duration.ofDays(30)).reminderBeforeExpiry(Duration.ofDays(2)).build()))
          .isInstanceOf(PolicyChange.Changed.class);
    }

    @Test
    @DisplayName("A2, U6: whoever may not change the policy is refused as such, even with a policy over the bounds "
        + "(the permission is checked first; review 19)")
    void permissionBeforeBounds() {
      UserId bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user().id();
      InvitePolicy d = InvitePolicy.defaults();
      InvitePolicy overBounds = unchecked(Duration.ofDays(400), null);

      assertThat(f.kit.accounts().updatePolicy(bob, f.acmeId(), overBounds))
          .isInstanceOfSatisfying(PolicyChange.NotAllowed.class,
              n -> assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY));
      assertThat(f.kit.accounts().updatePolicy(UserId.random(), f.acmeId(), overBounds))
          .isInstanceOf(PolicyChange.NotAllowed.class);
      assertThatThrownBy(() -> f.kit.accounts().updatePolicy(f.adaId(), f.acmeId(), overBounds))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("link lifetime");
      assertThat(f.kit.trusted().account(f.acmeId()).orElseThrow().policy()).isEqualTo(d);
    }

    @Test
    @DisplayName("A2: an admin's policy change is stored and announced; a co-worker's is refused, naming the admins")
    void onlyAdminsChangeThePolicy() {
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
      f.clearEvents();

      PolicyChange refused = f.kit.accounts().updatePolicy(bob.id(), f.acmeId(),
          InvitePolicy.defaults().withGuestInviters(GuestInviters.NO_ONE));
      assertThat(refused).isInstanceOfSatisfying(PolicyChange.NotAllowed.class, n -> {
        assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY);
        assertThat(n.refusal().adminsToContact())
            .containsExactly(new AdminContact("Ada Admin", EmailAddress.parse("ada@acme.com")));
      });
      assertThat(f.kit.trusted().account(f.acmeId()).orElseThrow().policy()).isEqualTo(InvitePolicy.defaults());
      assertThat(f.events()).isEmpty();

      Account changed = f.updateAcmePolicy(p -> p.withGuestInviters(GuestInviters.NO_ONE));
      assertThat(changed.policy().guestInviters()).isEqualTo(GuestInviters.NO_ONE);
      assertThat(f.kit.trusted().account(f.acmeId())).contains(changed);
      assertThat(f.events()).singleElement().isInstanceOfSatisfying(InvitekitEvent.PolicyChanged.class, e -> {
        assertThat(e.accountId()).isEqualTo(f.acmeId());
        assertThat(e.by()).isEqualTo(f.adaId());
        assertThat(e.occurredAt()).isEqualTo(START);
      });
    }

    @Test
    @DisplayName("A2: with co-worker invitations for admins only, a co-worker may still invite guests but a "
        + "co-worker address is refused with ADMINS_ONLY; admins still invite co-workers")
    void coworkerInvitersAdminsOnly() {
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
      f.updateAcmePolicy(p -> p.withCoworkerInviters(CoworkerInviters.ADMINS_ONLY));

      InviteResult.InviteReport report = f.invite(bob.id(), "carl@acme.com; gina@partner.org");

      assertThat(report.outcomes().get(0)).isInstanceOfSatisfying(AddressOutcome.NotAllowed.class, n -> {
        assertThat(n.address()).isEqualTo(EmailAddress.parse("carl@acme.com"));
        assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY);
        assertThat(n.refusal().adminsToContact()).extracting(AdminContact::name).containsExactly("Ada Admin");
      });
      assertThat(report.outcomes().get(1)).isInstanceOfSatisfying(AddressOutcome.Invited.class,
          i -> assertThat(i.role()).isEqualTo(Role.GUEST));
      assertThat(f.mailbox.to("carl@acme.com")).isEmpty();
      assertThat(f.invite(f.adaId(), "carl@acme.com").outcomes()).singleElement()
          .isInstanceOfSatisfying(AddressOutcome.Invited.class, i -> assertThat(i.role()).isEqualTo(Role.COWORKER));
    }

    @Test
    @DisplayName("A2: when only admins may invite co-workers and guests, a co-worker's request is NotPermitted as "
        + "a whole, naming the admins")
    void coworkerMayInviteNoOne() {
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
      f.updateAcmePolicy(p -> p.withCoworkerInviters(CoworkerInviters.ADMINS_ONLY)
          .withGuestInviters(GuestInviters.ADMINS_ONLY));
      int mailBefore = f.mailbox.count();

      InviteResult result = f.kit.invitations().inviteByEmail(bob.id(), f.acmeId(), "carl@acme.com; gina@partner.org");

      assertThat(result).isInstanceOfSatisfying(InviteResult.NotPermitted.class, n -> {
        assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY);
        assertThat(n.refusal().adminsToContact())
            .containsExactly(new AdminContact("Ada Admin", EmailAddress.parse("ada@acme.com")));
      });
      assertThat(f.mailbox.count()).isEqualTo(mailBefore);
    }

    @Test
    @DisplayName("A2: with guests for admins only, a co-worker's guest is refused ADMINS_ONLY while an admin's is "
        + "invited")
    void guestInvitersAdminsOnly() {
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
      f.updateAcmePolicy(p -> p.withGuestInviters(GuestInviters.ADMINS_ONLY));

      assertThat(f.invite(bob.id(), "gina@partner.org").outcomes()).singleElement()
          .isInstanceOfSatisfying(AddressOutcome.NotAllowed.class,
              n -> assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY));
      assertThat(f.invite(f.adaId(), "gina@partner.org").outcomes()).singleElement()
          .isInstanceOfSatisfying(AddressOutcome.Invited.class, i -> assertThat(i.role()).isEqualTo(Role.GUEST));
    }

    @Test
    @DisplayName("A2: with guests for no one, even an admin's guest is refused GUESTS_NOT_ALLOWED; co-workers are "
        + "still invited")
    void guestInvitersNoOne() {
      f.updateAcmePolicy(p -> p.withGuestInviters(GuestInviters.NO_ONE));

      InviteResult.InviteReport report = f.invite(f.adaId(), "gina@partner.org, bob@acme.com");

      assertThat(report.outcomes().get(0)).isInstanceOfSatisfying(AddressOutcome.NotAllowed.class,
          n -> assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.GUESTS_NOT_ALLOWED));
      assertThat(report.outcomes().get(1)).isInstanceOf(AddressOutcome.Invited.class);
      assertThat(f.mailbox.to("gina@partner.org")).isEmpty();
    }

    @Test
    @DisplayName("A2: a guest allow list admits only its domains; a block list admits all but its domains")
    void guestDomainLists() {
      f.updateAcmePolicy(p -> p.withGuestDomains(GuestDomains.allowOnly(Set.of("Partner.org"))));
      InviteResult.InviteReport allowList = f.invite(f.adaId(), "gina@partner.org; hal@other.org");
      assertThat(allowList.outcomes().get(0)).isInstanceOf(AddressOutcome.Invited.class);
      assertThat(allowList.outcomes().get(1)).isInstanceOfSatisfying(AddressOutcome.NotAllowed.class,
          n -> assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.GUEST_DOMAIN_NOT_ALLOWED));

      f.updateAcmePolicy(p -> p.withGuestDomains(GuestDomains.block(Set.of("other.org"))));
      InviteResult.InviteReport blockList = f.invite(f.adaId(), "hal@other.org; ivy@third.org");
      assertThat(blockList.outcomes().get(0)).isInstanceOfSatisfying(AddressOutcome.NotAllowed.class,
          n -> assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.GUEST_DOMAIN_NOT_ALLOWED));
      assertThat(blockList.outcomes().get(1)).isInstanceOf(AddressOutcome.Invited.class);
    }

    @Test
    @DisplayName("A2: the per-account daily limit holds across inviters: past it, addresses are RateLimited")
    void perAccountRateLimit() {
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
      f.updateAcmePolicy(p -> p.withRateLimits(100, 3, 3));

      // Bob's own invitation took the first of the three; Ada's takes the second, Bob's first the third.
      InviteResult.InviteReport ada = f.invite(f.adaId(), "carl@acme.com");
      InviteResult.InviteReport bobs = f.invite(bob.id(), "dora@acme.com; emil@acme.com");

      assertThat(ada.outcomes()).singleElement().isInstanceOf(AddressOutcome.Invited.class);
      assertThat(bobs.outcomes().get(0)).isInstanceOf(AddressOutcome.Invited.class);
      assertThat(bobs.outcomes().get(1)).isInstanceOfSatisfying(AddressOutcome.RateLimited.class, r -> {
        assertThat(r.address()).isEqualTo(EmailAddress.parse("emil@acme.com"));
        assertThat(r.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofDays(1));
      });
      assertThat(f.mailbox.to("emil@acme.com")).isEmpty();
    }

    @Test
    @DisplayName("A2: with the inviter's notices off, a decline sends the inviter nothing")
    void noticesOff() {
      f.updateAcmePolicy(p -> p.withNotices(false, null));
      f.invite(f.adaId(), "bob@acme.com");

      f.kit.signup().decline(Token.of(f.tokenFor("bob@acme.com")));

      assertThat(f.mailbox.to(RulesFixture.ADA_EMAIL)).isEmpty();
    }
  }

  @Nested
  @DisplayName("A3: the founder signs up like everyone else")
  class Founder {

    @Test
    @DisplayName("A3: the founder becomes the account's first and only admin, may invite, was invited by no one")
    void founderIsFirstAdmin() {
      FounderConfirmation.Confirmed created = f.createAcme();
      User ada = created.founder();

      assertThat(ada.email()).isEqualTo(EmailAddress.parse("ada@acme.com"));
      assertThat(ada.firstName()).isEqualTo("Ada");
      assertThat(ada.lastName()).isEqualTo("Admin");
      assertThat(ada.ageVerifiedAt()).isEqualTo(START);
      assertThat(f.kit.trusted().members(created.account().id())).singleElement().satisfies(m -> {
        assertThat(m.userId()).isEqualTo(ada.id());
        assertThat(m.role()).isEqualTo(Role.ADMIN);
        assertThat(m.mayInvite()).isTrue();
        assertThat(m.invitedBy()).isNull();
        assertThat(m.joinedVia()).isNull();
        assertThat(m.joinedAt()).isEqualTo(START);
      });
      assertThat(f.kit.trusted().user(ada.id())).contains(ada);
      // A3: the account waited for Ada to prove her address, then was created with her as admin.
      assertThat(f.events()).containsExactly(
          new InvitekitEvent.FounderConfirmationSent(START, created.account().id(), START.plus(Duration.ofHours(24))),
          new InvitekitEvent.AccountCreated(START, created.account().id(), ada.id()));
    }

    @Test
    @DisplayName("A3/S2: a founder under 16 is Rejected with BIRTH_DATE/TOO_YOUNG and nothing is created")
    void underSixteenFounderRejected() {
      LocalDate fifteen = LocalDate.of(2025, 3, 11).minusYears(16); // turns 16 tomorrow

      assertThat(rejected(acmeFounder(fifteen, "Ada", PASSWORD, PASSWORD)).problems())
          .extracting(FieldProblem::field, FieldProblem::code)
          .containsExactly(tuple(Field.BIRTH_DATE, Code.TOO_YOUNG));
      assertNothingCreated();
    }

    @Test
    @DisplayName("A3/S4: a founder's common, short or name-containing password is Rejected with the reason")
    void weakFounderPasswordsRejected() {
      assertThat(rejected(acmeFounder(ADULT_BIRTH_DATE, "Ada", "correct horse battery staple",
          "correct horse battery staple")).problems())
          .extracting(FieldProblem::field, FieldProblem::code)
          .containsExactly(tuple(Field.PASSWORD, Code.COMMON_PASSWORD));
      assertThat(rejected(acmeFounder(ADULT_BIRTH_DATE, "Ada", "short pw", "short pw")).problems())
          .extracting(FieldProblem::field, FieldProblem::code)
          .containsExactly(tuple(Field.PASSWORD, Code.TOO_SHORT));
      String withName = "my boss is admin of nine kiwis";
      assertThat(rejected(acmeFounder(ADULT_BIRTH_DATE, "Ada", withName, withName)).problems())
          .extracting(FieldProblem::field, FieldProblem::code)
          .containsExactly(tuple(Field.PASSWORD, Code.CONTAINS_NAME));
      assertNothingCreated();
    }

    @Test
    @DisplayName("A3/S5: every founder problem comes back together, field by field")
    void allFounderProblemsTogether() {
      LocalDate tenYearsOld = START.atZone(java.time.ZoneOffset.UTC).toLocalDate().minusYears(10);

      List<FieldProblem> problems = rejected(acmeFounder(tenYearsOld, "  ", PASSWORD, PASSWORD + "!")).problems();

      assertThat(problems).extracting(FieldProblem::field, FieldProblem::code).containsExactlyInAnyOrder(
          tuple(Field.FIRST_NAME, Code.REQUIRED),
          tuple(Field.BIRTH_DATE, Code.TOO_YOUNG),
          tuple(Field.PASSWORD_CONFIRMATION, Code.MISMATCH));
      assertThat(problems).allSatisfy(p -> assertThat(p.message()).isNotBlank());
      assertNothingCreated();
    }

    @Test
    @DisplayName("A3/U4: the founder's address must be at a company domain, else EMAIL/NOT_COMPANY_DOMAIN")
    void founderNeedsCompanyAddress() {
      NewAccount acme = RulesFixture.acmeRequest();
      NewAccount outsider = new NewAccount(acme.name(), acme.plan(), acme.domains(), acme.proPlusSeats(), acme.locale(),
          "ada@elsewhere.org", acme.firstName(), acme.lastName(), acme.birthDate(), acme.password(),
          acme.passwordConfirmation());

      assertThat(rejected(outsider).problems()).extracting(FieldProblem::field, FieldProblem::code)
          .containsExactly(tuple(Field.EMAIL, Code.NOT_COMPANY_DOMAIN));
      assertNothingCreated();
    }
  }

  @Nested
  @DisplayName("A4: webmail domains are never company domains")
  class Webmail {

    @Test
    @DisplayName("A4: gmail.com (in any case) or outlook.com as a company domain is Rejected with WEBMAIL_DOMAIN")
    void webmailDomainRefused() {
      NewAccount acme = RulesFixture.acmeRequest();
      NewAccount gmail = new NewAccount("Acme", Plan.PRO, List.of("GMail.com", "outlook.com"), 0, Locale.ENGLISH,
          "ada@gmail.com", "Ada", "Admin", acme.birthDate(), Password.of(PASSWORD), Password.of(PASSWORD));

      List<FieldProblem> problems = rejected(gmail).problems();

      assertThat(problems).extracting(FieldProblem::field, FieldProblem::code)
          .contains(tuple(Field.DOMAINS, Code.WEBMAIL_DOMAIN), tuple(Field.DOMAINS, Code.WEBMAIL_DOMAIN));
      assertThat(problems).filteredOn(p -> p.code() == Code.WEBMAIL_DOMAIN).hasSize(2);
      assertThat(f.events()).isEmpty();
    }

    @Test
    @DisplayName("A4/U3: a gmail.com user invited to Acme is a GUEST, and joins as one")
    void gmailUserIsGuest() {
      f.createAcme();

      assertThat(f.invite(f.adaId(), "gus@gmail.com").outcomes()).singleElement()
          .isInstanceOfSatisfying(AddressOutcome.Invited.class, i -> assertThat(i.role()).isEqualTo(Role.GUEST));
      assertThat(f.signUp("gus@gmail.com", "Gus", "Gmail").membership().role()).isEqualTo(Role.GUEST);
    }

    @Test
    @DisplayName("A4: an admin may promote a webmail guest to COWORKER explicitly; the change is stored and "
        + "announced; a co-worker may not promote")
    void adminPromotesWebmailGuest() {
      f.createAcme();
      User bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
      User gus = f.inviteAndSignUp(f.adaId(), "gus@gmail.com", "Gus", "Gmail").user();
      f.clearEvents();

      MemberChange byCoworker = f.kit.members().changeRole(bob.id(), f.acmeId(), gus.id(), Role.COWORKER);
      assertThat(byCoworker).isInstanceOfSatisfying(MemberChange.NotAllowed.class,
          n -> assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.ADMINS_ONLY));
      assertThat(f.kit.trusted().membership(f.acmeId(), gus.id()).orElseThrow().role()).isEqualTo(Role.GUEST);

      MemberChange byAdmin = f.kit.members().changeRole(f.adaId(), f.acmeId(), gus.id(), Role.COWORKER);

      assertThat(byAdmin).isInstanceOfSatisfying(MemberChange.Changed.class,
          c -> assertThat(c.membership().role()).isEqualTo(Role.COWORKER));
      Membership stored = f.kit.trusted().membership(f.acmeId(), gus.id()).orElseThrow();
      assertThat(stored.role()).isEqualTo(Role.COWORKER);
      assertThat(f.events()).singleElement().isEqualTo(
          new InvitekitEvent.RoleChanged(START, f.acmeId(), gus.id(), Role.GUEST, Role.COWORKER, f.adaId()));
    }

    @Test
    @DisplayName("A4/U4: a webmail user can never be promoted to ADMIN (ADMIN_NEEDS_COMPANY_DOMAIN)")
    void webmailUserNeverAdmin() {
      f.createAcme();
      User gus = f.inviteAndSignUp(f.adaId(), "gus@gmail.com", "Gus", "Gmail").user();
      f.kit.members().changeRole(f.adaId(), f.acmeId(), gus.id(), Role.COWORKER);

      MemberChange toAdmin = f.kit.members().changeRole(f.adaId(), f.acmeId(), gus.id(), Role.ADMIN);

      assertThat(toAdmin).isInstanceOfSatisfying(MemberChange.NotAllowed.class,
          n -> assertThat(n.refusal().reason()).isEqualTo(Refusal.Reason.ADMIN_NEEDS_COMPANY_DOMAIN));
      assertThat(f.kit.trusted().membership(f.acmeId(), gus.id()).orElseThrow().role()).isEqualTo(Role.COWORKER);
    }

    @Test
    @DisplayName("A4: the promoted webmail co-worker shows in the company directory; the promotion sends no mail")
    void promotedWebmailUserInDirectory() {
      f.createAcme();
      User gus = f.inviteAndSignUp(f.adaId(), "gus@gmail.com", "Gus", "Gmail").user();
      int mails = f.mailbox.count();

      f.kit.members().changeRole(f.adaId(), f.acmeId(), gus.id(), Role.COWORKER);

      assertThat(f.kit.contacts().visibleTo(f.adaId(), f.acmeId()))
          .extracting(c -> c.userId(), c -> c.role(), c -> c.relation())
          .containsExactly(tuple(gus.id(), Role.COWORKER, dev.invitekit.contacts.Contact.Relation.DIRECTORY));
      assertThat(f.mailbox.count()).isEqualTo(mails);
    }
  }
}
