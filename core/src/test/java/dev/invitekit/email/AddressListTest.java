package dev.invitekit.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.account.InvitePolicy;
import dev.invitekit.account.Plan;
import dev.invitekit.email.AddressEntry.Mailbox;
import dev.invitekit.email.AddressEntry.Unusable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Example tests of the address list parser (I1, I3, I4's invalid reasons, U3's IDNA form). */
@DisplayName("Address lists")
class AddressListTest {

  private static List<String> addresses(AddressList list) {
    return list.entries().stream()
        .map(e -> e instanceof Mailbox m ? m.address().toString() : "!" + e.input())
        .collect(Collectors.toList());
  }

  private static Mailbox onlyMailbox(String input) {
    AddressList list = AddressList.parse(input);
    assertThat(list.entries()).hasSize(1);
    assertThat(list.entries().get(0)).isInstanceOf(Mailbox.class);
    return (Mailbox) list.entries().get(0);
  }

  private static AddressProblem onlyProblem(String input) {
    AddressList list = AddressList.parse(input);
    assertThat(list.entries()).as("entries of %s", input).hasSize(1);
    assertThat(list.entries().get(0)).as("entry of %s", input).isInstanceOf(Unusable.class);
    return ((Unusable) list.entries().get(0)).problem();
  }

  @Nested
  @DisplayName("I1: separators")
  class Separators {

    @Test
    @DisplayName("I1: semicolons, commas and newlines separate; spaces around entries are tolerated")
    void semicolonsCommasAndNewlinesSeparate() {
      AddressList list = AddressList.parse(
          "  a@example.com ;b@example.com,c@example.com\nd@example.com\r\ne@example.com\r f@example.com ,, ; \n");

      assertThat(addresses(list)).containsExactly(
          "a@example.com", "b@example.com", "c@example.com", "d@example.com", "e@example.com", "f@example.com");
    }

    @Test
    @DisplayName("I1: an empty or blank input has no entries")
    void blankInputHasNoEntries() {
      assertThat(AddressList.parse("").entries()).isEmpty();
      assertThat(AddressList.parse(" ;, \n\r\t ").entries()).isEmpty();
    }

    @Test
    @DisplayName("I1: a comma inside quotes does not split")
    void commaInsideQuotesDoesNotSplit() {
      Mailbox ann = onlyMailbox("\"Lee, Ann\" <ann@example.org>");

      assertThat(ann.displayName()).isEqualTo("Lee, Ann");
      assertThat(ann.address()).isEqualTo(EmailAddress.parse("ann@example.org"));
      assertThat(ann.input()).isEqualTo("\"Lee, Ann\" <ann@example.org>");
    }

    @Test
    @DisplayName("I1: a semicolon or newline inside quotes does not split")
    void semicolonAndNewlineInsideQuotesDoNotSplit() {
      Mailbox ann = onlyMailbox("\"Lee; Ann\nSales\" <ann@example.org>");

      assertThat(ann.displayName()).isEqualTo("Lee; Ann\nSales");
    }

    @Test
    @DisplayName("I1: a separator inside angle brackets does not split")
    void separatorInsideAngleBracketsDoesNotSplit() {
      AddressList list = AddressList.parse("Ann <ann@exa,mple;.org>; bob@example.com");

      assertThat(list.entries()).hasSize(2);
      assertThat(list.entries().get(0)).isInstanceOf(Unusable.class);
      assertThat(list.entries().get(0).input()).isEqualTo("Ann <ann@exa,mple;.org>");
      assertThat(addresses(list).get(1)).isEqualTo("bob@example.com");
    }

    @Test
    @DisplayName("I1: the SPEC's own example reads as two mailboxes")
    void specExample() {
      AddressList list = AddressList.parse("bob@acme.com; \"Lee, Ann\" <ann@example.org>");

      assertThat(addresses(list)).containsExactly("bob@acme.com", "ann@example.org");
      assertThat(((Mailbox) list.entries().get(0)).displayName()).isNull();
      assertThat(((Mailbox) list.entries().get(1)).displayName()).isEqualTo("Lee, Ann");
    }

    @Test
    @DisplayName("I1: an unquoted name before angle brackets is the display name")
    void unquotedNamedMailbox() {
      Mailbox ann = onlyMailbox("  Ann Lee   <Ann@Example.com>  ");

      assertThat(ann.displayName()).isEqualTo("Ann Lee");
      assertThat(ann.address()).isEqualTo(new EmailAddress("ann", "example.com"));
    }

