package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.contacts.Contact;
import dev.invitekit.contacts.Contact.Relation;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 1 (C2): a guest who invited another guest sees that guest, as the invited guest sees them;
 * neither sees the company directory.
 */
@DisplayName("C2: a guest inviter sees the guest they invited (issue 9 item 1)")
class GuestInviterContactsTest {
  private final RulesFixture f = new RulesFixture();
  private User hal;
  private User gwen;

  /** Acme: Ada (admin) invited Bob (co-worker) and Hal (guest); Hal invited Gwen (guest). */
  @BeforeEach
  void acme() {
    f.createAcme();
    f.inviteAndSignUp(f.adaId(), "bob@acme.com", "Bob", "Stone");
    hal = f.inviteAndSignUp(f.adaId(), "hal@outside.org", "Hal", "Outsider").user();
    gwen = f.inviteAndSignUp(hal.id(), "gwen@partner.org", "Gwen", "Partner").user();
  }

  @Test
  @DisplayName("C2: the guest inviter sees their inviter and the guest they invited, not the directory")
  void guestInviterSeesInvitedGuest_C2_issue9_1() {
    assertThat(f.kit.contacts().visibleTo(hal.id(), f.acmeId())).containsExactly(
        new Contact(f.adaId(), "Ada Admin", EmailAddress.parse("ada@acme.com"), Role.ADMIN, Relation.INVITED_YOU),
        new Contact(gwen.id(), "Gwen Partner", EmailAddress.parse("gwen@partner.org"), Role.GUEST,
            Relation.YOUR_GUEST));
  }

  @Test
  @DisplayName("C2: the invited guest sees only the guest who invited them")
  void invitedGuestSeesGuestInviter_C2_issue9_1() {
    assertThat(f.kit.contacts().visibleTo(gwen.id(), f.acmeId())).containsExactly(
        new Contact(hal.id(), "Hal Outsider", EmailAddress.parse("hal@outside.org"), Role.GUEST, Relation.INVITED_YOU));
  }
}
