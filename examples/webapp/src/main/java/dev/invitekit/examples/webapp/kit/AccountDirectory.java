package dev.invitekit.examples.webapp.kit;

import dev.invitekit.id.AccountId;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.id.UserId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Which account a signed-in user works in. Invitekit's public API has no "accounts of a user" query, so the
 * app keeps this itself, as a real app keeps its own user-to-tenant table: it listens to the kit's events
 * (published as Spring events by the starter) for founders (A3) and joined members (S6), and forgets
 * removed members. Kept in memory: on the JDBC store a restarted app forgets it (a real app stores it in
 * its own table).
 */
@Component
public class AccountDirectory {

  private final Map<UserId, AccountId> accounts = new ConcurrentHashMap<>();

  /**
   * A founder works in the new account unless they already work in one: confirming a sign-up someone else
   * made for their address must not move an existing member out of their account (A3).
   */
  @EventListener
  void on(InvitekitEvent.AccountCreated event) {
    accounts.putIfAbsent(event.founderId(), event.accountId());
  }

  @EventListener
  void on(InvitekitEvent.MemberJoined event) {
    accounts.putIfAbsent(event.userId(), event.accountId());
  }

  @EventListener
  void on(InvitekitEvent.MemberRemoved event) {
    accounts.remove(event.userId(), event.accountId());
  }

  public Optional<AccountId> accountOf(UserId userId) {
    return Optional.ofNullable(accounts.get(userId));
  }
}
