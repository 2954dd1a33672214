package dev.invitekit.link;

import dev.invitekit.Refusal;
import dev.invitekit.Secret;
import dev.invitekit.email.AddressEntry;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.DeliveryStatus;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The outcome of sharing the invite link by email (L2). */
public sealed interface ShareResult {

  /**
   * The share message was built: {@code mailto} opens it in the user's mail app; when it was sent
   * through the mail provider, {@code deliveries} says what happened per recipient (empty otherwise).
   */
  record Shared(URI mailto, List<EmailAddress> recipients, List<AddressEntry.Unusable> unusable,
      Map<EmailAddress, DeliveryStatus> deliveries) implements ShareResult {
    /** Copies the collections. */
    public Shared {
      recipients = List.copyOf(recipients);
      unusable = List.copyOf(unusable);
      deliveries = Map.copyOf(deliveries);
    }

    /** Never shows the mailto URI: its body holds the invite link's token, as {@link InviteLink#url()} does. */
    @Override
    public String toString() {
      return "Shared[mailto=" + Secret.REDACTED + ", recipients=" + recipients + ", unusable=" + unusable
          + ", deliveries=" + deliveries + "]";
    }
  }

  /** More than 20 distinct recipients (I2 applies to shares too); nothing was built or sent. */
  record TooManyAddresses(int limit, int count) implements ShareResult {}

  /** The actor may not share the link, or links are off. */
  record NotAllowed(Refusal refusal) implements ShareResult {}
}
