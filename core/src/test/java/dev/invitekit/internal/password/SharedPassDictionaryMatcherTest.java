package dev.invitekit.internal.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.matching.DateMatcher;
import me.gosimple.nbvcxz.matching.DictionaryMatcher;
import me.gosimple.nbvcxz.matching.PasswordMatcher;
import me.gosimple.nbvcxz.matching.match.DictionaryMatch;
import me.gosimple.nbvcxz.matching.match.Match;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * S4's strength estimate (issue 12, benchmark 4): {@link SharedPassDictionaryMatcher} finds exactly the matches
 * of nbvcxz's own {@link DictionaryMatcher}, in the same order and equal in every field, over a corpus drawn
 * from nbvcxz's dictionaries and their variants (leet, reversed, mixed case, digits and symbols appended, words
 * joined into passphrases, text outside ASCII); and the estimator S4 uses gives nbvcxz's stock estimate.
 */
@DisplayName("S4: the shared-pass dictionary matcher finds exactly nbvcxz's matches")
class SharedPassDictionaryMatcherTest {
  /** Leet characters for letters, the inverse of nbvcxz's default leet table (several for some letters). */
  private static final Map<Character, String> LEET = Map.ofEntries(Map.entry('a', "4@"), Map.entry('b', "8"),
      Map.entry('c', "({[<"), Map.entry('e', "3"), Map.entry('g', "96&"), Map.entry('h', "#"),
      Map.entry('i', "!1|"), Map.entry('l', "!1|7"), Map.entry('o', "0"), Map.entry('s', "$5"),
      Map.entry('t', "+7"), Map.entry('x', "%"), Map.entry('z', "2"));
  private static final int WORDS_PER_DICTIONARY = 250;

  private final List<Dictionary> dictionaries = ConfigurationBuilder.getDefaultDictionaries();
  private final Configuration stock = new ConfigurationBuilder().setDistanceCalc(false).createConfiguration();
  private final Configuration shared = PasswordStrength.configuration(60_000);

  @Test
  @DisplayName("S4: over 12,000 words, variants and passphrases, the same matches in the same order")
  void sameMatchesAsNbvcxzOverACorpus_S4() {
    PasswordMatcher original = new DictionaryMatcher();
    PasswordMatcher replacement = new SharedPassDictionaryMatcher(dictionaries);
    List<String> corpus = corpus();
    int matches = 0;
    Set<String> kinds = new LinkedHashSet<>();
    for (String password : corpus) {
      List<Match> found = original.match(stock, password);
      List<String> expected = describe(found);
      List<String> actual = describe(replacement.match(shared, password));
      assertThat(actual).as("matches of %s", password).containsExactlyElementsOf(expected);
      matches += expected.size();
      for (Match match : found) {
        DictionaryMatch dm = (DictionaryMatch) match;
        kinds.add(dm.getDictionaryName());
        kinds.add((dm.isLeet() ? "leet" : "plain") + (dm.isReversed() ? " reversed" : ""));
        kinds.add(dm.getToken().equals(dm.getToken().toLowerCase(Locale.ROOT)) ? "lower case" : "mixed case");
      }
    }
    assertThat(corpus).hasSizeGreaterThan(12_000);
    assertThat(matches).isGreaterThan(50_000);
    // Every path of the matcher was taken: each dictionary, and plain, reversed, leet and reversed leet forms.
    assertThat(kinds).contains("passwords", "male_names", "female_names", "surnames", "english", "eff_large",
        "plain", "plain reversed", "leet", "leet reversed", "lower case", "mixed case");
  }

  @Test
  @DisplayName("S4: the estimator S4 uses is nbvcxz's defaults with only the dictionary matcher replaced and the date matcher gated")
  void estimatorIsNbvcxzDefaultsWithTheMatcherReplaced_S4() {
    List<Class<?>> expected = ConfigurationBuilder.getDefaultPasswordMatchers().stream()
        .map(m -> m instanceof DictionaryMatcher ? SharedPassDictionaryMatcher.class
            : m instanceof DateMatcher ? DigitGatedMatcher.class : m.getClass())
        .collect(Collectors.toList());
    Configuration used = PasswordStrength.configuration();
    assertThat(used.getPasswordMatchers()).map(Object::getClass).containsExactlyElementsOf(expected);
    assertThat(used.getDictionaries()).isSameAs(dictionaries);
    assertThat(used.getLeetTable()).isSameAs(ConfigurationBuilder.getDefaultLeetTable());
    assertThat(used.isDistanceCalc()).isFalse();
    assertThat(used.getCombinationAlgorithmTimeout()).isEqualTo(PasswordStrength.SEARCH_MILLIS);
  }

  @Test
  @DisplayName("S4: the estimate (guesses and the matches chosen) equals nbvcxz's stock estimate")
  void estimateEqualsStockEstimate_S4() {
    Nbvcxz original = new Nbvcxz(new ConfigurationBuilder().setDistanceCalc(false)
        .setCombinationAlgorithmTimeout(60_000L).createConfiguration());
    Nbvcxz replaced = new Nbvcxz(shared);
    List<String> corpus = corpus();
    List<String> sample = new ArrayList<>(List.of("lantern meadow pebble ocean drift", "aaaaaaaaaaaaaaa",
        "123456789012345", "password1234567", "qwertyuiopasdfghjkl", "zebra canyon melody",
        "P@ssw0rd!P@ssw0rd!", "dr0wss4p12345678"));
    for (int i = 0; i < corpus.size(); i += 40) {
      sample.add(corpus.get(i));
    }
    for (String password : sample) {
      var expected = original.estimate(password);
      var actual = replaced.estimate(password);
      assertThat(actual.getGuesses()).as("guesses for %s", password).isEqualTo(expected.getGuesses());
      assertThat(describe(actual.getMatches())).as("matches for %s", password)
          .containsExactlyElementsOf(describe(expected.getMatches()));
    }
  }

