package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.secret.Token;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.member.SignInResult;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.store.PasswordHash;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Signing in (S4, U1): one answer for every failure, never truncated, re-hashed when parameters rise. */
@DisplayName("Signing in (S4)")
class SignInTest {
  private final RulesFixture f = new RulesFixture();

  @BeforeEach
  void acme() {
    f.createAcme();
  }

  private PasswordHash storedHash(String email) {
    return f.store.inTransaction(tx -> tx.users().findByEmail(EmailAddress.parse(email))).orElseThrow().passwordHash();
  }

  @Test
  @DisplayName("S4: the right address and password sign in; the address is matched case-insensitively")
  void signsIn() {
    assertThat(f.kit.users().signIn("ADA@Acme.com", Password.of(RulesFixture.PASSWORD)))
        .isEqualTo(new SignInResult.SignedIn(f.ada()));
  }

  @Test
  @DisplayName("S4: a wrong password, an unknown address and a malformed address get one and the same answer")
  void oneAnswerForEveryFailure() {
    SignInResult wrong = f.kit.users().signIn(RulesFixture.ADA_EMAIL, Password.of(RulesFixture.PASSWORD + "x"));
    SignInResult unknown = f.kit.users().signIn("nobody@acme.com", Password.of(RulesFixture.PASSWORD));
    SignInResult malformed = f.kit.users().signIn("not an address\r\n", Password.of(RulesFixture.PASSWORD));

    assertThat(wrong).isInstanceOf(SignInResult.Refused.class).isEqualTo(unknown).isEqualTo(malformed);
    assertThat(wrong.toString()).isEqualTo(unknown.toString());
  }

  @Test
  @DisplayName("S4: a password is never truncated: 256 code points sign in, the same with more after it does not")
  void neverTruncated() {
    String longest = longPassword(256);
    f.invite(f.adaId(), "bob@acme.com");
    SignupResult joined = f.kit.signup().createAccount(new SignupRequest(Token.of(f.tokenFor("bob@acme.com")),
        RulesFixture.ADULT_BIRTH_DATE, "Bob", "Stone", Password.of(longest), Password.of(longest)));
    assertThat(joined).isInstanceOf(SignupResult.Joined.class);

    assertThat(f.kit.users().signIn("bob@acme.com", Password.of(longest))).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(f.kit.users().signIn("bob@acme.com", Password.of(longest + "x"))).isInstanceOf(SignInResult.Refused.class);
    assertThat(f.kit.users().signIn("bob@acme.com", Password.of(longest + "🦜".repeat(10_000))))
        .isInstanceOf(SignInResult.Refused.class);
  }

  /** A password of exactly {@code n} code points, some outside the BMP, free of Bob's names. */
  private static String longPassword(int n) {
    StringBuilder b = new StringBuilder();
    String[] parts = {"🦜", "q", "w", "7", " ", "ü", "z", "x"};
    for (int i = 0; i < n; i++) {
      b.append(parts[(i * 5 + i / 8) % parts.length]);
    }
    return b.toString();
  }

  @Test
  @DisplayName("S4: at sign-up a password over 256 code points is refused as too long, not cut")
  void signupRefusesOverMaximum() {
    f.invite(f.adaId(), "bob@acme.com");
    String over = longPassword(257);
    SignupResult result = f.kit.signup().createAccount(new SignupRequest(Token.of(f.tokenFor("bob@acme.com")),
        RulesFixture.ADULT_BIRTH_DATE, "Bob", "Stone", Password.of(over), Password.of(over)));
    assertThat(result).isInstanceOfSatisfying(SignupResult.Invalid.class, invalid -> assertThat(invalid.problems())
        .extracting(FieldProblem::code).contains(FieldProblem.Code.TOO_LONG));
  }

  @Test
  @DisplayName("S4: the password is NFKC-normalized at sign-in as at sign-up")
  void normalized() {
    String fullwidth = "ｃｏｒｒｅｃｔ horse battery staple, 7 violet kiwis";
    assertThat(f.kit.users().signIn(RulesFixture.ADA_EMAIL, Password.of(fullwidth))).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  @DisplayName("S4: when the configured parameters rise, a successful sign-in re-hashes and stores the stronger hash; "
      + "a failed one changes nothing")
  void rehashesWhenParametersRise() {
    PasswordHash weak = storedHash(RulesFixture.ADA_EMAIL);
    assertThat(weak.phc()).startsWith("$argon2id$v=19$m=256,t=1,p=1$");
    Invitekit stronger = f.anotherNode(b -> b.passwordHashing(PasswordHashing.owasp()));

    assertThat(stronger.users().signIn(RulesFixture.ADA_EMAIL, Password.of("wrong password entirely")))
        .isInstanceOf(SignInResult.Refused.class);
    assertThat(storedHash(RulesFixture.ADA_EMAIL)).isEqualTo(weak);

    assertThat(stronger.users().signIn(RulesFixture.ADA_EMAIL, Password.of(RulesFixture.PASSWORD)))
        .isInstanceOf(SignInResult.SignedIn.class);
    PasswordHash rehashed = storedHash(RulesFixture.ADA_EMAIL);
    assertThat(rehashed.phc()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");

    // The old node still verifies the new hash, and does not weaken it again.
    assertThat(f.kit.users().signIn(RulesFixture.ADA_EMAIL, Password.of(RulesFixture.PASSWORD))).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(storedHash(RulesFixture.ADA_EMAIL)).isEqualTo(rehashed);
  }
}
