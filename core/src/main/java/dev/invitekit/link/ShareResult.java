package dev.invitekit.link;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Secret;
import dev.invitekit.email.AddressEntry;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.DeliveryStatus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The outcome of sharing the invite link by email (L2). */
public sealed interface ShareResult {

  /**
   * The share message was built: {@code mailto} opens it in the user's mail app; when it was sent
   * through the mail provider, {@code deliveries} says what happened per recipient that was sent to, and
   * {@code rateLimited} names each recipient nothing was sent to because a limit was reached (the
   * sharer's hourly, the account's daily or the recipient's daily allowance, the same as inviting's, A2,
   * I4), with how long until that limit's window resets. Both are empty when nothing was sent.
   */
  record Shared(URI mailto, List<EmailAddress> recipients, List<AddressEntry.Unusable> unusable,
      Map<EmailAddress, DeliveryStatus> deliveries, Map<EmailAddress, Duration> rateLimited) implements ShareResult {
    /** Copies the collections. */
    public Shared {
      recipients = List.copyOf(recipients);
      unusable = List.copyOf(unusable);
      deliveries = Map.copyOf(deliveries);
      rateLimited = Map.copyOf(rateLimited);
    }

    /** A share where no recipient was rate-limited. */
    public Shared(URI mailto, List<EmailAddress> recipients, List<AddressEntry.Unusable> unusable,
        Map<EmailAddress, DeliveryStatus> deliveries) {
      this(mailto, recipients, unusable, deliveries, Map.of());
    }

    /** Never shows the mailto URI: its body holds the invite link's token, as {@link InviteLink#url()} does. */
    @Override
    public String toString() {
      return "Shared[mailto=" + Secret.REDACTED + ", recipients=" + recipients + ", unusable=" + unusable
          + ", deliveries=" + deliveries + ", rateLimited=" + rateLimited + "]";
    }
  }

  /**
   * More than 20 distinct valid recipients (I2 applies to shares too; invalid entries do not count, they are
   * listed as {@code unusable} of a share within the limit); nothing was built or sent.
   */
  record TooManyAddresses(int limit, int count) implements ShareResult {}

  /**
   * More distinct entries, valid or not, than one request may hold (I2: the bound on the work, far above the
   * 20 addresses); nothing was built or sent.
   */
  record TooManyEntries(int limit, int count) implements ShareResult {}

  /** The actor may not share the link, or links are off. */
  record NotAllowed(Refusal refusal) implements ShareResult {}
}
