package dev.invitekit.link;

import dev.invitekit.id.LinkId;
import dev.invitekit.secret.Secret;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.id.UserId;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An account's shareable invite link (L1). Its {@link #url()} carries a secret token: share it with the
 * people it is meant for; {@link #toString()} never shows it.
 *
 * @param id the link's public id
 * @param accountId the account it admits to
 * @param url the URL to copy and send (L1)
 * @param createdBy who created or last rotated it
 * @param createdAt when
 * @param expiresAt when it stops working
 * @param useLimit how many redemptions it allows, or null for no limit
 * @param uses how many redemptions it has had (L3)
 * @param active false once rotated or turned off (L1)
 */
public record InviteLink(
    LinkId id,
    AccountId accountId,
    URI url,
    UserId createdBy,
    Instant createdAt,
    Instant expiresAt,
    @Nullable Integer useLimit,
    int uses,
    boolean active) {

  /** Requires the non-optional components. */
  public InviteLink {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * A {@code mailto:} URI (RFC 6068) addressed to {@code recipients}, with the subject and a body that
   * should hold the link, for the user's default mail app (L2).
   */
  public URI mailto(List<EmailAddress> recipients, String subject, String body) {
    return MailtoUri.build(recipients, subject, body);
  }

  /** Redeemable at {@code now}: active, not expired, and under its use limit. */
  public boolean isUsableAt(Instant now) {
    return active && now.isBefore(expiresAt) && (useLimit == null || uses < useLimit);
  }

  /** Never shows the URL's token. */
  @Override
  public String toString() {
    return "InviteLink[id=" + id + ", accountId=" + accountId + ", url=" + Secret.REDACTED + ", createdBy="
        + createdBy + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + ", useLimit=" + useLimit
        + ", uses=" + uses + ", active=" + active + "]";
  }
}
