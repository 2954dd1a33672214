package dev.invitekit.internal.link;

import dev.invitekit.refusal.Refusal.Reason;
import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Token;
import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.InvitationId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.invite.InvitationMail;
import dev.invitekit.internal.mail.MailComposer;
import dev.invitekit.internal.mail.MailDispatcher;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.ratelimit.RateLimiter;
import dev.invitekit.internal.ratelimit.TokenAttempts;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.internal.url.AppUrls;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.LinkJoins;
import dev.invitekit.link.Links;
import dev.invitekit.link.Redemption;
import dev.invitekit.link.ShareResult;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.member.User;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredLink;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Invite links (L1–L3): the {@link Links} API over one class per use case, {@link TheLink},
 * {@link ShareLink}, {@link RedeemLink} and {@link ApproveRedemption}; listing link joins is here.
 */
public final class LinkService implements Links {
  private final UnitOfWork work;
  private final TheLink link;
  private final ShareLink share;
  private final RedeemLink redeem;
  private final ApproveRedemption approvals;

  /** Wires the use cases of invite links. */
  public LinkService(UnitOfWork work, Clock clock, EventBus events, Tokens tokens, AppUrls urls,
      RateLimiter rateLimiter, TokenAttempts tokenAttempts, InvitationMail mail, MailComposer composer,
      MailDispatcher outbox) {
    this.work = work;
    this.link = new TheLink(work, clock, events, tokens, urls);
    this.share = new ShareLink(work, link, rateLimiter, composer, outbox);
    this.redeem = new RedeemLink(work, clock, events, rateLimiter, tokenAttempts, mail, composer, outbox);
    this.approvals = new ApproveRedemption(work, clock, events, mail);
  }

  @Override
  public LinkAccess current(UserId memberId, AccountId accountId) {
    return link.link("getting the invite link", memberId, accountId, false);
  }

  @Override
  public LinkAccess rotate(UserId adminId, AccountId accountId) {
    return link.link("rotating the invite link", adminId, accountId, true);
  }

  @Override
  public ShareResult share(UserId memberId, AccountId accountId, String recipients, boolean send) {
    return share.share(memberId, accountId, recipients, send);
  }

  @Override
  public Redemption redeem(Token linkToken, String email, @Nullable String clientKey) {
    return redeem.redeem(Objects.requireNonNull(linkToken, "linkToken").reveal(), email, clientKey);
  }

  @Override
  public LinkJoins joins(UserId adminId, AccountId accountId) {
    Objects.requireNonNull(adminId, "adminId");
    Objects.requireNonNull(accountId, "accountId");
    return work.tx("listing link joins", tx -> {
      Optional<Account> account = tx.accounts().find(accountId);
      Optional<Membership> member = tx.memberships().find(accountId, adminId);
      if (account.isEmpty() || member.isEmpty()) {
        return new LinkJoins.NotAllowed(Permissions.notAMember());
      }
      if (member.get().role() != Role.ADMIN) {
        return new LinkJoins.NotAllowed(Permissions.adminsOnly(account.get(), "see who joined through the invite link",
            () -> Permissions.admins(tx, account.get())));
      }
      return new LinkJoins.Listed(tx.links().joins(accountId));
    });
  }

  @Override
  public InvitationChange approve(UserId adminId, AccountId accountId, InvitationId invitationId) {
    return approvals.decide(adminId, accountId, invitationId, true);
  }

  @Override
  public InvitationChange deny(UserId adminId, AccountId accountId, InvitationId invitationId) {
    return approvals.decide(adminId, accountId, invitationId, false);
  }
}
