package dev.invitekit.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.invitekit.email.AddressEntry.Mailbox;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** QuickTheories properties of the address list parser (I1, I3). */
@DisplayName("Address list properties")
class AddressListPropertiesTest {

  /** Characters that mean something to the parser, plus whitespace, controls, a lone surrogate and Unicode. */
  private static final String HOSTILE = ",;\"<>\\\n\r\0 @\t.\u00a0\u2028\ud800";
  private static final String PLAIN = "abcxyzABCXYZ019+-_.'!#";
  private static final String UNICODE = "äöüßéÆЖжλ中文字😀🇩🇪\u0301\u202e\u200d";

  /** One code point from a fixed alphabet. */
  private static Gen<String> pickFrom(String alphabet) {
    List<String> symbols = new ArrayList<>();
    for (int cp : alphabet.codePoints().toArray()) {
      symbols.add(new String(Character.toChars(cp)));
    }
    return integers().between(0, symbols.size() - 1).map(symbols::get);
  }

  private static Gen<String> stringOf(Gen<String> symbol, int minLength, int maxLength) {
    return lists().of(symbol).ofSizeBetween(minLength, maxLength).map(parts -> String.join("", parts));
  }

  /** Mostly hostile strings: parser syntax, controls, Unicode, plain text. */
  private static Gen<String> hostileStrings(int maxLength) {
    Gen<String> symbol = Generate.frequency(List.of(
        org.quicktheories.api.Pair.of(4, pickFrom(HOSTILE)),
        org.quicktheories.api.Pair.of(4, pickFrom(PLAIN)),
        org.quicktheories.api.Pair.of(2, pickFrom(UNICODE)),
        org.quicktheories.api.Pair.of(1, pickFrom("example.com@bücher.de<ann@x.io>\"Lee, Ann\""))));
    return stringOf(symbol, 0, maxLength);
  }

  /** A valid local part: atext without dots, random case. */
  private static Gen<String> localParts() {
    return stringOf(pickFrom("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+_-"), 1, 12);
  }

  /** A valid domain: one or two labels (some with non-ASCII letters) and a TLD. */
  private static Gen<String> domains() {
    Gen<String> label = stringOf(pickFrom("abcdefghijkmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789äöüéÄÖÜÉ"), 1, 10);
    Gen<String> tld = Generate.pick(List.of("com", "org", "de", "io", "example"));
    return lists().of(label).ofSizeBetween(1, 2).zip(tld, (labels, t) -> String.join(".", labels) + "." + t);
  }

  private static Gen<String> addresses() {
    return localParts().zip(domains(), (l, d) -> l + "@" + d);
  }

  /** Display names full of separators, quotes, brackets, backslashes, line breaks and Unicode. */
  private static Gen<String> names() {
    return hostileStrings(30);
  }

