package dev.invitekit.internal.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.spi.store.PasswordHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S4: Invitekit's Argon2id hashes verify with an independent implementation, the reference C {@code argon2}
 * command (Debian package {@code argon2}), and Invitekit verifies the hashes it produces. .ci/run installs
 * it; without it these tests are skipped with a message, except under {@code CI=true}, where a missing tool
 * fails them, so CI can never pass without having checked.
 */
@DisplayName("S4: Argon2id hashes interoperate with the reference implementation")
class Argon2InteropTest {
  private static final Path ARGON2 = Path.of("/usr/bin/argon2");

  @BeforeAll
  static void tool() {
    boolean present = Files.isExecutable(ARGON2);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI=true but " + ARGON2 + " is missing: .ci/run must install Debian's argon2 package");
    }
    assumeTrue(present, "skipped: the reference argon2 command is not installed (apt-get install argon2)");
  }

  /** A CSPRNG stand-in that yields lower-case letters, so the salt can be passed to the command as text. */
  private static final class LetterSalts extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final SecureRandom real = new SecureRandom();

    @Override
    public void nextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) ('a' + real.nextInt(26));
      }
    }
  }

  /** Runs the reference command on the password's UTF-8 bytes; returns its encoded (PHC) hash. */
  private static String reference(String password, String salt, int memoryKib, int iterations, int parallelism)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of(ARGON2.toString(), salt, "-id", "-t", String.valueOf(iterations),
        "-k", String.valueOf(memoryKib), "-p", String.valueOf(parallelism), "-l", "32", "-e"))
        .redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(password.getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream stdout = process.getInputStream()) {
      stdout.transferTo(out);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("argon2 said: %s", out).isZero();
    return out.toString(StandardCharsets.US_ASCII).strip();
  }

  private static String saltOf(PasswordHash hash) {
    String b64 = hash.phc().split("\\$")[4];
    return new String(java.util.Base64.getDecoder().decode(b64), StandardCharsets.US_ASCII);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"correct horse battery staple, 7 violet kiwis", "pässwörd mit Umlauten und ß",
      "пароль из нескольких слов", "🔑 emoji and ｆｕｌｌｗｉｄｔｈ", "trailing space "})
  @DisplayName("S4: a hash Invitekit makes at OWASP's parameters is byte for byte the reference's hash")
  void ourHashesVerifyWithTheReference(String raw) throws Exception {
    String password = Normalizer.normalize(raw, Normalizer.Form.NFKC);
    Argon2idHasher hasher = new Argon2idHasher(PasswordHashing.owasp(), new LetterSalts());
    PasswordHash ours = hasher.hash(password);

    String theirs = reference(password, saltOf(ours), 19456, 2, 1);

    assertThat(ours.phc()).isEqualTo(theirs);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"AUTO", "NATIVE", "PURE_JAVA"})
  @DisplayName("S4: every Argon2id implementation Invitekit can choose writes the reference's hash")
  void everyImplementationWritesTheReferenceHash(PasswordHashing.Implementation implementation) throws Exception {
    if (implementation == PasswordHashing.Implementation.NATIVE) {
      assumeTrue(Argon2Engines.nativeUnavailableReason().isEmpty(), "skipped: the native Argon2id is not available");
    }
    String password = "pässwörd for every engine";
    Argon2idHasher hasher =
        new Argon2idHasher(PasswordHashing.owasp().withImplementation(implementation), new LetterSalts());
    PasswordHash ours = hasher.hash(password);

    assertThat(ours.phc()).isEqualTo(reference(password, saltOf(ours), 19456, 2, 1));
  }

  @ParameterizedTest(name = "m={0}")
  @ValueSource(ints = {19456, 47104, 65536})
  @DisplayName("S4: Invitekit verifies hashes the reference makes, at several parameters, and knows when to re-hash")
  void referenceHashesVerifyWithUs(int memoryKib) throws Exception {
    String password = "lantern meadow pebble über";
    String theirs = reference(password, "referencesalt123", memoryKib, 2, 1);
    Argon2idHasher hasher = new Argon2idHasher(PasswordHashing.owasp(), new SecureRandom());

    assertThat(hasher.verify(password, new PasswordHash(theirs))).isTrue();
    assertThat(hasher.verify(password + "!", new PasswordHash(theirs))).isFalse();
    assertThat(hasher.needsRehash(new PasswordHash(theirs))).isFalse();
    Argon2idHasher stronger = new Argon2idHasher(PasswordHashing.argon2id(65536 + 1024, 3, 1), new SecureRandom());
    assertThat(stronger.needsRehash(new PasswordHash(theirs))).isTrue();
  }
}
