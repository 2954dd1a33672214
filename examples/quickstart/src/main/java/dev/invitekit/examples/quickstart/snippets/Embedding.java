package dev.invitekit.examples.quickstart.snippets;

import dev.invitekit.Invitekit;
import dev.invitekit.id.AccountId;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.mail.memory.ConsoleMailSender;
import dev.invitekit.id.UserId;
import dev.invitekit.store.memory.InMemoryStore;
import java.net.URI;

/** The code README.md shows: build the facade, invite a pasted list. */
public final class Embedding {
  private Embedding() {}

  /** Builds Invitekit on the in-memory defaults. */
  public static Invitekit build() {
    // tag::build[]
    Invitekit kit = Invitekit.builder()
        .store(new InMemoryStore())                      // invitekit-store-memory; your own Store in production
        .mail(new ConsoleMailSender())                   // invitekit-mail-memory; prints mail, for development
        .baseUrl(URI.create("https://app.example.com"))  // invitation and link URLs start with it
        .build();
    // end::build[]
    return kit;
  }

  /** Invites a pasted list and prints each address's outcome. */
  public static void invite(Invitekit kit, UserId adminId, AccountId accountId) {
    // tag::invite[]
    InviteResult result = kit.invitations()
        .inviteByEmail(adminId, accountId, "bob@acme.com; \"Lee, Ann\" <ann@example.org>, not-an-address");
    if (result instanceof InviteResult.InviteReport report) {
      for (AddressOutcome outcome : report.outcomes()) {   // one per distinct address
        if (outcome instanceof AddressOutcome.Invited invited) {
          System.out.println(invited.address() + " invited as " + invited.role());
        } else if (outcome instanceof AddressOutcome.Invalid invalid) {
          System.out.println(invalid.input() + ": " + invalid.reason());
        }
      }
    }
    // end::invite[]
  }
}
