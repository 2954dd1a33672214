package dev.invitekit.link;

/**
 * The answer to a visitor who redeemed an invite link with an email address (L3). To prevent account
 * enumeration, {@link CheckYourEmail} is the same whether or not the address already has an account or a
 * membership.
 */
public sealed interface Redemption {

  /** A message was emailed to the address; the visitor continues from it. */
  record CheckYourEmail(String message) implements Redemption {}

  /** The redemption was refused; nothing was sent and the link's use count did not change. */
  record Refused(Reason reason) implements Redemption {
    /** A sentence for the visitor. */
    public String message() {
      return reason.message();
    }
  }

  /** Why a redemption was refused; codes are stable. */
  enum Reason {
    /** No link has this token. */
    UNKNOWN_LINK("This invite link is not valid. Ask the person who shared it for a new one."),
    /** The link was rotated or turned off, or has expired. */
    LINK_EXPIRED("This invite link no longer works. Ask the person who shared it for a new one."),
    /** The link's use limit was reached. */
    USE_LIMIT_REACHED("This invite link has been used as often as it allows. Ask for a personal invitation."),
    /** The address is not valid. */
    INVALID_ADDRESS("That is not a valid email address. Check it and try again."),
    /** The address is outside the company domains and links do not admit guests (U5). */
    NOT_A_COMPANY_ADDRESS("This link is for company addresses only. Ask a member to invite you personally."),
    /** Too many unknown or malformed link tokens were tried from this client or overall (SPEC §5). */
    TOO_MANY_ATTEMPTS("Too many invite links were tried. Wait a while and try again.");

    private final String message;

    Reason(String message) {
      this.message = message;
    }

    /** A sentence for the visitor saying what to do. */
    public String message() {
      return message;
    }
  }
}
