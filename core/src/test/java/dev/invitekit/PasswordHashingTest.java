package dev.invitekit;

import dev.invitekit.secret.PasswordHashing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Argon2id settings (S4): never below OWASP's minimum, except the flagged test-only setting. */
@DisplayName("S4: password hashing settings")
class PasswordHashingTest {

  @Test
  @DisplayName("S4: owasp() is m=19456 KiB, t=2, p=1 and not flagged insecure")
  void owasp() {
    PasswordHashing owasp = PasswordHashing.owasp();

    assertThat(owasp.memoryKib()).isEqualTo(19456);
    assertThat(owasp.iterations()).isEqualTo(2);
    assertThat(owasp.parallelism()).isEqualTo(1);
    assertThat(owasp.isInsecureForTests()).isFalse();
    assertThat(owasp).hasToString("Argon2id[m=19456,t=2,p=1]");
  }

  @Test
  @DisplayName("S4: stronger settings are accepted")
  void stronger() {
    PasswordHashing strong = PasswordHashing.argon2id(65536, 3, 4);

    assertThat(strong.memoryKib()).isEqualTo(65536);
    assertThat(strong.iterations()).isEqualTo(3);
    assertThat(strong.parallelism()).isEqualTo(4);
    assertThat(strong.isInsecureForTests()).isFalse();
    assertThat(PasswordHashing.argon2id(19456, 2, 1).isInsecureForTests()).isFalse();
  }

  @Test
  @DisplayName("S4: memory below 19456 KiB is refused with a message naming the setting")
  void memoryBelowOwasp() {
    assertThatIllegalArgumentException().isThrownBy(() -> PasswordHashing.argon2id(19455, 2, 1))
        .withMessageContaining("memory").withMessageContaining("19456").withMessageContaining("19455");
  }

  @Test
  @DisplayName("S4: fewer than 2 iterations are refused with a message naming the setting")
  void iterationsBelowOwasp() {
    assertThatIllegalArgumentException().isThrownBy(() -> PasswordHashing.argon2id(65536, 1, 1))
        .withMessageContaining("iterations");
  }

  @Test
  @DisplayName("S4: parallelism outside 1 to 16 is refused with a message naming the setting")
  void parallelismOutOfRange() {
    assertThatIllegalArgumentException().isThrownBy(() -> PasswordHashing.argon2id(19456, 2, 0))
        .withMessageContaining("parallelism");
    assertThatIllegalArgumentException().isThrownBy(() -> PasswordHashing.argon2id(19456, 2, 17))
        .withMessageContaining("parallelism");
  }

  @Test
  @DisplayName("S4: insecureFastForTestsOnly() is flagged, and says so in toString")
  void insecureIsFlagged() {
    PasswordHashing fast = PasswordHashing.insecureFastForTestsOnly();

    assertThat(fast.isInsecureForTests()).isTrue();
    assertThat(fast.memoryKib()).isLessThan(PasswordHashing.OWASP_MEMORY_KIB);
    assertThat(fast.toString()).contains("TESTS ONLY");
  }
}