    @Test
    @DisplayName("I1: an address in angle brackets without a name has no display name")
    void angleBracketsWithoutName() {
      assertThat(onlyMailbox("<ann@example.com>").displayName()).isNull();
      assertThat(onlyMailbox("\"  \" <ann@example.com>").displayName()).isNull();
    }

    @Test
    @DisplayName("I1: escaped quotes and backslashes inside a quoted name are unescaped")
    void escapedQuotes() {
      Mailbox ann = onlyMailbox("\"Ann \\\"The Boss\\\" Lee, Sales\" <ann@example.com>");
      Mailbox bob = onlyMailbox("\"Back\\\\slash; Bob\" <bob@example.com>");

      assertThat(ann.displayName()).isEqualTo("Ann \"The Boss\" Lee, Sales");
      assertThat(bob.displayName()).isEqualTo("Back\\slash; Bob");
    }

    @Test
    @DisplayName("I1: a name with angle brackets inside quotes keeps them")
    void angleBracketsInsideQuotes() {
      Mailbox eve = onlyMailbox("\"Eve <boss@example.com>, CEO\" <eve@example.net>");

      assertThat(eve.displayName()).isEqualTo("Eve <boss@example.com>, CEO");
      assertThat(eve.address().toString()).isEqualTo("eve@example.net");
    }

    @Test
    @DisplayName("I1, I4: one bad entry does not spoil its neighbours")
    void badEntryKeepsNeighbours() {
      AddressList list = AddressList.parse("a@example.com; not an address; b@example.com");

      assertThat(addresses(list)).containsExactly("a@example.com", "!not an address", "b@example.com");
    }

    @Test
    @DisplayName("I2: the parser counts 25 distinct entries (the limit itself is enforced at the API)")
    void countsTwentyFiveDistinctEntries() {
      String joined = IntStream.rangeClosed(1, 25).mapToObj(i -> "Person " + i + " <person" + i + "@example.com>")
          .collect(Collectors.joining(", "));

      assertThat(AddressList.parse(joined).distinct().entries()).hasSize(25)
          .allSatisfy(e -> assertThat(e).isInstanceOf(Mailbox.class));
      assertThat(AddressList.parse(joined + "; PERSON3@EXAMPLE.COM").distinct().entries()).hasSize(25);
    }
  }

  @Nested
  @DisplayName("I3: duplicates")
  class Duplicates {

    @Test
    @DisplayName("I3: duplicates compared case-insensitively collapse to the first occurrence")
    void caseInsensitiveDuplicatesCollapse() {
      AddressList list = AddressList.parse(
          "Ann@Example.COM; \"Ann L.\" <ann@example.com>, ANN@EXAMPLE.COM\nbob@example.com; Bob@example.com");

      AddressList distinct = list.distinct();

      assertThat(list.entries()).hasSize(5);
      assertThat(addresses(distinct)).containsExactly("ann@example.com", "bob@example.com");
      assertThat(distinct.entries().get(0).input()).isEqualTo("Ann@Example.COM");
    }

    @Test
    @DisplayName("I3: a Unicode domain and its IDNA form are one address")
    void idnaFormsCollapse() {
      AddressList list = AddressList.parse("bob@bücher.de; BOB@BÜCHER.DE; bob@xn--bcher-kva.de");

      assertThat(addresses(list.distinct())).containsExactly("bob@xn--bcher-kva.de");
    }

    @Test
    @DisplayName("I3: unusable entries are kept once per distinct input")
    void unusableEntriesKeptOncePerInput() {
      AddressList list = AddressList.parse("nope; nope; NOPE; a@example.com");

      assertThat(addresses(list.distinct())).containsExactly("!nope", "!NOPE", "a@example.com");
    }
  }

