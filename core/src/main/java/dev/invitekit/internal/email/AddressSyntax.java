package dev.invitekit.internal.email;

import dev.invitekit.email.AddressCheck;
import dev.invitekit.email.AddressProblem;
import dev.invitekit.email.EmailAddress;
import java.net.IDN;
import java.util.Locale;

/**
 * Checks one address: a dot-atom local part (RFC 5322 atext, ASCII only) and a domain that IDNA-encodes
 * to valid LDH labels with at least one dot. Quoted local parts and address literals are refused: invite
 * lists come from people, and those forms are used by no one but attackers and test suites.
 */
public final class AddressSyntax {
  static final int MAX_ADDRESS = 254;
  static final int MAX_LOCAL = 64;
  static final int MAX_LABEL = 63;
  /** Domains past this length cannot be valid; checked before IDN work to bound the cost. */
  private static final int MAX_RAW_DOMAIN = 1024;

  private AddressSyntax() {}

  /** Checks and normalizes; never throws. */
  public static AddressCheck check(String raw) {
    String input = raw.strip();
    if (input.isEmpty()) {
      return invalid(AddressProblem.EMPTY);
    }
    int at = input.lastIndexOf('@');
    if (at < 0 || input.indexOf('@') != at) {
      return invalid(AddressProblem.MISSING_AT);
    }
    String local = input.substring(0, at);
    String domainInput = input.substring(at + 1);
    AddressProblem localProblem = checkLocal(local);
    if (localProblem != null) {
      return invalid(localProblem);
    }
    if (domainInput.isEmpty() || domainInput.length() > MAX_RAW_DOMAIN) {
      return invalid(domainInput.isEmpty() ? AddressProblem.INVALID_DOMAIN : AddressProblem.TOO_LONG);
    }
    String domain = asciiDomain(domainInput);
    if (domain == null) {
      return invalid(isTooLong(local, domainInput) ? AddressProblem.TOO_LONG : AddressProblem.INVALID_DOMAIN);
    }
    if (domain.length() > 253 || local.length() + 1 + domain.length() > MAX_ADDRESS) {
      return invalid(AddressProblem.TOO_LONG);
    }
    return new AddressCheck.Valid(new EmailAddress(local.toLowerCase(Locale.ROOT), domain));
  }

  /**
   * Whether a domain that is not valid is refused for its length, as {@link AddressProblem#TOO_LONG}
   * documents: a label over 63 characters, or an address over 254.
   */
  private static boolean isTooLong(String local, String domainInput) {
    String domain = domainInput.strip();
    if (local.length() + 1 + domain.length() > MAX_ADDRESS) {
      return true;
    }
    for (String label : domain.split("\\.")) {
      if (label.length() > MAX_LABEL) {
        return true;
      }
    }
    return false;
  }

  private static AddressProblem checkLocal(String local) {
    if (local.isEmpty()) {
      return AddressProblem.INVALID_LOCAL_PART;
    }
    for (int i = 0; i < local.length(); i++) {
      if (local.charAt(i) > 0x7F) {
        return AddressProblem.NON_ASCII_LOCAL_PART;
      }
    }
    if (local.length() > MAX_LOCAL) {
      return AddressProblem.TOO_LONG;
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return AddressProblem.INVALID_LOCAL_PART;
    }
    for (int i = 0; i < local.length(); i++) {
      if (!isAtext(local.charAt(i)) && local.charAt(i) != '.') {
        return AddressProblem.INVALID_LOCAL_PART;
      }
    }
    return null;
  }

  private static boolean isAtext(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
  }

  /**
   * The domain in lower-case IDNA ASCII form, or null when it is not a valid host name with at least two
   * labels (A1, U3). Used for company domains and policy lists as well as addresses.
   */
  public static String asciiDomain(String domainInput) {
    String trimmed = domainInput.strip();
    if (trimmed.endsWith(".")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.isEmpty() || trimmed.length() > MAX_RAW_DOMAIN) {
      return null;
    }
    String ascii;
    try {
      ascii = IDN.toASCII(trimmed, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      return null;
    }
    if (ascii.isEmpty() || ascii.length() > 253) {
      return null;
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      return null;
    }
    for (String label : labels) {
      if (!isLdhLabel(label)) {
        return null;
      }
    }
    // A top-level label is never all digits; this also refuses dotted IPv4 literals.
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      return null;
    }
    return ascii;
  }

  private static boolean isLdhLabel(String label) {
    if (label.isEmpty() || label.length() > MAX_LABEL || label.startsWith("-") || label.endsWith("-")) {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static AddressCheck invalid(AddressProblem problem) {
    return new AddressCheck.Invalid(problem);
  }
}
