package dev.invitekit.internal.email;

import com.ibm.icu.text.IDNA;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Domain names in the one form Invitekit compares and sends mail to (A1, A2, U3): UTS #46
 * <em>non-transitional</em> processing (IDNA2008 with the Unicode mappings), lower-case ASCII with
 * {@code xn--} labels. Non-transitional matters: the deviation characters ß (U+00DF), ς (U+03C2), ZWJ
 * (U+200D) and ZWNJ (U+200C) keep their own labels ({@code straße.de} is {@code xn--strae-oqa.de}, a domain
 * with its own owner), where IDNA2003 ({@link java.net.IDN}) mapped them away ({@code strasse.de}) and so
 * sent mail to another domain. What UTS #46 reports as an error (a joiner outside the context that allows
 * it, a disallowed character, a bidi rule broken, a malformed {@code xn--} label) is refused, never
 * repaired.
 */
public final class DomainNames {
  /** Domains past this length cannot be valid; checked before IDNA work to bound the cost. */
  static final int MAX_RAW_DOMAIN = 1024;
  static final int MAX_DOMAIN = 253;
  static final int MAX_LABEL = 63;

  // Immutable and thread-safe (ICU: "UTS46 instances are immutable").
  private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.USE_STD3_RULES | IDNA.CHECK_BIDI
      | IDNA.CHECK_CONTEXTJ | IDNA.CHECK_CONTEXTO | IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE);

  /** Errors about the shape of the name, not its characters: reported as an invalid or too long domain. */
  private static final Set<IDNA.Error> STRUCTURAL = EnumSet.of(IDNA.Error.EMPTY_LABEL, IDNA.Error.LEADING_HYPHEN,
      IDNA.Error.TRAILING_HYPHEN, IDNA.Error.HYPHEN_3_4, IDNA.Error.LABEL_TOO_LONG, IDNA.Error.DOMAIN_NAME_TOO_LONG,
      IDNA.Error.LABEL_HAS_DOT);

  private DomainNames() {}

  /** The outcome of normalizing one domain. */
  public sealed interface Result {}

  /**
   * A valid domain.
   *
   * @param ascii lower-case IDNA ASCII form
   */
  public record Valid(String ascii) implements Result {}

  /**
   * Not a valid domain.
   *
   * @param problem why; an address with this domain gets the address problem of the same name
   */
  public record Invalid(Problem problem) implements Result {}

  /** Why a domain is not valid; named like the address problems an address with such a domain gets. */
  public enum Problem {
    /** Not a domain name. */
    INVALID_DOMAIN,
    /** Longer than a domain may be. */
    TOO_LONG,
    /** An internationalized domain that UTS #46 refuses. */
    INVALID_INTERNATIONAL_DOMAIN
  }

  /**
   * Normalizes a typed domain: trimmed, one trailing root dot dropped, UTS #46 non-transitional ToASCII,
   * then at least two LDH labels and a top-level label that is not all digits. Never throws.
   */
  public static Result check(String input) {
    String trimmed = input.strip();
    if (trimmed.endsWith(".")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.isEmpty()) {
      return new Invalid(Problem.INVALID_DOMAIN);
    }
    if (trimmed.length() > MAX_RAW_DOMAIN) {
      return new Invalid(Problem.TOO_LONG);
    }
    StringBuilder out = new StringBuilder(trimmed.length() + 16);
    IDNA.Info info = new IDNA.Info();
    try {
      UTS46.nameToASCII(trimmed, out, info);
    } catch (RuntimeException e) {
      // Defensive: ICU reports problems through Info, but input from outside never gets an exception.
      return new Invalid(Problem.INVALID_INTERNATIONAL_DOMAIN);
    }
    if (info.hasErrors()) {
      Set<IDNA.Error> errors = info.getErrors();
      if (errors.contains(IDNA.Error.LABEL_TOO_LONG) || errors.contains(IDNA.Error.DOMAIN_NAME_TOO_LONG)) {
        return new Invalid(Problem.TOO_LONG);
      }
      if (errors.contains(IDNA.Error.INVALID_ACE_LABEL) || errors.contains(IDNA.Error.PUNYCODE)) {
        return new Invalid(Problem.INVALID_INTERNATIONAL_DOMAIN);
      }
      boolean ascii = trimmed.chars().allMatch(c -> c < 0x80);
      return new Invalid(ascii || STRUCTURAL.containsAll(errors)
          ? Problem.INVALID_DOMAIN : Problem.INVALID_INTERNATIONAL_DOMAIN);
    }
    String domain = out.toString().toLowerCase(Locale.ROOT);
    if (domain.length() > MAX_DOMAIN) {
      return new Invalid(Problem.TOO_LONG);
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return new Invalid(Problem.INVALID_DOMAIN);
    }
    for (String label : labels) {
      if (label.length() > MAX_LABEL) {
        return new Invalid(Problem.TOO_LONG);
      }
      if (!isLdhLabel(label)) {
        return new Invalid(Problem.INVALID_DOMAIN);
      }
    }
    // A top-level label is never all digits; this also refuses dotted IPv4 literals.
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      return new Invalid(Problem.INVALID_DOMAIN);
    }
    return new Valid(domain);
  }

  /** The lower-case IDNA ASCII form, or null when {@link #check} refuses it. */
  public static @Nullable String ascii(String input) {
    return check(input) instanceof Valid valid ? valid.ascii() : null;
  }

  private static boolean isLdhLabel(String label) {
    if (label.isEmpty() || label.startsWith("-") || label.endsWith("-")) {
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
}
