package dev.invitekit.spi.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** I5: token digests compare by value, in constant time, and never show themselves. */
@DisplayName("I5: token digests")
class TokenDigestTest {
  private static final String A = "a".repeat(64);

  @Test
  @DisplayName("I5: equal digests are equal with equal hash codes; a digest differing in its last character is not")
  void equality() {
    TokenDigest a = new TokenDigest(A);
    assertThat(a).isEqualTo(new TokenDigest(A)).hasSameHashCodeAs(new TokenDigest(A));
    assertThat(a).isNotEqualTo(new TokenDigest("a".repeat(63) + "b")).isNotEqualTo(A);
    assertThat(a.toString()).doesNotContain("aaaa");
  }
}
