package dev.invitekit.internal.account;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The domains that can never be company domains (A4): public webmail and consumer mail domains, and
 * disposable-mail domains. By default the shipped lists ({@code webmail-domains.txt},
 * {@code disposable-domains.txt} and {@code disposable-wildcard-domains.txt} beside this class, from the
 * npm packages named in {@code DOMAIN-LISTS.md} there) plus what the app added; or, when the app replaced
 * them, only the app's. The shipped lists are loaded on first use, so building an {@code Invitekit} does
 * not pay for them. Immutable and thread-safe.
 */
public final class WebmailDomains {
  /** Why a domain cannot be a company domain. */
  public enum Kind {
    /** A public webmail or consumer mail provider. */
    WEBMAIL,
    /** A disposable (throwaway) mail provider. */
    DISPOSABLE
  }

  private final boolean shipped;
  private final Set<String> extra;

  private WebmailDomains(boolean shipped, Set<String> extra) {
    this.shipped = shipped;
    this.extra = Set.copyOf(extra);
  }

  /** The shipped lists and these (already normalized) domains. */
  public static WebmailDomains shippedAnd(Set<String> additional) {
    return new WebmailDomains(true, additional);
  }

  /** Only these (already normalized) domains: the app replaced the shipped lists. */
  public static WebmailDomains only(Set<String> domains) {
    return new WebmailDomains(false, domains);
  }

  /**
   * Why this lower-case IDNA ASCII domain cannot be a company domain, or null when it can. A domain on a
   * list is refused, and so is every subdomain of a wildcard entry of the disposable list.
   */
  public @Nullable Kind kindOf(String asciiDomain) {
    if (extra.contains(asciiDomain)) {
      return Kind.WEBMAIL;
    }
    if (!shipped) {
      return null;
    }
    // Disposable first: the webmail package lists many disposable domains too, and that is the sharper reason.
    if (Shipped.DISPOSABLE.contains(asciiDomain) || Shipped.DISPOSABLE_WILDCARD.contains(asciiDomain)) {
      return Kind.DISPOSABLE;
    }
    for (int dot = asciiDomain.indexOf('.'); dot >= 0; dot = asciiDomain.indexOf('.', dot + 1)) {
      if (Shipped.DISPOSABLE_WILDCARD.contains(asciiDomain.substring(dot + 1))) {
        return Kind.DISPOSABLE;
      }
    }
    return Shipped.WEBMAIL.contains(asciiDomain) ? Kind.WEBMAIL : null;
  }

  /** How many domains the shipped lists hold (webmail, disposable, disposable wildcards); loads them. */
  public static int[] shippedSizes() {
    return new int[] {Shipped.WEBMAIL.size(), Shipped.DISPOSABLE.size(), Shipped.DISPOSABLE_WILDCARD.size()};
  }

  /** Loads the shipped lists now, so the first account creation does not pay for them. */
  public static void preload() {
    shippedSizes();
  }

  // Loaded on first use: a holder class is initialized once, thread-safely, by the JVM.
  private static final class Shipped {
    static final DomainList WEBMAIL = DomainList.resource("webmail-domains.txt");
    static final DomainList DISPOSABLE = DomainList.resource("disposable-domains.txt");
    static final DomainList DISPOSABLE_WILDCARD = DomainList.resource("disposable-wildcard-domains.txt");
  }
}
