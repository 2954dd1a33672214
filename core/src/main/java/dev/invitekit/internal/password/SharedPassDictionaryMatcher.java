package dev.invitekit.internal.password;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import me.gosimple.nbvcxz.matching.DictionaryMatcher;
import me.gosimple.nbvcxz.matching.PasswordMatcher;
import me.gosimple.nbvcxz.matching.match.DictionaryMatch;
import me.gosimple.nbvcxz.matching.match.Match;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;

/**
 * nbvcxz's dictionary matching (S4's strength estimate) with each substring's lower-cased, reversed and
 * un-leeted forms computed once and shared by every dictionary, where nbvcxz 1.5.1's {@link DictionaryMatcher}
 * computes them again for each of its six dictionaries (the forms depend only on the substring; the last two
 * are computed only when some dictionary reaches them, as there). A dictionary is not asked about a substring
 * longer than its longest word: no word can equal it, nor its reversed or un-leeted forms (the same length).
 * Nor is any dictionary asked about a substring holding a separator (an ASCII character that is neither a letter
 * nor a leet character: a space, a hyphen) unless some word of its length holds that separator too; a
 * passphrase's words are still looked up one by one, but hardly any of the substrings spanning two of them.
 *
 * <p>Same matches, in the same order, with every field equal: {@code SharedPassDictionaryMatcherTest} compares
 * the two over a corpus of words from nbvcxz's own dictionaries and their variants. Where this matcher would
 * have to reproduce more than it does (Levenshtein distance matching switched on, or a configuration with other
 * dictionaries than the ones it was built for) it hands the password to nbvcxz's own matcher.
 */
final class SharedPassDictionaryMatcher implements PasswordMatcher {
  /** nbvcxz's recursion stops adding leet translations once it holds more than this many. */
  private static final int LEET_TRANSLATIONS_CAP = 100;

  private final PasswordMatcher stock = new DictionaryMatcher();
  private final List<Dictionary> dictionaries;
  /** The length of each dictionary's longest word, in the list's order. */
  private final int[] longestWords;
  private final int longestWord;
  /**
   * For each ASCII character that is no letter, the lengths of the words holding it, as bits (bit n: some word
   * of n characters holds it), or every bit where some word is 64 characters or longer.
   */
  private final long[] lengthsHolding = new long[128];
  private final Map<Character, Character[]> defaultLeetTable = ConfigurationBuilder.getDefaultLeetTable();
  private final boolean[] defaultSeparators;

  /** For a configuration whose {@link Configuration#getDictionaries()} is this very list. */
  SharedPassDictionaryMatcher(List<Dictionary> dictionaries) {
    this.dictionaries = dictionaries;
    this.longestWords = new int[dictionaries.size()];
    int longest = 0;
    for (int d = 0; d < dictionaries.size(); d++) {
      for (String word : dictionaries.get(d).getDictonary().keySet()) {
        longestWords[d] = Math.max(longestWords[d], word.length());
      }
      longest = Math.max(longest, longestWords[d]);
    }
    this.longestWord = longest;
    for (Dictionary dictionary : dictionaries) {
      for (String word : dictionary.getDictonary().keySet()) {
        for (int i = 0; i < word.length(); i++) {
          char c = word.charAt(i);
          if (c < 128 && !Character.isLetter(c)) {
            lengthsHolding[c] |= longest < 64 ? 1L << word.length() : -1L;
          }
        }
      }
    }
    this.defaultSeparators = separators(defaultLeetTable);
  }

  /**
   * The ASCII characters that are neither letters nor leet characters. Such a character stays itself in every
   * form looked up (lower-casing leaves it, reversing moves it, un-leeting replaces only leet characters), so
   * a substring holding it can only be a word of the same length that holds it too.
   */
  private static boolean[] separators(Map<Character, Character[]> leetTable) {
    boolean[] separators = new boolean[128];
    for (char c = 0; c < 128; c++) {
      separators[c] = !Character.isLetter(c) && leetTable.get(c) == null;
    }
    return separators;
  }

