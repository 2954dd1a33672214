package dev.invitekit.internal.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.matching.DateMatcher;
import me.gosimple.nbvcxz.matching.PasswordMatcher;
import me.gosimple.nbvcxz.matching.match.DateMatch;
import me.gosimple.nbvcxz.matching.match.Match;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** S4: the date matcher is skipped only where nbvcxz's own would find no date. */
@DisplayName("DigitGatedMatcher (S4 estimate, issue 12 benchmark 4)")
class DigitGatedMatcherTest {
  private static final Configuration CONFIGURATION = PasswordStrength.configuration();
  private final PasswordMatcher stock = new DateMatcher();
  private final PasswordMatcher gated = new DigitGatedMatcher(new DateMatcher());

  @Test
  @DisplayName("S4: with fewer than four ASCII digits nbvcxz's date matcher finds nothing, so skipping it changes nothing")
  void fewerThanFourDigitsHoldNoDate_S4() {
    Random random = new Random(20261202);
    // Digits (ASCII and others), every separator the date patterns know, letters, and what else a password holds.
    String alphabet = "0123456789" + " -/\\_." + "abcXYZ" + "!@#'" + "٣۵१";
    int tried = 0;
    for (int n = 0; n < 60_000; n++) {
      StringBuilder password = new StringBuilder();
      int length = 1 + random.nextInt(14);
      for (int i = 0; i < length; i++) {
        password.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = password.toString();
      if (asciiDigits(text) < DigitGatedMatcher.DIGITS_IN_ANY_DATE) {
        tried++;
        assertThat(stock.match(CONFIGURATION, text)).as(text).isEmpty();
        assertThat(gated.match(CONFIGURATION, text)).as(text).isEmpty();
      }
    }
    // The shortest dates nbvcxz knows, one digit short of each: none is a date.
    for (String almost : List.of("1/1/9", "1-1-9", "9.1.1", "1 1 9", "19/1/", "12345", "1_2_3", "1\\2\\3")) {
      tried++;
      assertThat(stock.match(CONFIGURATION, almost)).as(almost).isEmpty();
    }
    assertThat(tried).isGreaterThan(10_000);
  }

  @Test
  @DisplayName("S4: with four ASCII digits or more the dates found are nbvcxz's own")
  void withFourDigitsTheStockMatcherAnswers_S4() {
    List<String> dates = List.of("1/1/90", "1-1-90", "90.1.1", "12 25 1990", "2019_12_31", "251290", "19901225",
        "x1/1/90y", "lantern1-1-90", "0000", "1234", "my birthday 1.1.1990!");
    List<String> found = new ArrayList<>();
    for (String password : dates) {
      List<Match> expected = stock.match(CONFIGURATION, password);
      List<Match> actual = gated.match(CONFIGURATION, password);
      assertThat(actual).hasSameSizeAs(expected);
      for (int i = 0; i < expected.size(); i++) {
        DateMatch e = (DateMatch) expected.get(i);
        DateMatch a = (DateMatch) actual.get(i);
        assertThat(a.getToken()).isEqualTo(e.getToken());
        assertThat(a.getStartIndex()).isEqualTo(e.getStartIndex());
        assertThat(a.getEndIndex()).isEqualTo(e.getEndIndex());
        assertThat(a.calculateEntropy()).isEqualTo(e.calculateEntropy());
      }
      if (!expected.isEmpty()) {
        found.add(password);
      }
    }
    // The comparison is about real dates: most of these are.
    assertThat(found).contains("1/1/90", "2019_12_31", "19901225", "my birthday 1.1.1990!");
  }

  @Test
  @DisplayName("S4: the estimator's configuration gates its date matcher, and estimates dates as nbvcxz does")
  void configurationUsesTheGateAndEstimatesDatesAsBefore_S4() {
    assertThat(CONFIGURATION.getPasswordMatchers()).anyMatch(m -> m instanceof DigitGatedMatcher);
    assertThat(CONFIGURATION.getPasswordMatchers()).noneMatch(m -> m instanceof DateMatcher);
    Nbvcxz stockEstimator = new Nbvcxz(new ConfigurationBuilder().setDistanceCalc(false)
        .setCombinationAlgorithmTimeout(60_000L).createConfiguration());
    Nbvcxz used = new Nbvcxz(PasswordStrength.configuration(60_000L));
    for (String password : List.of("1/1/1990", "19901225", "25.12.1990", "robin1990", "robin-12-25-90",
        "lantern meadow 1.1.90", "abc", "pebble 123")) {
      assertThat(used.estimate(password).getGuesses()).as(password)
          .isEqualTo(stockEstimator.estimate(password).getGuesses());
    }
  }

  private static int asciiDigits(String text) {
    return (int) text.chars().filter(c -> c >= '0' && c <= '9').count();
  }
}
