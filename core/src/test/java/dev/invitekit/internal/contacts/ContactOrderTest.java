package dev.invitekit.internal.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.invitekit.email.EmailAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The contacts' order (C1, C2: sorted by name, then address) compares addresses without building their text,
 * and must order exactly as their text does.
 */
@DisplayName("C1: contacts sort by name, then by the address's text")
class ContactOrderTest {

  /** Local parts and domains from a few characters around '@' in order, so prefixes and ties are common. */
  private static final Gen<String> PART = strings().betweenCodePoints('+', 'c').ofLengthBetween(0, 4)
      .map(s -> s.toLowerCase(java.util.Locale.ROOT));

  @Test
  @DisplayName("C1: compareAsText has the sign of comparing the two addresses' text, for any parts")
  void comparesAsTheTextDoes() {
    qt().withExamples(20_000).forAll(PART, PART, PART, integers().between(0, 1)).checkAssert((local, other, domain,
        sameDomain) -> {
      EmailAddress a = new EmailAddress(local, "d" + domain);
      EmailAddress b = new EmailAddress(other, sameDomain == 1 ? "d" + domain : "d" + other);
      assertThat(Integer.signum(ContactService.compareAsText(a, b)))
          .as("%s against %s", a, b)
          .isEqualTo(Integer.signum(a.toString().compareTo(b.toString())));
    });
  }

  @Test
  @DisplayName("C1: a local part that is a prefix of another sorts by the character after it against '@'")
  void prefixesAndQuotedAts() {
    EmailAddress ann = new EmailAddress("ann", "b.example");
    EmailAddress annA = new EmailAddress("ann.a", "a.example");
    EmailAddress ann0 = new EmailAddress("ann0", "a.example");
    EmailAddress quoted = new EmailAddress("\"ann@x\"", "a.example");
    EmailAddress annAt = new EmailAddress("ann@x", "a.example");

    assertThat(ContactService.compareAsText(ann, annA)).isPositive();   // "ann@" > "ann."
    assertThat(ContactService.compareAsText(ann, ann0)).isPositive();   // "ann@" > "ann0"? '@' (64) > '0' (48)
    assertThat(ContactService.compareAsText(annA, ann)).isNegative();
    assertThat(Integer.signum(ContactService.compareAsText(ann, annAt)))
        .isEqualTo(Integer.signum(ann.toString().compareTo(annAt.toString())));
    assertThat(ContactService.compareAsText(quoted, quoted)).isZero();
  }
}
