package dev.invitekit.internal.password;

import java.util.List;
import me.gosimple.nbvcxz.matching.DateMatcher;
import me.gosimple.nbvcxz.matching.PasswordMatcher;
import me.gosimple.nbvcxz.matching.match.Match;
import me.gosimple.nbvcxz.resources.Configuration;

/**
 * nbvcxz's {@link DateMatcher}, not asked about a password with fewer than {@value #DIGITS_IN_ANY_DATE} ASCII
 * digits, which it can only answer with no match: each of its three patterns ({@code ^\d{6,8}$}, and a day,
 * month and year of at least 1, 1 and 2 digits around two separators, in either order) needs at least four
 * of {@code [0-9]} (Java's {@code \d} without {@code UNICODE_CHARACTER_CLASS}). Its regular expressions,
 * tried on every substring, were the largest part of the S4 estimate left for a password of words (issue 12,
 * benchmark 4). {@code DigitGatedMatcherTest} checks that the stock matcher finds nothing in such passwords.
 */
final class DigitGatedMatcher implements PasswordMatcher {
  /** The fewest ASCII digits any date nbvcxz recognizes holds. */
  static final int DIGITS_IN_ANY_DATE = 4;

  private final PasswordMatcher dates;

  DigitGatedMatcher(PasswordMatcher dates) {
    this.dates = dates;
  }

  @Override
  public List<Match> match(Configuration configuration, String password) {
    int digits = 0;
    for (int i = 0; i < password.length() && digits < DIGITS_IN_ANY_DATE; i++) {
      char c = password.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      }
    }
    return digits < DIGITS_IN_ANY_DATE ? List.of() : dates.match(configuration, password);
  }
}
