package dev.invitekit.internal.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.spi.store.PasswordHash;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Argon2id password hashes in PHC string format (S4). */
@DisplayName("S4: Argon2id hashes")
class Argon2idHasherTest {

  private static final String OWASP_PHC =
      "^\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$";
  private static final String PASSWORD = "lantern meadow pebble";

  /** One hash at OWASP's parameters: each costs about 100 ms, so the class shares it. */
  private static PasswordHash owaspHash;

  private static final Argon2idHasher OWASP = new Argon2idHasher(PasswordHashing.owasp(), new SecureRandom());
  private static final Argon2idHasher FAST =
      new Argon2idHasher(PasswordHashing.insecureFastForTestsOnly(), new SecureRandom());

  @BeforeAll
  static void hashOnce() {
    owaspHash = OWASP.hash(PASSWORD);
  }

  @Test
  @DisplayName("S4: the default hash is a PHC string with m=19456, t=2, p=1, a 16-byte salt and a 32-byte hash")
  void phcFormat() {
    assertThat(owaspHash.phc()).matches(OWASP_PHC);
  }

  @Test
  @DisplayName("S4: the right password verifies, a wrong one does not")
  void verify() {
    assertThat(OWASP.verify(PASSWORD, owaspHash)).isTrue();
    assertThat(OWASP.verify(PASSWORD + " ", owaspHash)).isFalse();
    assertThat(OWASP.verify("", owaspHash)).isFalse();
  }

  @Test
  @DisplayName("S4: two hashes of one password differ (random salt) and both verify")
  void saltedHashesDiffer() {
    PasswordHash a = FAST.hash(PASSWORD);
    PasswordHash b = FAST.hash(PASSWORD);

    assertThat(a.phc()).isNotEqualTo(b.phc());
    assertThat(FAST.verify(PASSWORD, a)).isTrue();
    assertThat(FAST.verify(PASSWORD, b)).isTrue();
    assertThat(a.phc()).startsWith("$argon2id$v=19$m=256,t=1,p=1$");
  }

  @Test
  @DisplayName("S4: a hash verifies whatever the verifier's own parameters: they are read from the PHC string")
  void parametersComeFromTheString() {
    assertThat(FAST.verify(PASSWORD, owaspHash)).isTrue();
    assertThat(OWASP.verify(PASSWORD, FAST.hash(PASSWORD))).isTrue();
  }

  @Nested
  @DisplayName("S4: re-hashing when the parameters rise")
  class Rehash {

    @Test
    @DisplayName("S4: a hash at the configured parameters needs no re-hash")
    void sameParameters() {
      assertThat(OWASP.needsRehash(owaspHash)).isFalse();
    }

    @Test
    @DisplayName("S4: a hash at lower memory, fewer iterations or other parallelism needs a re-hash")
    void raisedParameters() {
      assertThat(new Argon2idHasher(PasswordHashing.argon2id(65536, 2, 1), new SecureRandom()).needsRehash(owaspHash))
          .isTrue();
      assertThat(new Argon2idHasher(PasswordHashing.argon2id(19456, 3, 1), new SecureRandom()).needsRehash(owaspHash))
          .isTrue();
      assertThat(new Argon2idHasher(PasswordHashing.argon2id(19456, 2, 2), new SecureRandom()).needsRehash(owaspHash))
          .isTrue();
      assertThat(OWASP.needsRehash(FAST.hash(PASSWORD))).isTrue();
    }

    @Test
    @DisplayName("S4: a hash stronger than the configured parameters needs no re-hash")
    void strongerHashKept() {
      assertThat(FAST.needsRehash(owaspHash)).isFalse();
    }

    @Test
    @DisplayName("S4: a malformed hash needs a re-hash")
    void malformed() {
      assertThat(OWASP.needsRehash(new PasswordHash("$2b$12$notargon"))).isTrue();
    }
  }

  @Nested
  @DisplayName("S4: known answers from the reference argon2 CLI")
  class KnownAnswers {

