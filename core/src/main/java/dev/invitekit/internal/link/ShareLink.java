package dev.invitekit.internal.link;

import dev.invitekit.account.Account;
import dev.invitekit.email.AddressEntry;
import dev.invitekit.email.AddressList;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.mail.MailComposer;
import dev.invitekit.internal.mail.MailDispatcher;
import dev.invitekit.internal.policy.InviteLimits;
import dev.invitekit.internal.ratelimit.RateLimiter;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.link.InviteLink;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.ShareResult;
import dev.invitekit.member.User;
import dev.invitekit.spi.mail.MailMessage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Sharing the invite link (L2): a {@code mailto:} for the app, or mail to each address under the invite limits (A2). */
final class ShareLink {
  private final UnitOfWork work;
  private final TheLink link;
  private final RateLimiter rateLimiter;
  private final MailComposer composer;
  private final MailDispatcher outbox;

  ShareLink(UnitOfWork work, TheLink link, RateLimiter rateLimiter, MailComposer composer, MailDispatcher outbox) {
    this.work = work;
    this.link = link;
    this.rateLimiter = rateLimiter;
    this.composer = composer;
    this.outbox = outbox;
  }

  ShareResult share(UserId memberId, AccountId accountId, String recipients, boolean send) {
    Objects.requireNonNull(recipients, "recipients");
    AddressList list = AddressList.parse(recipients).distinct();
    // U6 before I2: someone who may not share is told so, with the admins, whatever the list.
    LinkAccess access = link.link("getting the invite link", memberId, accountId, false);
    if (access instanceof LinkAccess.NotAllowed refused) {
      return new ShareResult.NotAllowed(refused.refusal());
    }
    // I2 as for invitations: the entries bound the work; only valid addresses count toward the 20.
    if (InviteLimits.tooManyEntries(list)) {
      return new ShareResult.TooManyEntries(InviteLimits.MAX_ENTRIES, list.entries().size());
    }
    int tooMany = InviteLimits.tooManyAddresses(list);
    if (tooMany > 0) {
      return new ShareResult.TooManyAddresses(InviteLimits.MAX_ADDRESSES, tooMany);
    }
    InviteLink shared = ((LinkAccess.Available) access).link();
    record Context(Account account, User sharer) {}
    Context context = work.tx("sharing the invite link", tx -> new Context(tx.accounts().find(accountId).orElseThrow(),
        tx.users().find(memberId).orElseThrow().user()));
    List<EmailAddress> to = new ArrayList<>();
    List<AddressEntry.Unusable> unusable = new ArrayList<>();
    for (AddressEntry entry : list.entries()) {
      if (entry instanceof AddressEntry.Mailbox m) {
        to.add(m.address());
      } else {
        unusable.add((AddressEntry.Unusable) entry);
      }
    }
    String[] subjectAndText = composer.linkShareSubjectAndText(context.sharer(), context.account(), shared.url());
    URI mailto = shared.mailto(to, subjectAndText[0], subjectAndText[1]);
    Map<EmailAddress, DeliveryStatus> deliveries = new LinkedHashMap<>();
    Map<EmailAddress, Duration> limited = new LinkedHashMap<>();
    if (send && !to.isEmpty()) {
      Map<EmailAddress, String> queued = work.tx("sharing the invite link by email", tx -> {
        limited.clear();
        // The same per-inviter, per-account and per-recipient limits as inviting, in the store's counters
        // shared by every node: a share mails an address someone typed (A2, L2, issue 8 item 3).
        Account account = tx.accounts().find(accountId).orElseThrow();
        List<List<RateLimiter.Permit>> groups = new ArrayList<>();
        for (EmailAddress recipient : to) {
          groups.add(InviteLimits.permits(account, memberId, recipient));
        }
        List<Optional<Duration>> permits = rateLimiter.tryAcquireGroups(tx, groups);
        Map<EmailAddress, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < to.size(); i++) {
          EmailAddress recipient = to.get(i);
          if (permits.get(i).isPresent()) {
            limited.put(recipient, permits.get(i).get());
            continue;
          }
          MailMessage message = composer.linkShare(context.sharer(), context.account(), shared.url(), recipient);
          ids.put(recipient, outbox.enqueue(tx, message, accountId, null, null));
        }
        return ids;
      });
      queued.forEach((recipient, id) -> deliveries.put(recipient, outbox.deliverNow(id)));
    }
    return new ShareResult.Shared(mailto, to, unusable, deliveries, limited);
  }
}