  @Test
  @DisplayName("S4: leet translation keeps nbvcxz's order, its empty answer and its early stop past 100")
  void leetTranslationKeepsNbvcxzQuirks_S4() {
    Map<Character, Character[]> table = ConfigurationBuilder.getDefaultLeetTable();
    assertThat(SharedPassDictionaryMatcher.translateLeet(table, "p4ssw0rd")).containsExactly("password");
    assertThat(SharedPassDictionaryMatcher.translateLeet(table, "b1!x")).containsExactly("biix", "bilx", "blix", "bllx");
    assertThat(SharedPassDictionaryMatcher.translateLeet(table, "1337")).isEmpty(); // every character is leet
    assertThat(SharedPassDictionaryMatcher.translateLeet(table, "plain")).isEmpty();
    // 2^12 translations, stopped early exactly where nbvcxz stops: the corpus test compares the lists.
    assertThat(SharedPassDictionaryMatcher.translateLeet(table, "1!|71!|71!|7x")).hasSizeBetween(101, 200);
  }

  /** Each match as text holding every field the estimate reads. */
  private static List<String> describe(List<Match> matches) {
    List<String> described = new ArrayList<>();
    for (Match match : matches) {
      StringBuilder text = new StringBuilder().append(match.getClass().getSimpleName()).append('|')
          .append(match.getToken()).append('|').append(match.getStartIndex()).append('-').append(match.getEndIndex())
          .append('|').append(Double.doubleToLongBits(match.calculateEntropy()));
      if (match instanceof DictionaryMatch dm) {
        text.append('|').append(dm.getDictionaryName()).append('|').append(dm.getDictionaryValue()).append('|')
            .append(dm.getRank()).append('|').append(dm.isReversed()).append('|').append(dm.getDistance())
            .append('|').append(dm.isLeet());
        for (Character[] sub : dm.getLeetSubstitution()) {
          text.append('|').append(sub[0]).append('>').append(sub[1]);
        }
      }
      described.add(text.toString());
    }
    return described;
  }

  /** Words of every dictionary and their variants, seeded so every run checks the same corpus. */
  private List<String> corpus() {
    Random random = new Random(20261202);
    List<String> words = new ArrayList<>();
    for (Dictionary dictionary : dictionaries) {
      List<String> all = new ArrayList<>(dictionary.getSortedDictionary());
      for (int i = 0; i < WORDS_PER_DICTIONARY; i++) {
        words.add(all.get(random.nextInt(all.size())));
      }
    }
    Set<String> corpus = new LinkedHashSet<>();
    for (String word : words) {
      String other = words.get(random.nextInt(words.size()));
      String third = words.get(random.nextInt(words.size()));
      corpus.add(word);
      corpus.add(new StringBuilder(word).reverse().toString());
      corpus.add(leet(word, random, 1.0));
      corpus.add(leet(word, random, 0.4));
      corpus.add(new StringBuilder(leet(word, random, 0.5)).reverse().toString());
      corpus.add(mixedCase(word, random));
      corpus.add(word.toUpperCase(Locale.ROOT));
      corpus.add(word + random.nextInt(10_000));
      corpus.add(mixedCase(leet(word, random, 0.5), random) + "!" + (1950 + random.nextInt(75)));
      corpus.add(word + " " + other + " " + third);
      corpus.add(leet(word + other, random, 0.3) + new StringBuilder(third).reverse());
      corpus.add(word + "-" + mixedCase(other, random) + "." + third.toUpperCase(Locale.ROOT));
    }
    // Text outside ASCII (case mappings that change the length, final sigma, surrogate pairs, combining
    // marks), strings made only of leet characters, and leet runs long enough to reach nbvcxz's early stop.
    corpus.addAll(List.of("İstanbulİstanbul", "ΣΟΦΙΑΣ ΟΔΟΣ", "Straße-Müller", "ǅemal ǄEMAL", "🙂password🙂",
        "cafe\u0301 cre\u0300me", "1337", "4@8(3", "1!|71!|71!|7x", "p!|!|!|!|!|!|!ssword", "$$$$tar!!!",
        "lantern meadow pebble ocean drift", "7r1|\\|17y", "\u0130I\u0131i",
        // The one dictionary word holding a space, found inside a passphrase, reversed and leeted.
        "xcorrect horse battery staple!", "elpats yrettab esroh tcerroc", "c0rrect h0rse 8attery $taple"));
    return corpus.stream().map(SharedPassDictionaryMatcherTest::first40).distinct().toList();
  }

  private static String first40(String text) {
    return text.codePointCount(0, text.length()) > 40 ? text.substring(0, text.offsetByCodePoints(0, 40)) : text;
  }

  private static String leet(String word, Random random, double share) {
    StringBuilder out = new StringBuilder();
    for (char c : word.toCharArray()) {
      String options = LEET.get(c);
      out.append(options != null && random.nextDouble() < share ? options.charAt(random.nextInt(options.length())) : c);
    }
    return out.toString();
  }

  private static String mixedCase(String word, Random random) {
    StringBuilder out = new StringBuilder();
    for (char c : word.toCharArray()) {
      out.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }
}