  @Override
  public List<Match> match(Configuration configuration, String password) {
    if (configuration.isDistanceCalc() || configuration.getDictionaries() != dictionaries) {
      return stock.match(configuration, password);
    }
    boolean[] separators = configuration.getLeetTable() == defaultLeetTable
        ? defaultSeparators : separators(configuration.getLeetTable());
    // An ASCII character lower-cases to one character in every locale, so there a substring's lower-cased
    // form is as long as the substring, and substrings too long for any word can be passed over uncut.
    boolean ascii = password.chars().allMatch(c -> c < 128);
    List<Match> matches = new ArrayList<>();
    for (int start = 0; start < password.length(); start++) {
      // The lengths a word must have to equal a form of the substring, given the separators it holds.
      long possibleLengths = -1L;
      for (int end = start + 1; end <= password.length(); end++) {
        if (ascii && end - start > longestWord) {
          break;
        }
        char last = password.charAt(end - 1);
        if (last < 128 && separators[last]) {
          possibleLengths &= lengthsHolding[last];
          if (possibleLengths == 0) {
            break; // no word holds every separator so far, and every longer substring holds them all
          }
        }
        if (ascii && (possibleLengths & (1L << (end - start))) == 0 && possibleLengths != -1L) {
          continue;
        }
        String split = password.substring(start, end);
        // The same call as nbvcxz's (the default locale's rules), so the same text.
        String lower = split.toLowerCase();
        if (lower.length() > longestWord) {
          continue;
        }
        if (possibleLengths != -1L && (lower.length() >= 64 || (possibleLengths & (1L << lower.length())) == 0)) {
          continue;
        }
        String reversed = null;
        List<String> unleeted = null;
        for (int d = 0; d < dictionaries.size(); d++) {
          if (lower.length() > longestWords[d]) {
            continue; // no word of this dictionary is that long, so none equals any form looked up below
          }
          Dictionary dictionary = dictionaries.get(d);
          Map<String, Integer> words = dictionary.getDictonary();
          Integer rank = words.get(lower);
          if (rank != null) {
            matches.add(new DictionaryMatch(split, configuration, start, end - 1, lower, rank, new ArrayList<>(),
                dictionary.isExclusion(), false, dictionary.getDictionaryName(), 0));
            continue;
          }
          if (reversed == null) {
            reversed = new StringBuilder(lower).reverse().toString();
          }
          rank = words.get(reversed);
          if (rank != null) {
            matches.add(new DictionaryMatch(split, configuration, start, end - 1, reversed, rank, new ArrayList<>(),
                dictionary.isExclusion(), true, dictionary.getDictionaryName(), 0));
            continue;
          }
          if (dictionary.getMaxLength() > split.length()) {
            if (unleeted == null) {
              unleeted = translateLeet(configuration.getLeetTable(), lower);
            }
            for (String unleet : unleeted) {
              rank = words.get(unleet);
              if (rank != null) {
                matches.add(new DictionaryMatch(split, configuration, start, end - 1, unleet, rank,
                    leetSubstitutions(lower, unleet), dictionary.isExclusion(), false, dictionary.getDictionaryName(), 0));
                continue;
              }
              String reversedUnleet = new StringBuilder(unleet).reverse().toString();
              rank = words.get(reversedUnleet);
              if (rank != null) {
                matches.add(new DictionaryMatch(split, configuration, start, end - 1, reversedUnleet, rank,
                    leetSubstitutions(reversed, reversedUnleet), dictionary.isExclusion(), true,
                    dictionary.getDictionaryName(), 0));
              }
            }
          }
        }
      }
    }
    return matches;
  }

  /**
   * nbvcxz's {@code translateLeet}: every way of replacing each leet character by one of its letters, positions
   * taken left to right and each position's letters in the table's order, none when every character is a leet
   * character, and the same early stop once more than {@value #LEET_TRANSLATIONS_CAP} are held.
   */
  static List<String> translateLeet(Map<Character, Character[]> leetTable, String text) {
    List<String> translations = new ArrayList<>();
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      if (leetTable.get(text.charAt(i)) != null) {
        count++;
      }
    }
    if (count == 0 || count == text.length()) {
      return translations;
    }
    int[] positions = new int[count];
    Character[][] letters = new Character[count][];
    for (int i = 0, k = 0; i < text.length(); i++) {
      Character[] replacement = leetTable.get(text.charAt(i));
      if (replacement != null) {
        positions[k] = i;
        letters[k] = replacement;
        k++;
      }
    }
    replaceFrom(0, count, positions, letters, text.toCharArray(), translations);
    return translations;
  }

  private static void replaceFrom(int k, int count, int[] positions, Character[][] letters, char[] text,
      List<String> translations) {
    for (char letter : letters[k]) {
      text[positions[k]] = letter;
      if (k == count - 1) {
        translations.add(new String(text));
      } else {
        if (translations.size() > LEET_TRANSLATIONS_CAP) {
          return;
        }
        replaceFrom(k + 1, count, positions, letters, text, translations);
      }
    }
  }

  /** nbvcxz's {@code getLeetSub}: each position where the two differ, as {original, replacement}. */
  private static List<Character[]> leetSubstitutions(String text, String unleeted) {
    List<Character[]> substitutions = new ArrayList<>();
    for (int i = 0; i < unleeted.length(); i++) {
      if (text.charAt(i) != unleeted.charAt(i)) {
        substitutions.add(new Character[] {text.charAt(i), unleeted.charAt(i)});
      }
    }
    return substitutions;
  }
}
