package dev.invitekit.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

/**
 * Splitting a pasted list (I1) costs work linear in its length, whatever quotes and brackets it leaves open, and
 * splits exactly as the straightforward scan from each entry's start did (outside review 15: that scan took
 * quadratic time on a list of {@code <,} repeated, 14 s of CPU for 320 KB, before any permission check).
 */
@DisplayName("Address list splitting cost")
class AddressListSplitCostTest {

  /** Inputs that made the old scan read to the end again from every entry's start. */
  static Stream<String> hostileLists() {
    return Stream.of(
        "<,".repeat(100_000),
        "\"<,".repeat(70_000),
        "\"" + "\\\",".repeat(60_000),
        "\"" + "\\\"<,".repeat(50_000),
        "<,".repeat(100_000) + ">",
        "<a,<b,".repeat(40_000) + ">>",
        "\"x\\\"<,".repeat(30_000) + "\"",
        "a@b.co,".repeat(30_000),
        "Lee, Ann <ann@x.org>; ".repeat(10_000));
  }

  @ParameterizedTest
  @MethodSource("hostileLists")
  @DisplayName("I1, review 15: a split examines at most about four characters for each of the input's")
  void splittingIsLinear(String input) {
    assertThat(AddressListSyntax.steps(input)).isLessThanOrEqualTo(4L * input.length() + 4);
  }

  @Test
  @DisplayName("I1, review 15: lists dense in quotes, brackets, escapes and separators split as the old scan did")
  void splitsAsTheStraightforwardScan() {
    Gen<String> symbol = integers().between(0, 10).map(i -> List.of("<", ">", "\"", "\\", ",", ";", "\n", " ",
        "a@b.co", "Ann", "x").get(i));
    Gen<String> lists = lists().of(symbol).ofSizeBetween(0, 60).map(parts -> String.join("", parts));
    qt().withExamples(20_000).forAll(lists).checkAssert(input ->
        assertThat(AddressListSyntax.split(input)).as("%s", input).isEqualTo(straightforward(input)));
    for (String input : hostileLists().map(s -> s.substring(0, Math.min(s.length(), 3_000))).toList()) {
      assertThat(AddressListSyntax.split(input)).isEqualTo(straightforward(input));
    }
  }

  /** The scan before review 15, from each entry's start: the oracle, quadratic on the lists above. */
  private static List<AddressEntry> straightforward(String input) {
    List<AddressEntry> entries = new ArrayList<>();
    int start = 0;
    while (start <= input.length()) {
      int end = entryEnd(input, start);
      AddressListSyntax.add(entries, input.substring(start, end));
      start = end + 1;
    }
    return entries;
  }

  private static boolean isSeparator(char c) {
    return c == ',' || c == ';' || c == '\n' || c == '\r';
  }

  private static int entryEnd(String input, int start) {
    boolean inQuotes = false;
    int angleDepth = 0;
    int opener = -1;
    for (int i = start; i < input.length(); i++) {
      char c = input.charAt(i);
      if (inQuotes) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inQuotes = false;
        }
        continue;
      }
      if (c == '"' && angleDepth == 0) {
        inQuotes = true;
        opener = i;
      } else if (c == '<') {
        if (angleDepth++ == 0) {
          opener = i;
        }
      } else if (c == '>' && angleDepth > 0) {
        angleDepth--;
      } else if (angleDepth == 0 && isSeparator(c)) {
        return i;
      }
    }
    if (!inQuotes && angleDepth == 0) {
      return input.length();
    }
    int close = input.indexOf('>', opener + 1);
    int from = close >= 0 ? close : opener;
    for (int i = from + 1; i < input.length(); i++) {
      if (isSeparator(input.charAt(i))) {
        return i;
      }
    }
    return input.length();
  }
}
