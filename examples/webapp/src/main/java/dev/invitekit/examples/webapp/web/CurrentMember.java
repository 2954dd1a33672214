package dev.invitekit.examples.webapp.web;

import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.examples.webapp.kit.AccountDirectory;
import dev.invitekit.examples.webapp.kit.TeamService;
import dev.invitekit.examples.webapp.security.SignedInUser;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The signed-in user, their account and membership, for the pages of a signed-in member. */
@Component
public class CurrentMember {

  private final AccountDirectory directory;
  private final TeamService team;

  public CurrentMember(AccountDirectory directory, TeamService team) {
    this.directory = directory;
    this.team = team;
  }

  /** The member and the account they work in; empty when not signed in or in no account. */
  public Optional<Member> get() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !(authentication.getPrincipal() instanceof SignedInUser user)) {
      return Optional.empty();
    }
    UserId id = user.id();
    Optional<AccountId> accountId = directory.accountOf(id);
    if (accountId.isEmpty()) {
      return Optional.empty();
    }
    Optional<Account> account = team.account(id, accountId.get());
    Optional<Membership> membership = team.membership(id, accountId.get());
    if (account.isEmpty() || membership.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Member(user, account.get(), membership.get()));
  }

  /** A signed-in member of an account. */
  public record Member(SignedInUser user, Account account, Membership membership) {
    public UserId id() {
      return user.id();
    }

    public AccountId accountId() {
      return account.id();
    }

    public boolean isAdmin() {
      return membership.role() == Role.ADMIN;
    }
  }
}
