package dev.invitekit.internal.link;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.account.Account;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.LinkId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.internal.url.AppUrls;
import dev.invitekit.link.InviteLink;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredUser;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The account's one invite link (L1): fetched, created when there is none or it expired, rotated by admins. */
final class TheLink {
  private final UnitOfWork work;
  private final Clock clock;
  private final EventBus events;
  private final Tokens tokens;
  private final AppUrls urls;

  TheLink(UnitOfWork work, Clock clock, EventBus events, Tokens tokens, AppUrls urls) {
    this.work = work;
    this.clock = clock;
    this.events = events;
    this.tokens = tokens;
    this.urls = urls;
  }

  private InviteLink toPublic(StoredLink link) {
    return new InviteLink(link.id(), link.accountId(), urls.link(link.token()), link.createdBy(), link.createdAt(),
        link.expiresAt(), link.useLimit(), link.uses(), link.active());
  }

  /** Whether the actor may have the link: the refusal, or the account and the member. */
  private sealed interface Access permits Denied, Granted {}

  private record Denied(Refusal refusal) implements Access {}

  private record Granted(Account account, User member) implements Access {}

  /**
   * Whether the member may have the account's link (L1, U6): one decision with inviting,
   * {@link Permissions#mayHaveLink}; rotating is for admins.
   */
  private static Access access(StoreTransaction tx, UserId memberId, AccountId accountId, boolean adminOnly) {
    // Locked first: concurrent first fetches (and rotations) of the account's link run one after another,
    // so the second finds the link the first created and there is one current link (L1).
    Optional<Account> account = tx.accounts().lock(accountId);
    Optional<Membership> member = tx.memberships().find(accountId, memberId);
    if (account.isEmpty() || member.isEmpty()) {
      return new Denied(Permissions.notAMember());
    }
    Account a = account.get();
    if (adminOnly && member.get().role() != Role.ADMIN) {
      return new Denied(Permissions.adminsOnly(a, "rotate the invite link", () -> Permissions.admins(tx, a)));
    }
    Refusal refusal = Permissions.mayHaveLink(member.get(), a, () -> Permissions.admins(tx, a));
    if (refusal != null) {
      return new Denied(refusal);
    }
    return new Granted(a, tx.users().find(memberId).map(StoredUser::user).orElseThrow());
  }

  private StoredLink newLink(Account account, UserId by, Instant now) {
    InvitePolicy policy = account.policy();
    return new StoredLink(LinkId.random(), account.id(), tokens.next(), by, now, now.plus(policy.linkLifetimeInEffect()),
        policy.linkUseLimit(), 0, true);
  }

  /**
   * The account's link for the actor (L1): the active one, or a new one when there is none, it expired,
   * or an admin rotates it. A replaced link is deactivated in the same unit of work, so the old URL stops
   * working at once.
   */
  LinkAccess link(String operation, UserId actorId, AccountId accountId, boolean rotate) {
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(accountId, "accountId");
    Instant now = clock.instant();
    List<InvitekitEvent> happened = new ArrayList<>();
    LinkAccess result = work.tx(operation, tx -> {
      happened.clear();
      Access access = access(tx, actorId, accountId, rotate);
      if (access instanceof Denied denied) {
        return new LinkAccess.NotAllowed(denied.refusal());
      }
      Granted granted = (Granted) access;
      Optional<StoredLink> old = tx.links().findActive(accountId);
      // An expired link is replaced. One that reached its use limit is not: it stays, showing its uses,
      // until an admin rotates it, or any member could lift the limit by asking again (L1).
      if (!rotate && old.isPresent() && now.isBefore(old.get().expiresAt())) {
        return new LinkAccess.Available(toPublic(old.get()));
      }
      old.ifPresent(l -> tx.links().deactivate(l.id()));
      StoredLink link = newLink(granted.account(), actorId, now);
      tx.links().insert(link);
      happened.add(old.isPresent()
          ? new InvitekitEvent.LinkRotated(now, accountId, old.get().id(), link.id(), actorId)
          : new InvitekitEvent.LinkCreated(now, accountId, link.id(), actorId));
      return new LinkAccess.Available(toPublic(link));
    });
    events.publish(happened);
    return result;
  }
}
