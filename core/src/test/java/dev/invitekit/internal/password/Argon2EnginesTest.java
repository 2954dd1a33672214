package dev.invitekit.internal.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.PasswordHashing.Implementation;
import dev.invitekit.spi.store.PasswordHash;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S4: the native Argon2id (argon2-jvm) and Bouncy Castle give identical PHC strings, each verifies the
 * other's, and the implementation is chosen automatically or forced. Core's tests have argon2-jvm on the
 * class path; on linux-x86-64 (CI) its library must load, elsewhere the native tests are skipped.
 */
@DisplayName("S4: native and pure-Java Argon2id are interchangeable")
class Argon2EnginesTest {
  @BeforeAll
  static void nativeLoads() {
    String reason = Argon2Engines.nativeUnavailableReason();
    boolean ciPlatform = "true".equals(System.getenv("CI")) && "amd64".equals(System.getProperty("os.arch"))
        && System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux");
    if (ciPlatform && !reason.isEmpty()) {
      throw new AssertionError("CI on linux-x86-64, but the native Argon2id is not used: " + reason);
    }
    assumeTrue(reason.isEmpty(), () -> "skipped: the native Argon2id is not available here: " + reason);
  }

  /** The same salt bytes for every hasher built with the same seed. */
  private static SecureRandom seeded(long seed) {
    Random source = new Random(seed);
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        source.nextBytes(bytes);
      }
    };
  }

  private static Argon2idHasher hasher(PasswordHashing parameters, Implementation implementation, long seed) {
    return new Argon2idHasher(parameters.withImplementation(implementation), seeded(seed));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {"correct horse battery staple", "pässwörd mit Umlauten und ß", "пароль из слов",
      "🔑 emoji and ｆｕｌｌｗｉｄｔｈ", " ", "a", ""})
  @DisplayName("S4: at OWASP's parameters both engines write the same PHC string, and each verifies the other's")
  void identicalPhcStrings_S4(String password) {
    Argon2idHasher nativeHasher = hasher(PasswordHashing.owasp(), Implementation.NATIVE, 42);
    Argon2idHasher javaHasher = hasher(PasswordHashing.owasp(), Implementation.PURE_JAVA, 42);

    PasswordHash fromNative = nativeHasher.hash(password);
    PasswordHash fromJava = javaHasher.hash(password);

    assertThat(fromNative.phc()).isEqualTo(fromJava.phc()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(javaHasher.verify(password, fromNative)).isTrue();
    assertThat(nativeHasher.verify(password, fromJava)).isTrue();
    assertThat(javaHasher.verify(password + "x", fromNative)).isFalse();
    assertThat(nativeHasher.verify(password + "x", fromJava)).isFalse();
  }

  @Test
  @DisplayName("S4: stronger parameters, several lanes, agree as well")
  void strongerParametersAgree_S4() {
    PasswordHashing strong = PasswordHashing.argon2id(47104, 3, 2);
    PasswordHash fromNative = hasher(strong, Implementation.NATIVE, 7).hash("lantern meadow pebble");
    PasswordHash fromJava = hasher(strong, Implementation.PURE_JAVA, 7).hash("lantern meadow pebble");

    assertThat(fromNative.phc()).isEqualTo(fromJava.phc()).contains("m=47104,t=3,p=2");
  }

  @Test
  @DisplayName("S4: AUTO takes the native engine when it loads; PURE_JAVA and NATIVE force one")
  void implementationChoice_S4() {
    assertThat(new Argon2idHasher(PasswordHashing.owasp(), new SecureRandom()).engineDescription())
        .isEqualTo("native libargon2 through argon2-jvm");
    assertThat(hasher(PasswordHashing.owasp(), Implementation.PURE_JAVA, 1).engineDescription())
        .isEqualTo("Bouncy Castle (pure Java)");
    assertThat(hasher(PasswordHashing.owasp(), Implementation.NATIVE, 1).engineDescription())
        .isEqualTo("native libargon2 through argon2-jvm");
    assertThat(PasswordHashing.owasp().withImplementation(Implementation.NATIVE))
        .hasToString("Argon2id[m=19456,t=2,p=1, NATIVE]");
  }
}
