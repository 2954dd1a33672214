package dev.invitekit.invite;

import dev.invitekit.id.AccountId;
import dev.invitekit.id.UserId;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A bulk invitation by email (I1–I4, I10).
 *
 * @param inviterId who invites
 * @param accountId into which account
 * @param addresses the pasted list (I1), at most 20 distinct entries (I2)
 * @param as member (co-worker or guest by domain) or admin (U4)
 * @param idempotencyKey repeating a request with the same key returns the first result and sends nothing
 *     twice (I10); null for none. It usually comes from outside (a request header), so it is not checked
 *     here: a blank key, or one over {@link #MAX_IDEMPOTENCY_KEY} characters, is answered by
 *     {@code Invitations.invite} with {@link InviteResult.InvalidIdempotencyKey}
 * @param locale the language of the invitation mail; null for the account's default (I6)
 */
public record InviteRequest(
    UserId inviterId,
    AccountId accountId,
    String addresses,
    InviteAs as,
    @Nullable String idempotencyKey,
    @Nullable Locale locale) {

  /** The longest idempotency key an invite request may carry (I10). */
  public static final int MAX_IDEMPOTENCY_KEY = 200;

  /** Requires the non-optional components. */
  public InviteRequest {
    Objects.requireNonNull(inviterId, "inviterId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(addresses, "addresses");
    Objects.requireNonNull(as, "as");
  }

  /** Members (co-workers or guests by domain), no idempotency key, the account's language. */
  public static InviteRequest members(UserId inviterId, AccountId accountId, String addresses) {
    return new InviteRequest(inviterId, accountId, addresses, InviteAs.MEMBER, null, null);
  }

  /** This request as admins (U4). */
  public InviteRequest asAdmins() {
    return new InviteRequest(inviterId, accountId, addresses, InviteAs.ADMIN, idempotencyKey, locale);
  }

  /** This request with an idempotency key (I10). */
  public InviteRequest withIdempotencyKey(String key) {
    return new InviteRequest(inviterId, accountId, addresses, as, key, locale);
  }

  /** This request with the mail's language. */
  public InviteRequest withLocale(Locale mailLocale) {
    return new InviteRequest(inviterId, accountId, addresses, as, idempotencyKey, mailLocale);
  }
}
