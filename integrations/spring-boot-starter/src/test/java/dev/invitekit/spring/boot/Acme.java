package dev.invitekit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.NewAccount;
import dev.invitekit.account.Plan;
import dev.invitekit.invite.InviteResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The starter tests' only use of Invitekit's use cases: an account and an invitation, to see events, meters
 * and the store at work. Kept in one place so a change of the core API touches one file here.
 */
final class Acme {
  static final String PASSWORD = "correct horse battery staple, 7 violet kiwis";

  private Acme() {}

  /** Creates a Pro+ account for acme.com, founded by ada@acme.com. */
  static AccountCreation.Created create(Invitekit kit) {
    AccountCreation creation = kit.accounts().create(new NewAccount("Acme", Plan.PRO_PLUS, List.of("acme.com"), 2,
        Locale.ENGLISH, "ada@acme.com", "Ada", "Admin", LocalDate.of(1990, 5, 17), PASSWORD, PASSWORD));
    assertThat(creation).isInstanceOf(AccountCreation.Created.class);
    return (AccountCreation.Created) creation;
  }

  /** The founder invites {@code address} by email. */
  static InviteResult invite(Invitekit kit, AccountCreation.Created acme, String address) {
    InviteResult result = kit.invitations().inviteByEmail(acme.founder().id(), acme.account().id(), address);
    assertThat(result).isInstanceOf(InviteResult.InviteReport.class);
    return result;
  }
}
