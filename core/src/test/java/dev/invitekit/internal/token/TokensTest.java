package dev.invitekit.internal.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.invitekit.spi.store.TokenDigest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

/** Invitation and link tokens (I5): 256 bits, URL-safe, stored only as a SHA-256 digest. */
@DisplayName("I5: tokens")
class TokensTest {

  private static final Pattern URL_SAFE_43 = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final int COUNT = 10_000;

  private final Tokens tokens = new Tokens(new SecureRandom());

  @Test
  @DisplayName("I5: 10,000 tokens are 43 URL-safe Base64 characters, decode to 32 bytes, are well-formed and all unique")
  void freshTokens() {
    Set<String> seen = new HashSet<>();
    Set<TokenDigest> digests = new HashSet<>();
    for (int i = 0; i < COUNT; i++) {
      String token = tokens.next();

      assertThat(token).hasSize(Tokens.LENGTH).matches(URL_SAFE_43);
      assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
      assertThat(Tokens.isWellFormed(token)).isTrue();
      seen.add(token);
      digests.add(Tokens.digest(token));
    }
    assertThat(seen).hasSize(COUNT);
    assertThat(digests).hasSize(COUNT);
  }

  @Test
  @DisplayName("I5: tokens use the whole alphabet, including - and _ (no bias to a subset)")
  void wholeAlphabet() {
    Set<Character> used = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      for (char c : tokens.next().toCharArray()) {
        used.add(c);
      }
    }
    assertThat(used).hasSize(64).contains('-', '_');
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // 42
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // 44
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAé",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u0000", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
      "ＡAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
  @DisplayName("I5: isWellFormed refuses a wrong length or a character outside the URL-safe alphabet")
  void malformed(String token) {
    assertThat(Tokens.isWellFormed(token)).isFalse();
  }

  @Test
  @DisplayName("I5: property: isWellFormed holds exactly for 43 characters of A-Z a-z 0-9 - _")
  void wellFormedProperty() {
    String alphabet = "AZaz09-_+/=. é\u0000ÿ\u0660";
    Gen<String> candidates = lists().of(integers().between(0, alphabet.length() - 1).map(alphabet::charAt))
        .ofSizeBetween(40, 46).map(chars -> {
          StringBuilder out = new StringBuilder();
          chars.forEach(out::append);
          return out.toString();
        });
    Gen<String> nearlyValid = lists().of(integers().between(0, 63)).ofSize(43)
        .zip(integers().between(0, 42), integers().between(0, alphabet.length() - 1), (idx, at, bad) -> {
          String urlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
          StringBuilder out = new StringBuilder();
          idx.forEach(i -> out.append(urlSafe.charAt(i)));
          out.setCharAt(at, alphabet.charAt(bad));
          return out.toString();
        });
    qt().forAll(org.quicktheories.generators.Generate.oneOf(candidates, nearlyValid))
        .check(s -> Tokens.isWellFormed(s) == URL_SAFE_43.matcher(s).matches());
  }

  @Test
  @DisplayName("I5: the digest is the SHA-256 of the token as 64 lower-case hex characters, and deterministic")
  void digest() throws Exception {
    String token = tokens.next();
    String expected = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));

    TokenDigest digest = Tokens.digest(token);

    assertThat(digest.hex()).hasSize(64).matches("[0-9a-f]{64}").isEqualTo(expected);
    assertThat(Tokens.digest(token)).isEqualTo(digest);
    assertThat(digest.hex()).doesNotContain(token);
  }

  @Test
  @DisplayName("I5: a known answer: the digest of 43 A's is what sha256sum says")
  void knownDigest() {
    // printf %s AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA | sha256sum
    assertThat(Tokens.digest("A".repeat(43)).hex())
        .isEqualTo("0f007385b6f9d4b7eeb2748605afe1a984a0a3bfa3f014d09e2a784ce9e5cd1a");
  }

  @Test
  @DisplayName("I5: tokens that differ in one character have different digests")
  void digestsDiffer() {
    String token = tokens.next().substring(1);
    Set<TokenDigest> digests = new HashSet<>();
    for (char c : "ABab09-_".toCharArray()) {
      digests.add(Tokens.digest(c + token));
    }
    assertThat(digests).hasSize(8);
  }

  @Test
  @DisplayName("I5: a TokenDigest's toString never shows the hex")
  void digestToStringRedacted() {
    TokenDigest digest = Tokens.digest(tokens.next());

    assertThat(digest.toString()).doesNotContain(digest.hex()).doesNotContain(digest.hex().substring(0, 8));
  }

  @Test
  @DisplayName("I5: a TokenDigest is 64 lower-case hex characters, nothing else")
  void digestShape() {
    assertThatIllegalArgumentException().isThrownBy(() -> new TokenDigest("A".repeat(64)));
    assertThatIllegalArgumentException().isThrownBy(() -> new TokenDigest("a".repeat(63)));
    assertThatIllegalArgumentException().isThrownBy(() -> TokenDigest.of(new byte[31]));
    assertThat(TokenDigest.of(new byte[32]).hex()).isEqualTo("0".repeat(64));
  }
}
