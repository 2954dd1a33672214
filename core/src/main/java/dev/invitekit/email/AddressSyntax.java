package dev.invitekit.email;

import dev.invitekit.internal.email.DomainNames;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks one address: a dot-atom local part (RFC 5322 atext, ASCII only) and a domain that UTS #46
 * (non-transitional, {@link DomainNames}) encodes to valid LDH labels with at least one dot (U3). Quoted local parts and address literals are refused: invite
 * lists come from people, and those forms are used by no one but attackers and test suites.
 */
final class AddressSyntax {
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
    DomainNames.Result result = DomainNames.check(domainInput);
    if (result instanceof DomainNames.Invalid invalid) {
      return invalid(local.length() + 1 + domainInput.strip().length() > MAX_ADDRESS
          ? AddressProblem.TOO_LONG : AddressProblem.valueOf(invalid.problem().name()));
    }
    String domain = ((DomainNames.Valid) result).ascii();
    if (local.length() + 1 + domain.length() > MAX_ADDRESS) {
      return invalid(AddressProblem.TOO_LONG);
    }
    return new AddressCheck.Valid(new EmailAddress(local.toLowerCase(Locale.ROOT), domain));
  }

  private static @Nullable AddressProblem checkLocal(String local) {
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

  private static AddressCheck invalid(AddressProblem problem) {
    return new AddressCheck.Invalid(problem);
  }
}