  @Nested
  @DisplayName("I4: every problem code")
  class Problems {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Ann Lee <>                        | EMPTY",
        "ann.example.com                   | MISSING_AT",
        "ann@example@example.com           | MISSING_AT",
        "@example.com                      | INVALID_LOCAL_PART",
        ".ann@example.com                  | INVALID_LOCAL_PART",
        "ann.@example.com                  | INVALID_LOCAL_PART",
        "ann..lee@example.com              | INVALID_LOCAL_PART",
        "ann lee@example.com               | INVALID_LOCAL_PART",
        "ann(comment)@example.com          | INVALID_LOCAL_PART",
        "jörg@example.com                  | NON_ASCII_LOCAL_PART",
        "Jörg <jörg@example.com>           | NON_ASCII_LOCAL_PART",
        "ann@                              | INVALID_DOMAIN",
        "ann@localhost                     | INVALID_DOMAIN",
        "ann@-example.com                  | INVALID_DOMAIN",
        "ann@example-.com                  | INVALID_DOMAIN",
        "ann@exa_mple.com                  | INVALID_DOMAIN",
        "ann@example..com                  | INVALID_DOMAIN",
        "ann@192.168.0.1                   | INVALID_DOMAIN",
        "ann@[192.168.0.1]                 | INVALID_DOMAIN",
        "Ann <ann@example.com> and more    | TRAILING_TEXT",
        "Ann <ann@example.com              | UNBALANCED_ANGLE_BRACKET",
        "ann@example.com>                  | UNBALANCED_ANGLE_BRACKET",
        "Ann <<ann@example.com>            | UNBALANCED_ANGLE_BRACKET",
    })
    @DisplayName("I4: each malformed entry is unusable with its reason")
    void problemCodes(String input, AddressProblem expected) {
      assertThat(onlyProblem(input)).isEqualTo(expected);
    }

    @Test
    @DisplayName("I4: an unclosed quote is UNBALANCED_QUOTE, even with angle brackets after it, and does not spoil the rest")
    void unclosedQuote() {
      List<AddressEntry> entries = AddressList.parse("\"Lee, Ann <ann@example.org>; bob@example.com").entries();
      assertThat(entries).hasSize(2);
      assertThat(entries.get(0)).isEqualTo(new Unusable("\"Lee, Ann <ann@example.org>", AddressProblem.UNBALANCED_QUOTE));
      assertThat(entries.get(1)).isInstanceOfSatisfying(AddressEntry.Mailbox.class,
          m -> assertThat(m.address()).isEqualTo(EmailAddress.parse("bob@example.com")));
      List<AddressEntry> angle = AddressList.parse("<ann@example.org, bob@example.com").entries();
      assertThat(angle).hasSize(2);
      assertThat(angle.get(0)).isEqualTo(new Unusable("<ann@example.org", AddressProblem.UNBALANCED_ANGLE_BRACKET));
      assertThat(angle.get(1)).isInstanceOf(AddressEntry.Mailbox.class);
      assertThat(onlyProblem("Ann \"Lee <ann@example.org>")).isEqualTo(AddressProblem.UNBALANCED_QUOTE);
      assertThat(AddressList.parse("\"Lee, Ann").entries())
          .containsExactly(new Unusable("\"Lee", AddressProblem.UNBALANCED_QUOTE), new Unusable("Ann", AddressProblem.MISSING_AT));
    }

    @Test
    @DisplayName("I1: bare addresses separated only by spaces are separate entries; a name without brackets is not split")
    void spacesSeparateBareAddresses() {
      assertThat(AddressList.parse("ann@acme.com  bob@acme.com\tcy@acme.com").entries())
          .extracting(AddressEntry::input).containsExactly("ann@acme.com", "bob@acme.com", "cy@acme.com");
      assertThat(AddressList.parse("Ann Lee ann@acme.com").entries()).singleElement().isInstanceOf(Unusable.class);
    }

    @Test
    @DisplayName("I4: a name that mixes quoted and unquoted text is refused, not half-read")
    void mixedQuotedName() {
      assertThat(AddressList.parse("\"Lee, Ann\" Sales <ann@example.org>").entries())
          .singleElement().isInstanceOf(Unusable.class);
      assertThat(AddressList.parse("Ann \"Lee\" <ann@example.org>").entries())
          .singleElement().isInstanceOf(Unusable.class);
    }

    @Test
    @DisplayName("I4: a quoted local part is refused as an invalid local part")
    void quotedLocalPart() {
      assertThat(onlyProblem("\"ann lee\"@example.com")).isEqualTo(AddressProblem.INVALID_LOCAL_PART);
    }

    @Test
    @DisplayName("I4: too long: a local part over 64, a label over 63, an address over 254, an entry over 1000")
    void tooLong() {
      String label63 = "d".repeat(63);
      assertThat(onlyProblem("a".repeat(65) + "@example.com")).isEqualTo(AddressProblem.TOO_LONG);
      assertThat(EmailAddress.check("a".repeat(64) + "@example.com")).isInstanceOf(AddressCheck.Valid.class);
      assertThat(onlyProblem("ann@" + "d".repeat(64) + ".com")).isEqualTo(AddressProblem.TOO_LONG);
      assertThat(EmailAddress.check("ann@" + label63 + ".com")).isInstanceOf(AddressCheck.Valid.class);
      String longDomain = String.join(".", label63, label63, label63, "d".repeat(50), "com"); // 245 chars
      assertThat(onlyProblem("a".repeat(20) + "@" + longDomain)).isEqualTo(AddressProblem.TOO_LONG);
      assertThat(onlyProblem("Ann " + "x".repeat(1000) + " <ann@example.com>")).isEqualTo(AddressProblem.TOO_LONG);
    }

    @Test
    @DisplayName("I4: every AddressProblem code is produced by some input and has a message")
    void everyCodeIsReachable() {
      List<String> inputs = List.of("Ann <>", "ann", "@example.com", "jörg@example.com", "ann@localhost",
          "a".repeat(65) + "@example.com", "\"Ann <ann@example.com>", "Ann <ann@example.com",
          "Ann <ann@example.com> x", "ann@a\u200db.example");  // the last added with issue 8.8
      List<AddressProblem> produced = inputs.stream().map(AddressListTest::onlyProblem).collect(Collectors.toList());

      assertThat(produced).containsExactlyInAnyOrder(AddressProblem.values());
      assertThat(AddressProblem.values()).allSatisfy(p -> assertThat(p.message()).isNotBlank());
    }

    @Test
    @DisplayName("I4: EmailAddress.check says EMPTY for a blank address, parse throws naming the problem")
    void checkAndParse() {
      assertThat(EmailAddress.check("   ")).isEqualTo(new AddressCheck.Invalid(AddressProblem.EMPTY));
      assertThatThrownBy(() -> EmailAddress.parse("ann.example.com"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(AddressProblem.MISSING_AT.message());
    }
  }

  @Nested
  @DisplayName("U3, A1: normalized form")
  class Normalization {

    @Test
    @DisplayName("U3: bob@bücher.de has the IDNA domain xn--bcher-kva.de and equals the ASCII spelling")
    void idnaDomain() {
      EmailAddress unicode = EmailAddress.parse("bob@bücher.de");
      EmailAddress ascii = EmailAddress.parse("Bob@XN--BCHER-KVA.DE");

      assertThat(unicode.domain()).isEqualTo("xn--bcher-kva.de");
      assertThat(unicode).isEqualTo(ascii).hasSameHashCodeAs(ascii);
      assertThat(unicode.compareTo(ascii)).isZero();
      assertThat(unicode.isInDomain("xn--bcher-kva.de")).isTrue();
      assertThat(EmailAddress.parse("bob@BÜCHER.de")).isEqualTo(ascii);
    }

    @Test
    @DisplayName("U3: an account with the company domain bücher.de (stored as IDNA) sees both spellings as company addresses")
    void companyDomainInIdnaForm() {
      Account account = new Account(AccountId.random(), "Bücher GmbH", Plan.PRO, List.of("xn--bcher-kva.de"), 0,
          InvitePolicy.defaults(), Locale.GERMAN, Instant.EPOCH);

      assertThat(account.isCompanyAddress(EmailAddress.parse("anna@BÜCHER.de"))).isTrue();
      assertThat(account.isCompanyAddress(EmailAddress.parse("anna@xn--bcher-kva.de"))).isTrue();
      assertThat(account.isCompanyAddress(EmailAddress.parse("anna@buecher.de"))).isFalse();
    }

    @Test
    @DisplayName("A1: the local part and domain are lower-cased; a trailing dot on the domain is dropped")
    void lowerCase() {
      EmailAddress address = EmailAddress.parse("  Ann.Lee+Sales@Example.COM.  ");

      assertThat(address.localPart()).isEqualTo("ann.lee+sales");
      assertThat(address.domain()).isEqualTo("example.com");
      assertThat(address).hasToString("ann.lee+sales@example.com");
    }

    @Test
    @DisplayName("A1: the record refuses parts that are not normalized")
    void recordRefusesUnnormalizedParts() {
      assertThatThrownBy(() -> new EmailAddress("Ann", "example.com")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new EmailAddress("ann", "Example.com")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann@bücher.de", "ann@münchen.example", "ann@пример.рф", "ann@例え.jp"})
    @DisplayName("U3: internationalized domains are accepted and stored in ASCII")
    void internationalDomains(String input) {
      EmailAddress address = EmailAddress.parse(input);

      assertThat(address.domain()).matches("[a-z0-9.-]+").contains("xn--");
    }

    @Test
    @DisplayName("I1: format writes quoted names and bare addresses, and skips unusable entries")
    void format() {
      AddressList list = AddressList.parse("\"Lee, Ann\" <ann@example.org>; nope; bob@bücher.de; Eve \\ X <e@x.io>");

      assertThat(list.format()).isEqualTo(
          "\"Lee, Ann\" <ann@example.org>; bob@xn--bcher-kva.de; \"Eve \\\\ X\" <e@x.io>");
    }
  }
}
