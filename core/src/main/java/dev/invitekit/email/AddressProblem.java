package dev.invitekit.email;

/** Why an entry of an address list is not a usable email address (I4). Codes are stable. */
public enum AddressProblem {
  /** Nothing but spaces or a name without an address. */
  EMPTY("no email address given"),
  /** No {@code @}, or more than one outside quotes. */
  MISSING_AT("an email address needs exactly one @"),
  /** The part before {@code @} is empty or has characters not allowed there. */
  INVALID_LOCAL_PART("the part before @ has characters that are not allowed, or is empty"),
  /** Non-ASCII characters before {@code @}: internationalized mailboxes are not supported. */
  NON_ASCII_LOCAL_PART("the part before @ must be ASCII"),
  /** The domain is empty, has invalid labels, no dot, or is not a valid internationalized name. */
  INVALID_DOMAIN("the domain is not a valid domain name"),
  /** Longer than 254 characters, or a local part over 64 or a domain label over 63. */
  TOO_LONG("the address is too long"),
  /** A quote was opened and never closed. */
  UNBALANCED_QUOTE("a quote is not closed"),
  /** An angle bracket was opened and never closed, or closed without being opened. */
  UNBALANCED_ANGLE_BRACKET("an angle bracket < > is not closed"),
  /** Text after the closing angle bracket. */
  TRAILING_TEXT("unexpected text after the address"),
  /**
   * The domain has characters that international domain names (UTS #46, IDNA2008) do not allow there: a
   * zero-width joiner or non-joiner outside the scripts that need it, a disallowed symbol, mixed writing
   * directions, or a malformed {@code xn--} label (U3). Refused rather than repaired, so mail never goes to
   * a domain the person did not type.
   */
  INVALID_INTERNATIONAL_DOMAIN("the domain has characters that international domain names do not allow there");

  private final String message;

  AddressProblem(String message) {
    this.message = message;
  }

  /** A sentence for people saying what is wrong. */
  public String message() {
    return message;
  }
}