    // Generated offline with the reference implementation (Debian package argon2 0~20171227):
    //   echo -n 'correct horse battery staple' | argon2 somesaltsomesalt -id -t 2 -m 15 -p 1 -e
    private static final String REFERENCE_32_MIB =
        "$argon2id$v=19$m=32768,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$F0iKBE6qhDW05Qg199W35oMo+BGqMDM3gptOc1yiYRM";
    //   echo -n 'correct horse battery staple' | argon2 somesaltsomesalt -id -t 3 -m 12 -p 2 -e
    private static final String REFERENCE_TWO_LANES =
        "$argon2id$v=19$m=4096,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$fyFs4w0pB3OYqAkt2c8oKV+IjA7unSg9bELVJIVERiY";
    //   echo -n 'Grüße aus Köln 🎉 und Zürich' | argon2 saltsaltsaltsalt -id -t 2 -m 10 -p 1 -e   (UTF-8 input)
    private static final String REFERENCE_UNICODE =
        "$argon2id$v=19$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$WEVP48Sh+MZlRRQxhV6P06m6MIfpSF5Cru+/lk4GEyQ";

    @Test
    @DisplayName("S4: a hash written by the reference implementation verifies, and a wrong password does not")
    void referenceHashVerifies() {
      assertThat(OWASP.verify("correct horse battery staple", new PasswordHash(REFERENCE_32_MIB))).isTrue();
      assertThat(OWASP.verify("correct horse battery stapler", new PasswordHash(REFERENCE_32_MIB))).isFalse();
    }

    @Test
    @DisplayName("S4: a reference hash with two lanes verifies")
    void twoLanes() {
      assertThat(OWASP.verify("correct horse battery staple", new PasswordHash(REFERENCE_TWO_LANES))).isTrue();
      assertThat(OWASP.verify("Correct horse battery staple", new PasswordHash(REFERENCE_TWO_LANES))).isFalse();
    }

    @Test
    @DisplayName("S4: passwords are hashed as UTF-8, as the reference implementation reads them")
    void utf8() {
      assertThat(OWASP.verify("Grüße aus Köln 🎉 und Zürich", new PasswordHash(REFERENCE_UNICODE))).isTrue();
      assertThat(OWASP.verify("Grusse aus Koln 🎉 und Zurich", new PasswordHash(REFERENCE_UNICODE))).isFalse();
    }
  }

  @Nested
  @DisplayName("S4: malformed hashes")
  class Malformed {

    @ParameterizedTest
    @ValueSource(strings = {
        "$",
        "$argon2id$",
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
        "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$F0iKBE6qhDW05Qg199W35oMo+BGqMDM3gptOc1yiYRM",
        "$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$F0iKBE6qhDW05Qg199W35oMo+BGqMDM3gptOc1yiYRM",
        "$argon2id$v=19$m=19456,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$F0iKBE6qhDW05Qg199W35oMo+BGqMDM3gptOc1yiYRM",
        "$argon2id$v=19$m=19456,t=2,p=0$c29tZXNhbHRzb21lc2FsdA$F0iKBE6qhDW05Qg199W35oMo+BGqMDM3gptOc1yiYRM",
        "$argon2id$v=19$m=7,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$F0iKBE6qhDW05Qg199W35oMo+BGqMDM3gptOc1yiYRM",
        "$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$F0iKBE6qhDW05Qg199W35oMo+BGqMDM3gptOc1yiYRM",
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2Fsd$F0iKBE6qhDW05Qg199W35oMo+BGqMDM3gptOc1yiYRM",
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$F0iKBE6qhDW05Qg199W35oMo+BGqMDM3gptOc1yiY",
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA==$F0iKBE6qhDW05Qg199W35oMo+BGqMDM3gptOc1yiYRM",
        "$argon2id$v=19$m=19456,t=2,p=1$c29t-XNhbHRzb21lc2FsdA$F0iKBE6qhDW05Qg199W35oMo+BGqMDM3gptOc1yiYRM",
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$F0iKBE6qhDW05Qg199W35oMo+BGqMDM3gptOc1yiYRM$",
        "$argon2id$v=19$m=19456,t=2,p=1,keyid=x$c29tZXNhbHRzb21lc2FsdA$F0iKBE6qhDW05Qg199W35oMo+BGqMDM3gptOc1yiYRM",
        "$argon2id$v=19$m=-1,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$F0iKBE6qhDW05Qg199W35oMo+BGqMDM3gptOc1yiYRM",
    })
    @DisplayName("S4: a malformed or foreign PHC string verifies false and never throws")
    void verifyFalse(String phc) {
      PasswordHash hash = new PasswordHash(phc);

      assertThatCode(() -> assertThat(OWASP.verify("correct horse battery staple", hash)).isFalse())
          .doesNotThrowAnyException();
      assertThat(OWASP.needsRehash(hash)).isTrue();
    }
  }
}
