package dev.invitekit.internal.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A4, issue 8 item 7: the shipped lists are comprehensive, load quickly, and match as documented. */
@DisplayName("A4 (issue 8.7): the shipped webmail and disposable-mail lists")
class ShippedDomainListsTest {

  @Test
  @DisplayName("A4: thousands of webmail and disposable domains, loaded once in well under two seconds")
  void shippedListsAreComprehensiveAndLoadQuickly_A4_issue8_7() {
    long start = System.nanoTime();
    // Loaded afresh here (not through the holder another test may have initialized) to time a real load.
    int[] sizes = {DomainList.resource("webmail-domains.txt").size(),
        DomainList.resource("disposable-domains.txt").size(),
        DomainList.resource("disposable-wildcard-domains.txt").size()};
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("A4: %d webmail, %d disposable, %d wildcard disposable domains loaded in %d ms%n",
        sizes[0], sizes[1], sizes[2], millis);
    assertThat(sizes[0]).as("webmail domains").isGreaterThan(10_000);
    assertThat(sizes[1]).as("disposable domains").isGreaterThan(100_000);
    assertThat(millis).as("first load, ms").isLessThan(2_000);
  }

  @Test
  @DisplayName("A4: exact entries, subdomains of wildcard entries, app additions; ordinary domains pass")
  void matching_A4_issue8_7() {
    WebmailDomains shipped = WebmailDomains.shippedAnd(Set.of("post.example"));
    assertThat(shipped.kindOf("gmail.com")).isEqualTo(WebmailDomains.Kind.WEBMAIL);
    assertThat(shipped.kindOf("mailinator.com")).isEqualTo(WebmailDomains.Kind.DISPOSABLE);
    assertThat(shipped.kindOf("post.example")).isEqualTo(WebmailDomains.Kind.WEBMAIL);
    assertThat(shipped.kindOf("anything.33m.co")).isEqualTo(WebmailDomains.Kind.DISPOSABLE);
    assertThat(shipped.kindOf("acme.com")).isNull();
    assertThat(shipped.kindOf("co.uk")).isNull();
    assertThat(WebmailDomains.only(Set.of()).kindOf("gmail.com")).isNull();
  }

  @Test
  @DisplayName("A4: the packed list finds every entry it was given and nothing else")
  void packedListFindsExactlyItsEntries() {
    DomainList list = DomainList.of(Set.of("b.example", "a.example", "ab.example", "Bücher.example"));
    assertThat(list.size()).isEqualTo(4);
    assertThat(list.contains("a.example")).isTrue();
    assertThat(list.contains("ab.example")).isTrue();
    assertThat(list.contains("b.example")).isTrue();
    assertThat(list.contains("xn--bcher-kva.example")).isTrue();
    assertThat(list.contains("aa.example")).isFalse();
    assertThat(list.contains("example")).isFalse();
    assertThat(list.contains("")).isFalse();
  }
}