  private static String quoted(String name) {
    return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The name as the parser reports it: stripped, and null when blank. */
  private static String expectedName(String name) {
    return name.isBlank() ? null : name.strip();
  }

  private static List<String> mailboxes(AddressList list) {
    return list.entries().stream().map(e -> {
      Mailbox m = (Mailbox) e;
      return m.displayName() + " <" + m.address() + ">";
    }).collect(Collectors.toList());
  }

  /** The text with each code point upper- or lower-cased as the flips say. */
  private static String withCase(String text, List<Boolean> flips) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (int cp : text.codePoints().toArray()) {
      String c = new String(Character.toChars(cp));
      out.append(flips.get(i++ % flips.size()) ? c.toUpperCase(Locale.ROOT) : c.toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  private static Gen<List<Boolean>> flips() {
    return lists().of(booleans().all()).ofSizeBetween(1, 16);
  }

  private static Gen<String> randomCase(Gen<String> text) {
    return text.zip(flips(), AddressListPropertiesTest::withCase);
  }

  /** One entry of a list with duplicates: which pool address, how to change its case, whether to name it. */
  private record Pick(int index, List<Boolean> flips, boolean named) {}

  @Test
  @DisplayName("I1: parse never throws, on any string (random Unicode, hostile syntax, long inputs)")
  void parseIsTotal() {
    Gen<String> inputs = Generate.oneOf(
        hostileStrings(200),
        strings().allPossible().ofLengthBetween(0, 200),
        hostileStrings(3000),
        strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 50));
    qt().withExamples(2000).forAll(inputs).checkAssert(input -> {
      AddressList list = AddressList.parse(input);
      AddressList distinct = list.distinct();
      String formatted = list.format();
      AddressList.parse(formatted);
      assertThat(list.entries()).allSatisfy(e -> {
        assertThat(e.input()).isNotBlank();
        assertThat(input).contains(e.input());
      });
      assertThat(distinct.entries().size()).isLessThanOrEqualTo(list.entries().size());
    });
  }

  @Test
  @DisplayName("I1: parse never throws on a single very long entry or address")
  void parseIsTotalOnHugeEntries() {
    qt().withExamples(50).forAll(hostileStrings(30), integers().between(900, 200_000)).checkAssert((seed, n) -> {
      String huge = (seed + "x").repeat(n / (seed.length() + 1) + 1);
      AddressList.parse(huge);
      AddressList.parse("Ann <" + huge + "@example.com>");
      AddressList.parse("ann@" + huge);
      AddressList.parse("\"" + huge);
    });
  }

  @Test
  @DisplayName("I1: separators inside a quoted name do not split: one entry, with that name")
  void separatorsInsideQuotesDoNotSplit() {
    qt().forAll(names(), addresses()).checkAssert((name, address) -> {
      AddressList list = AddressList.parse(quoted(name) + " <" + address + ">");

      assertThat(list.entries()).hasSize(1);
      assertThat(list.entries().get(0)).isInstanceOfSatisfying(Mailbox.class, m -> {
        assertThat(m.displayName()).isEqualTo(expectedName(name));
        assertThat(m.address()).isEqualTo(EmailAddress.parse(address));
      });
    });
  }

  @Test
  @DisplayName("I1: separators inside angle brackets do not split: one entry")
  void separatorsInsideAngleBracketsDoNotSplit() {
    Gen<String> bracketed = stringOf(pickFrom(",;\n\r @.abcé\"\\"), 0, 30);
    qt().forAll(stringOf(pickFrom("abc XYZ"), 0, 10), bracketed).checkAssert((name, inside) -> {
      String entry = name + "<" + inside + ">";
      assertThat(AddressList.parse(entry + "; b@example.com").entries()).hasSize(2)
          .first().extracting(AddressEntry::input).isEqualTo(entry.strip());
    });
  }

  @Test
  @DisplayName("I1: a list of named mailboxes joined by any separator reads back entry for entry")
  void namedMailboxListsReadBack() {
    Gen<String> separator = Generate.pick(List.of(",", ";", "\n", "\r\n", " , ", ";\n", " ;; "));
    Gen<List<String>> pairs = lists().of(names().zip(addresses(), (n, a) -> quoted(n) + " <" + a + ">"))
        .ofSizeBetween(1, 8);
    qt().forAll(pairs, separator).checkAssert((entries, sep) -> {
      AddressList list = AddressList.parse(String.join(sep, entries));

      assertThat(list.entries()).hasSize(entries.size()).allSatisfy(e -> assertThat(e).isInstanceOf(Mailbox.class));
    });
  }

  @Test
  @DisplayName("I3: distinct() never yields two equal addresses, and keeps as many as there are distinct lower-cased addresses")
  void distinctCollapsesCaseInsensitiveDuplicates() {
    Gen<List<String>> pools = lists().of(addresses()).ofSizeBetween(1, 8);
    Gen<List<Pick>> picks = lists().of(integers().between(0, 1000).zip(flips(), booleans().all(), Pick::new))
        .ofSizeBetween(1, 30);
    Gen<String> separator = Generate.pick(List.of(",", ";", "\n", " ; "));
    qt().forAll(pools, picks, separator).checkAssert((pool, chosen, sep) -> {
      List<String> picked = new ArrayList<>();
      List<String> typed = new ArrayList<>();
      for (Pick pick : chosen) {
        String address = pool.get(pick.index() % pool.size());
        String cased = withCase(address, pick.flips());
        picked.add(address);
        typed.add(pick.named() ? "\"Person " + typed.size() + "\" <" + cased + ">" : cased);
      }
      AddressList distinct = AddressList.parse(String.join(sep, typed)).distinct();

      Set<String> lowerCased = picked.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
      List<EmailAddress> kept = distinct.entries().stream().map(e -> ((Mailbox) e).address())
          .collect(Collectors.toList());
      assertThat(kept).doesNotHaveDuplicates().hasSize(lowerCased.size());
      assertThat(new HashSet<>(kept))
          .isEqualTo(lowerCased.stream().map(EmailAddress::parse).collect(Collectors.toSet()));
    });
  }

  @Test
  @DisplayName("I3: distinct() never yields two equal addresses, whatever the input")
  void distinctHasNoDuplicatesOnHostileInput() {
    Gen<String> mixed = lists().of(Generate.oneOf(addresses(), randomCase(addresses()), hostileStrings(15)))
        .ofSizeBetween(0, 20).map(parts -> String.join(";", parts));
    qt().forAll(mixed).checkAssert(input -> {
      List<EmailAddress> kept = AddressList.parse(input).distinct().entries().stream()
          .filter(e -> e instanceof Mailbox).map(e -> ((Mailbox) e).address()).collect(Collectors.toList());
      assertThat(kept).doesNotHaveDuplicates();
    });
  }

  @Test
  @DisplayName("I1: parse, format, parse is stable: the same mailboxes with the same names and addresses")
  void formatReadsBack() {
    Gen<List<String>> entries = lists().of(Generate.oneOf(
        names().zip(addresses(), (n, a) -> quoted(n) + " <" + a + ">"),
        addresses(),
        stringOf(pickFrom("Ann Lee Ö"), 1, 12).zip(addresses(), (n, a) -> n + " <" + a + ">"))).ofSizeBetween(0, 10);
    qt().forAll(entries).checkAssert(list -> {
      AddressList parsed = AddressList.parse(String.join("; ", list));
      assertThat(parsed.entries()).hasSize(list.size());

      AddressList reparsed = AddressList.parse(parsed.format());

      assertThat(mailboxes(reparsed)).isEqualTo(mailboxes(parsed));
      assertThat(reparsed.format()).isEqualTo(parsed.format());
    });
  }

  @Test
  @DisplayName("I1: format, parse is stable for named mailboxes built directly from generated names")
  void formatReadsBackGeneratedNames() {
    qt().forAll(lists().of(names().zip(addresses(), (n, a) -> new String[] {n, a})).ofSizeBetween(1, 6))
        .checkAssert(pairs -> {
          List<AddressEntry> built = new ArrayList<>();
          for (String[] pair : pairs) {
            built.add(new Mailbox("typed", expectedName(pair[0]), EmailAddress.parse(pair[1])));
          }
          AddressList list = new AddressList(built);

          assertThat(mailboxes(AddressList.parse(list.format()))).isEqualTo(mailboxes(list));
        });
  }
}
