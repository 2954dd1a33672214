package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.refusal.AdminContact;
import dev.invitekit.member.Membership;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * U7 (issue 8 item 15): every read of account data takes the acting user and shows only what that user may
 * see; the unchecked reads are {@code kit.trusted()}, named for trusted code only.
 */
@DisplayName("Reads of account data take the acting user (U7)")
class ActingUserReadsTest {
  private final RulesFixture f = new RulesFixture();
  private User bob;
  private User gus;
  private User gina;
  private FounderConfirmation.Confirmed globex;

  @BeforeEach
  void world() {
    f.createAcme();
    bob = f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone").user();
    gus = f.inviteAndSignUp(f.adaId(), "gus@outside.org", "Gus", "Guest").user();
    globex = f.createProAccount("Globex", "globex.com", "gina@globex.com", "Gina", "Ginger");
    gina = globex.founder();
  }

  @Test
  @DisplayName("U7: a non-member holding Acme's ids gets nothing from find, list, user, admins or a membership")
  void nonMemberGetsNothing_U7_issue8_15() {
    UserId outsider = gina.id();
    assertThat(f.kit.accounts().find(outsider, f.acmeId())).isEmpty();
    assertThat(f.kit.members().list(outsider, f.acmeId())).isEmpty();
    assertThat(f.kit.members().find(outsider, f.acmeId(), f.adaId())).isEmpty();
    assertThat(f.kit.members().user(outsider, f.adaId())).isEmpty();
    assertThat(f.kit.members().user(outsider, bob.id())).isEmpty();
    assertThat(f.kit.members().admins(outsider, f.acmeId())).isEmpty();
    // Nor does an id nobody has, nor an unknown account: the same empty answers.
    UserId nobody = UserId.random();
    assertThat(f.kit.accounts().find(nobody, f.acmeId())).isEmpty();
    assertThat(f.kit.members().list(nobody, f.acmeId())).isEmpty();

    // Members see their account; the trusted reads, for server-side code only, see everything.
    assertThat(f.kit.accounts().find(f.adaId(), f.acmeId())).contains(f.acme());
    assertThat(f.kit.members().admins(bob.id(), f.acmeId())).extracting(AdminContact::name).containsExactly("Ada Admin");
    assertThat(f.kit.members().user(gina.id(), gina.id())).contains(gina);
    assertThat(f.kit.trusted().account(f.acmeId())).contains(f.acme());
    assertThat(f.kit.trusted().members(f.acmeId())).hasSize(3);
    assertThat(f.kit.trusted().user(f.adaId())).contains(f.ada());
  }

  @Test
  @DisplayName("U7/C1/C2: an admin sees every member, a co-worker the company and their own guests, a guest "
      + "themselves and who invited them")
  void membersSeeWhatTheirRoleShows_U7_issue8_15() {
    assertThat(f.kit.members().list(f.adaId(), f.acmeId())).extracting(Membership::userId)
        .containsExactly(f.adaId(), bob.id(), gus.id());
    assertThat(f.kit.members().list(bob.id(), f.acmeId())).extracting(Membership::userId)
        .containsExactly(f.adaId(), bob.id());
    assertThat(f.kit.members().find(bob.id(), f.acmeId(), gus.id())).isEmpty();
    assertThat(f.kit.members().user(bob.id(), gus.id())).isEmpty();
    assertThat(f.kit.members().list(gus.id(), f.acmeId())).extracting(Membership::userId)
        .containsExactly(f.adaId(), gus.id());
    assertThat(f.kit.members().user(gus.id(), f.adaId())).contains(f.ada());
    assertThat(f.kit.members().user(gus.id(), bob.id())).isEmpty();
    assertThat(f.kit.members().user(f.adaId(), gus.id())).contains(gus);
  }
}
