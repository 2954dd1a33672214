package dev.invitekit.spi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @Test
  @DisplayName("I5: a digest is exactly 64 lower-case hex characters; anything else is refused")
  void onlyLowerCaseHex64() {
    assertThat(new TokenDigest("0123456789abcdef".repeat(4)).hex()).hasSize(64);
    for (String bad : new String[] {"a".repeat(63), "a".repeat(65), "A" + "a".repeat(63), "a".repeat(63) + "g",
        "a".repeat(32) + " " + "a".repeat(31), "a".repeat(63) + "\u0661", ""}) {
      assertThatThrownBy(() -> new TokenDigest(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  @DisplayName("I5: digests differing only in their first character are not equal")
  void firstCharacterCounts() {
    assertThat(new TokenDigest(A)).isNotEqualTo(new TokenDigest("b" + "a".repeat(63)));
  }
}
