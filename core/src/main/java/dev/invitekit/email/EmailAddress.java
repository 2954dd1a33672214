package dev.invitekit.email;

import java.util.Locale;
import java.util.Objects;

/**
 * A normalized email address: the local part lower-cased and the domain lower-case in IDNA ASCII form
 * (A1, U3), so two spellings of one address compare equal (I3). The domain follows UTS #46
 * <em>non-transitional</em> processing, so mail goes to the domain the person typed: {@code straße.de} is
 * {@code xn--strae-oqa.de}, never {@code strasse.de} (the deviation characters ß, ς, ZWJ and ZWNJ keep
 * their labels; a joiner where UTS #46 does not allow it is refused as
 * {@link AddressProblem#INVALID_INTERNATIONAL_DOMAIN}). Construct it with {@link #parse(String)}
 * or {@link #check(String)}.
 *
 * @param localPart the part before {@code @}, lower-case ASCII
 * @param domain the domain, lower-case IDNA ASCII ({@code xn--} labels for non-ASCII names)
 */
public record EmailAddress(String localPart, String domain) implements Comparable<EmailAddress> {

  /** Validates that the parts are already normalized; use {@link #parse(String)} for raw input. */
  public EmailAddress {
    Objects.requireNonNull(localPart, "localPart");
    Objects.requireNonNull(domain, "domain");
    if (!localPart.equals(localPart.toLowerCase(Locale.ROOT))
        || !domain.equals(domain.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("email address parts must be normalized: use EmailAddress.parse");
    }
  }

  /**
   * Checks and normalizes one address typed by a person; never throws.
   *
   * @return {@link AddressCheck.Valid} with the address, or {@link AddressCheck.Invalid} with the reason
   */
  public static AddressCheck check(String input) {
    Objects.requireNonNull(input, "input");
    return AddressSyntax.check(input);
  }

  /**
   * Parses an address known to be valid (configuration, tests).
   *
   * @throws IllegalArgumentException naming the problem when it is not a valid address
   */
  public static EmailAddress parse(String input) {
    AddressCheck check = check(input);
    if (check instanceof AddressCheck.Valid valid) {
      return valid.address();
    }
    throw new IllegalArgumentException(
        "not a valid email address: " + ((AddressCheck.Invalid) check).problem().message());
  }

  /** Whether this address's domain is {@code domain} (already IDNA ASCII lower-case). */
  public boolean isInDomain(String asciiDomain) {
    return domain.equals(asciiDomain);
  }

  /** {@code local@domain}. */
  @Override
  public String toString() {
    return localPart + "@" + domain;
  }

  @Override
  public int compareTo(EmailAddress other) {
    int byDomain = domain.compareTo(other.domain);
    return byDomain != 0 ? byDomain : localPart.compareTo(other.localPart);
  }
}
