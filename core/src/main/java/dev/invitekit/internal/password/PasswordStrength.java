package dev.invitekit.internal.password;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.matching.DateMatcher;
import me.gosimple.nbvcxz.matching.DictionaryMatcher;
import me.gosimple.nbvcxz.matching.PasswordMatcher;
import me.gosimple.nbvcxz.matching.match.DateMatch;
import me.gosimple.nbvcxz.matching.match.DictionaryMatch;
import me.gosimple.nbvcxz.matching.match.Match;
import me.gosimple.nbvcxz.matching.match.RepeatMatch;
import me.gosimple.nbvcxz.matching.match.SequenceMatch;
import me.gosimple.nbvcxz.matching.match.SpacialMatch;
import me.gosimple.nbvcxz.matching.match.YearMatch;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * The strength check of S4 (NIST SP 800-63B: refuse "repetitive or sequential characters"): nbvcxz's
 * estimate of how many guesses an attacker needs, against {@link #MINIMUM_GUESSES}, 10^8 (about 27 bits;
 * zxcvbn's "safely unguessable" score 3 starts there, and 10^8 Argon2id guesses at the default cost take
 * over a hundred CPU-days): {@code aaaaaaaaaaaaaaa} (390 guesses), {@code 123456789012345} (144) and
 * {@code password1234567} (18) are refused; {@code quietriverstone} (about 5·10^8) and
 * {@code zebra canyon melody} (about 5·10^11) pass. The estimate reads at most the first
 * {@link #ANALYSED_CODE_POINTS} code points and nbvcxz's combination search is capped at
 * {@link #SEARCH_MILLIS} ms, so a long or hostile input costs a few Argon2id hashes at most; a password
 * whose first 40 characters are weak is refused whatever follows. One estimator, built on first use.
 */
public final class PasswordStrength {
  /** Fewer estimated guesses than this are refused (S4): 10^8, about 27 bits. */
  public static final BigDecimal MINIMUM_GUESSES = BigDecimal.TEN.pow(8);
  /** How much of a password the estimate reads, in code points. */
  public static final int ANALYSED_CODE_POINTS = 40;
  /** The cap on nbvcxz's search for the best combination of matches, in milliseconds. */
  static final long SEARCH_MILLIS = 100;

  private PasswordStrength() {}

  // Built once: nbvcxz loads its dictionaries when constructed. Distance (Levenshtein) matching is off: it
  // costs seconds at start-up and tens of milliseconds a call, and adds little at this threshold.
  private static final class Holder {
    static final Nbvcxz ESTIMATOR = new Nbvcxz(configuration());
  }

  /**
   * nbvcxz's default matchers and dictionaries, its dictionary matcher replaced in place by one that finds the
   * same matches with less work ({@link SharedPassDictionaryMatcher}): that matching was most of the
   * estimate's cost, paid once per sign-up (issue 12, benchmark 4); its date matcher is not asked about a
   * password without the digits of a date ({@link DigitGatedMatcher}).
   */
  static Configuration configuration() {
    return configuration(SEARCH_MILLIS);
  }

  /** The same, with another cap on the combination search (tests compare with nbvcxz's stock estimate). */
  static Configuration configuration(long searchMillis) {
    List<Dictionary> dictionaries = ConfigurationBuilder.getDefaultDictionaries();
    List<PasswordMatcher> matchers = new ArrayList<>(ConfigurationBuilder.getDefaultPasswordMatchers());
    matchers.replaceAll(matcher -> matcher instanceof DictionaryMatcher
        ? new SharedPassDictionaryMatcher(dictionaries)
        : matcher instanceof DateMatcher ? new DigitGatedMatcher(matcher) : matcher);
    return new ConfigurationBuilder()
        .setPasswordMatchers(List.copyOf(matchers))
        .setDictionaries(dictionaries)
        .setDistanceCalc(false)
        .setCombinationAlgorithmTimeout(searchMillis)
        .createConfiguration();
  }

  /** Builds the estimator now, so the first sign-up does not pay for it. */
  public static void preload() {
    Holder.ESTIMATOR.getConfiguration();
  }

  /**
   * Why the (NFKC-normalized) password is too easy to guess, in words for the person, or empty when it
   * is strong enough.
   */
  public static Optional<String> weakness(String password) {
    String analysed = password.codePointCount(0, password.length()) > ANALYSED_CODE_POINTS
        ? password.substring(0, password.offsetByCodePoints(0, ANALYSED_CODE_POINTS)) : password;
    Result result;
    try {
      result = Holder.ESTIMATOR.estimate(analysed);
    } catch (RuntimeException e) {
      // The estimator is a heuristic: if it fails on some input, the other S4 checks still stand.
      return Optional.empty();
    }
    if (result.getGuesses().compareTo(MINIMUM_GUESSES) >= 0) {
      return Optional.empty();
    }
    return Optional.of("This password is too easy to guess: " + pattern(result.getMatches())
        + ". A few unrelated words make a strong password.");
  }

  private static String pattern(List<Match> matches) {
    if (matches.stream().anyMatch(m -> m instanceof RepeatMatch)) {
      return "it repeats characters or a pattern";
    }
    if (matches.stream().anyMatch(m -> m instanceof SequenceMatch)) {
      return "it is a sequence such as 12345 or abcde";
    }
    if (matches.stream().anyMatch(m -> m instanceof SpacialMatch)) {
      return "it follows the keyboard";
    }
    if (matches.stream().anyMatch(m -> m instanceof DateMatch || m instanceof YearMatch)) {
      return "it is mostly a date or a year";
    }
    if (matches.stream().anyMatch(m -> m instanceof DictionaryMatch)) {
      return "it is made of common passwords or words with few changes";
    }
    return "it is short for the characters it uses";
  }
}
