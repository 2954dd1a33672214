package dev.invitekit.rules;

import static dev.invitekit.rules.RulesFixture.ADA_EMAIL;
import static dev.invitekit.rules.RulesFixture.ADULT_BIRTH_DATE;
import static dev.invitekit.rules.RulesFixture.PASSWORD;
import static dev.invitekit.rules.RulesFixture.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import dev.invitekit.Invitekit;
import dev.invitekit.secret.Password;
import dev.invitekit.secret.PasswordHashing;
import dev.invitekit.error.StoreException;
import dev.invitekit.secret.Token;
import dev.invitekit.account.AccountCreation;
import dev.invitekit.account.FounderConfirmation;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationChange;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.member.Membership;
import dev.invitekit.member.Role;
import dev.invitekit.member.User;
import dev.invitekit.id.UserId;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import dev.invitekit.signup.InvitationPreview;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.signup.TokenStatus;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.InvitationStore;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredUser;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour of sign-up from an invitation through the public facade (S1–S6), on the in-memory store. */
@DisplayName("Sign-up (S1–S6)")
class SignupRulesTest {
  private static final String CARL = "carl@acme.com";

  private RulesFixture fx;
  private UserId ada;
  private AccountId acme;

  @BeforeEach
  void acme() {
    start(new RulesFixture());
  }

  /** Uses {@code fixture}, with Acme created in it. */
  private void start(RulesFixture fixture) {
    fx = fixture;
    fx.createAcme();
    ada = fx.adaId();
    acme = fx.acmeId();
  }

  /** A fresh fixture with other builder settings, Acme created. */
  private void startWith(Consumer<Invitekit.Builder> settings) {
    start(new RulesFixture(settings));
  }

  /** Ada invites the address (co-worker or guest by domain); returns the mailed token. */
  private String invite(String address) {
    assertThat(fx.invite(ada, address).outcomes()).singleElement().isInstanceOf(AddressOutcome.Invited.class);
    return fx.tokenFor(address);
  }

  private InvitationId invitationIdOf(String address) {
    return invitationOf(address).id();
  }

  private Invitation invitationOf(String address) {
    EmailAddress email = EmailAddress.parse(address);
    return fx.kit.invitations().list(ada, acme).stream().filter(i -> i.email().equals(email)).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no invitation to " + address));
  }

  private SignupResult signUp(String token, LocalDate birthDate, String first, String last, String password,
      String confirmation) {
    return fx.kit.signup().createAccount(new SignupRequest(Token.of(token), birthDate, first, last, Password.of(password), Password.of(confirmation)));
  }

  private SignupResult signUp(String token, String first, String last, String password) {
    return signUp(token, ADULT_BIRTH_DATE, first, last, password, password);
  }

  private SignupResult signUpBornOn(String token, LocalDate birthDate) {
    return signUp(token, birthDate, "Carl", "Lind", PASSWORD, PASSWORD);
  }

  private static SignupResult.Joined joined(SignupResult result) {
    assertThat(result).isInstanceOf(SignupResult.Joined.class);
    return (SignupResult.Joined) result;
  }

  private static List<FieldProblem> problems(SignupResult result) {
    assertThat(result).isInstanceOf(SignupResult.Invalid.class);
    List<FieldProblem> problems = ((SignupResult.Invalid) result).problems();
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).isNotBlank());
    return problems;
  }

  /** The result is Invalid with exactly these (field, code) problems. */
  private static void assertProblems(SignupResult result, Object[]... fieldsAndCodes) {
    assertThat(problems(result)).extracting(FieldProblem::field, FieldProblem::code)
        .containsExactlyInAnyOrder(Arrays.stream(fieldsAndCodes).map(fc -> tuple(fc[0], fc[1]))
            .toArray(Tuple[]::new));
  }

  private static Object[] problem(Field field, Code code) {
    return new Object[] {field, code};
  }

  private StoredUser storedUser(String address) {
    return fx.store.inTransaction(tx -> tx.users().findByEmail(EmailAddress.parse(address))).orElseThrow();
  }

  private boolean hasIdentity(String address) {
    return fx.store.inTransaction(tx -> tx.users().findByEmail(EmailAddress.parse(address))).isPresent();
  }

  @Nested
  @DisplayName("S1: previewing an invitation")
  class Preview {

    @Test
    @DisplayName("S1: a valid token previews the account name, the inviter's name and address and the invited address")
    void validToken() {
      assertThat(fx.invite(ada, "Carl Lind <carl@acme.com>").outcomes()).singleElement()
          .isInstanceOf(AddressOutcome.Invited.class);

      PreviewResult result = fx.kit.signup().preview(Token.of(fx.tokenFor(CARL)));

      assertThat(result).isEqualTo(new PreviewResult.Valid(new InvitationPreview("Acme", "Ada Admin",
          EmailAddress.parse(ADA_EMAIL), EmailAddress.parse(CARL), Role.COWORKER, START.plus(Duration.ofDays(7)))));
    }

    @Test
    @DisplayName("S1, I9: previewing changes nothing; the token still signs up afterwards")
    void previewChangesNothing() {
      String token = invite(CARL);
      Invitation before = invitationOf(CARL);

      fx.advance(Duration.ofMinutes(5));
      PreviewResult first = fx.kit.signup().preview(Token.of(token));
      PreviewResult second = fx.kit.signup().preview(Token.of(token));

      assertThat(second).isEqualTo(first).isInstanceOf(PreviewResult.Valid.class);
      assertThat(invitationOf(CARL)).isEqualTo(before);
      joined(signUp(token, "Carl", "Lind", PASSWORD));
    }

    @Test
    @DisplayName("S1: an unknown or malformed token is UNKNOWN, with what to do")
    void unknownToken() {
      invite(CARL);
      assertUnusable("A".repeat(43), TokenStatus.UNKNOWN);
      assertUnusable("not a token", TokenStatus.UNKNOWN);
      assertUnusable("", TokenStatus.UNKNOWN);
    }

    @Test
    @DisplayName("S1, I7: a token replaced by a re-send is SUPERSEDED (issue 9 item 6); the new one is valid")
    void replacedToken() {
      String old = invite(CARL);

      assertThat(fx.kit.invitations().resend(ada, acme, invitationIdOf(CARL)))
          .isInstanceOf(InvitationChange.Changed.class);

      assertUnusable(old, TokenStatus.SUPERSEDED);
      assertThat(fx.kit.signup().preview(Token.of(fx.tokenFor(CARL)))).isInstanceOf(PreviewResult.Valid.class);
    }

    @Test
    @DisplayName("S1: once its lifetime has run out (clock advanced 7 days) a token is EXPIRED, not a second before")
    void expiredToken() {
      String token = invite(CARL);

      fx.advance(Duration.ofDays(7).minusSeconds(1));
      assertThat(fx.kit.signup().preview(Token.of(token))).isInstanceOf(PreviewResult.Valid.class);

      fx.advance(Duration.ofSeconds(1));
      assertUnusable(token, TokenStatus.EXPIRED);
    }

    @Test
    @DisplayName("S1: a revoked invitation's token is REVOKED")
    void revokedToken() {
      String token = invite(CARL);

      assertThat(fx.kit.invitations().revoke(ada, acme, invitationIdOf(CARL)))
          .isInstanceOf(InvitationChange.Changed.class);

      assertUnusable(token, TokenStatus.REVOKED);
    }

    @Test
    @DisplayName("S1: an already-used token is ALREADY_USED (sign in instead)")
    void alreadyUsedToken() {
      String token = invite(CARL);
      joined(signUp(token, "Carl", "Lind", PASSWORD));

      assertUnusable(token, TokenStatus.ALREADY_USED);
      assertThat(fx.kit.signup().join(Token.of(token), storedUser(CARL).user().id()))
          .isEqualTo(new SignupResult.Unusable(TokenStatus.ALREADY_USED));
    }

    @Test
    @DisplayName("S1, I11: a declined invitation's token is DECLINED")
    void declinedToken() {
      String token = invite(CARL);

      assertThat(fx.kit.signup().decline(Token.of(token))).isInstanceOf(PreviewResult.Valid.class);

      assertUnusable(token, TokenStatus.DECLINED);
      assertThat(invitationOf(CARL).state()).isEqualTo(InvitationState.DECLINED);
    }

    @Test
    @DisplayName("S1: every token status has its own sentence saying what to do next")
    void everyStatusSaysWhatToDo() {
      assertThat(TokenStatus.values()).allSatisfy(s -> assertThat(s.whatToDo()).isNotBlank());
      assertThat(Arrays.stream(TokenStatus.values()).map(TokenStatus::whatToDo).distinct())
          .hasSize(TokenStatus.values().length);
      assertThat(TokenStatus.ALREADY_USED.whatToDo()).containsIgnoringCase("sign in");
    }

    /** Preview and sign-up both answer {@code status}, and nothing is created. */
    private void assertUnusable(String token, TokenStatus status) {
      assertThat(fx.kit.signup().preview(Token.of(token))).isEqualTo(new PreviewResult.Unusable(status));
      assertThat(status.whatToDo()).isNotBlank();
      int members = fx.kit.trusted().members(acme).size();
      assertThat(signUp(token, "Dora", "Lee", PASSWORD)).isEqualTo(new SignupResult.Unusable(status));
      assertThat(fx.kit.trusted().members(acme)).hasSize(members);
    }
  }

  @Nested
  @DisplayName("S2: age check")
  class AgeCheck {

    @Test
    @DisplayName("S2: someone whose 16th birthday is today may sign up")
    void sixteenToday() {
      String token = invite(CARL);

      SignupResult.Joined joined = joined(signUpBornOn(token, LocalDate.of(2009, 3, 10)));

      assertThat(joined.user().ageVerifiedAt()).isEqualTo(START);
    }

    @Test
    @DisplayName("S2: one day short of 16 is TOO_YOUNG, and the invitation is then LOCKED against another date")
    void oneDayShortLocks() {
      String token = invite(CARL);

      assertProblems(signUpBornOn(token, LocalDate.of(2009, 3, 11)), problem(Field.BIRTH_DATE, Code.TOO_YOUNG));

      assertThat(signUpBornOn(token, ADULT_BIRTH_DATE)).isEqualTo(new SignupResult.Unusable(TokenStatus.LOCKED));
      assertThat(fx.kit.signup().preview(Token.of(token))).isEqualTo(new PreviewResult.Unusable(TokenStatus.LOCKED));
      assertThat(TokenStatus.LOCKED.whatToDo()).isNotBlank();
      assertThat(invitationOf(CARL).ageCheckLocked()).isTrue();
      assertThat(hasIdentity(CARL)).isFalse();
      assertThat(fx.kit.trusted().members(acme)).hasSize(1);
    }

    @Test
    @DisplayName("S2, I7: a re-send issues a fresh token but does not lift the lock")
    void resendKeepsTheLock() {
      String token = invite(CARL);
      assertProblems(signUpBornOn(token, LocalDate.of(2009, 3, 11)), problem(Field.BIRTH_DATE, Code.TOO_YOUNG));

      assertThat(fx.kit.invitations().resend(ada, acme, invitationIdOf(CARL)))
          .isInstanceOf(InvitationChange.Changed.class);
      String fresh = fx.tokenFor(CARL);

      assertThat(fresh).isNotEqualTo(token);
      assertThat(signUpBornOn(fresh, ADULT_BIRTH_DATE)).isEqualTo(new SignupResult.Unusable(TokenStatus.LOCKED));
      assertThat(hasIdentity(CARL)).isFalse();
    }

    @Test
    @DisplayName("S2: a date in the future is DATE_IN_FUTURE and does not lock the invitation")
    void futureDate() {
      String token = invite(CARL);

      assertProblems(signUpBornOn(token, LocalDate.of(2025, 3, 11)), problem(Field.BIRTH_DATE, Code.DATE_IN_FUTURE));

      assertThat(invitationOf(CARL).ageCheckLocked()).isFalse();
      joined(signUpBornOn(token, ADULT_BIRTH_DATE));
    }

    @Test
    @DisplayName("S2: an implausibly early date is DATE_IMPLAUSIBLE and does not lock the invitation")
    void implausibleDate() {
      String token = invite(CARL);

      assertProblems(signUpBornOn(token, LocalDate.of(1801, 1, 1)), problem(Field.BIRTH_DATE, Code.DATE_IMPLAUSIBLE));

      joined(signUpBornOn(token, ADULT_BIRTH_DATE));
    }

    @Test
    @DisplayName("S2: born on 29 February 2008: too young on 28 February 2024, 16 on 29 February 2024")
    void leapDayBirthInALeapYear() {
      RulesFixture leap = new RulesFixture();
      leap.clock.set(Instant.parse("2024-02-28T12:00:00Z"));
      start(leap);
      LocalDate leapDay = LocalDate.of(2008, 2, 29);

      assertProblems(signUpBornOn(invite(CARL), leapDay), problem(Field.BIRTH_DATE, Code.TOO_YOUNG));

      fx.advance(Duration.ofDays(1));
      joined(signUp(invite("dora@acme.com"), leapDay, "Dora", "Lee", PASSWORD, PASSWORD));
    }

    @Test
    @DisplayName("S2: born on 29 February 2084, one is 16 on 28 February 2100, a common year, not the day before")
    void leapDayBirthInACommonYear() {
      RulesFixture common = new RulesFixture();
      common.clock.set(Instant.parse("2100-02-27T12:00:00Z"));
      start(common);
      LocalDate leapDay = LocalDate.of(2084, 2, 29);

      assertProblems(signUpBornOn(invite(CARL), leapDay), problem(Field.BIRTH_DATE, Code.TOO_YOUNG));

      fx.advance(Duration.ofDays(1));
      joined(signUp(invite("dora@acme.com"), leapDay, "Dora", "Lee", PASSWORD, PASSWORD));
    }

    @Test
    @DisplayName("S2: 'today' is the injected clock's date in the configured zone: at 11:00 UTC on 10 March it is "
        + "already 11 March in Pacific/Kiritimati")
    void zoneDecidesToday() {
      LocalDate sixteenOnMarch11 = LocalDate.of(2009, 3, 11);
      Instant lateMorningUtc = Instant.parse("2025-03-10T11:00:00Z");

      start(new RulesFixture());
      fx.clock.set(lateMorningUtc);
      assertProblems(signUpBornOn(invite(CARL), sixteenOnMarch11), problem(Field.BIRTH_DATE, Code.TOO_YOUNG));

      startWith(builder -> builder.zone(ZoneId.of("Pacific/Kiritimati")));
      fx.clock.set(lateMorningUtc);
      SignupResult.Joined joined = joined(signUpBornOn(invite(CARL), sixteenOnMarch11));
      assertThat(joined.user().ageVerifiedAt()).isEqualTo(lateMorningUtc);
    }
  }

  @Nested
  @DisplayName("S3: names")
  class Names {

    @Test
    @DisplayName("S3: names are trimmed and NFC-normalized")
    void trimmedAndNfc() {
      String decomposed = "Zoe\u0301";

      User user = joined(signUp(invite(CARL), "  " + decomposed + "  ", "\u2003Lind ", PASSWORD)).user();

      assertThat(user.firstName()).isEqualTo("Zo\u00e9").hasSize(3);
      assertThat(Normalizer.isNormalized(user.firstName(), Normalizer.Form.NFC)).isTrue();
      assertThat(user.lastName()).isEqualTo("Lind");
    }

    @Test
    @DisplayName("S3: no-break spaces around a name are trimmed like any other space")
    void noBreakSpacesTrimmed() {
      User user = joined(signUp(invite(CARL), "\u00A0Carl\u202F", " Lind\u00A0\u2007", PASSWORD)).user();

      assertThat(user.firstName()).isEqualTo("Carl");
      assertThat(user.lastName()).isEqualTo("Lind");
    }

    @ParameterizedTest(name = "S3: invisible name #{index} is REQUIRED")
    @ValueSource(strings = {"\u00A0", "\u202F\u2007", "\u200B", "\u2060\u00A0", "\u3000\u200B "})
    @DisplayName("S3: a name of nothing but no-break, ideographic or zero-width spaces is missing (REQUIRED)")
    void invisibleNameIsMissing(String name) {
      String token = invite(CARL);

      assertProblems(signUp(token, name, "Lind", PASSWORD), problem(Field.FIRST_NAME, Code.REQUIRED));
      assertProblems(signUp(token, "Carl", name, PASSWORD), problem(Field.LAST_NAME, Code.REQUIRED));
      assertThat(hasIdentity(CARL)).isFalse();
    }

    @ParameterizedTest(name = "S3: \"{0}\" is refused")
    @ValueSource(strings = {"Ca\u0000rl", "Car\u0007l", "Ca\nrl", "Carl\u001B[31m", "\u202Eldnil", "Carl\u2066x"})
    @DisplayName("S3: control and bidi-override characters are refused (CONTROL_CHARACTERS)")
    void controlCharactersRefused(String name) {
      String token = invite(CARL);

      assertProblems(signUp(token, name, "Lind", PASSWORD), problem(Field.FIRST_NAME, Code.CONTROL_CHARACTERS));
      assertProblems(signUp(token, "Carl", name, PASSWORD), problem(Field.LAST_NAME, Code.CONTROL_CHARACTERS));
    }

    @Test
    @DisplayName("S3: names are required")
    void required() {
      assertProblems(signUp(invite(CARL), " \t ", "", PASSWORD),
          problem(Field.FIRST_NAME, Code.REQUIRED), problem(Field.LAST_NAME, Code.REQUIRED));
    }

    @Test
    @DisplayName("S3: 101 characters are refused (TOO_LONG); 100 are fine, counted as characters, not UTF-16 units")
    void atMostOneHundredCharacters() {
      String token = invite(CARL);

      assertProblems(signUp(token, "Carl", "Ж".repeat(101), PASSWORD), problem(Field.LAST_NAME, Code.TOO_LONG));
      assertProblems(signUp(token, "x".repeat(101), "Lind", PASSWORD), problem(Field.FIRST_NAME, Code.TOO_LONG));

      String hundredMathLetters = "\uD835\uDC9C".repeat(100);
      User user = joined(signUp(token, hundredMathLetters, "Ж".repeat(100), PASSWORD)).user();
      assertThat(user.firstName()).isEqualTo(hundredMathLetters);
      assertThat(user.lastName()).hasSize(100);
    }

    @ParameterizedTest(name = "S3: {0} {1}")
    @CsvSource({
        "李, 小龙",
        "Ольга, Смирнова",
        "فاطمة, الزهراء",
        "अनन्या, शर्मा",
        "Nguyễn, Thị Minh",
        "Siobhán, Ó Briain",
        "Γιώργος, Παπαδόπουλος",
        "ʻIolani, Kealoha",
    })
    @DisplayName("S3: any script is welcome")
    void anyScript(String first, String last) {
      User user = joined(signUp(invite(CARL), first, last, PASSWORD)).user();

      assertThat(user.firstName()).isEqualTo(Normalizer.normalize(first, Normalizer.Form.NFC));
      assertThat(user.lastName()).isEqualTo(Normalizer.normalize(last, Normalizer.Form.NFC));
    }
  }

  @Nested
  @DisplayName("S4: passwords")
  class Passwords {

    @Test
    @DisplayName("S4: at least 15 characters by default: 14 is TOO_SHORT, 15 is fine")
    void fifteenCharacterMinimum() {
      String token = invite(CARL);

      assertProblems(signUp(token, "Carl", "Lind", "plum-violin-7z"), problem(Field.PASSWORD, Code.TOO_SHORT));

      joined(signUp(token, "Carl", "Lind", "plum-violin-7zq"));
    }

    @Test
    @DisplayName("S4: every Unicode character counts as one: 14 emoji are too short, 15 are fine")
    void charactersNotUtf16Units() {
      String token = invite(CARL);
      String fifteen = "🦊🐙🦉🐢🦔🐝🦋🐌🐞🦀🐡🦜🦩🦚🦥";
      String fourteen = fifteen.substring(0, fifteen.offsetByCodePoints(0, 14));
      assertThat(fifteen.codePointCount(0, fifteen.length())).isEqualTo(15);
      assertThat(fourteen.length()).as("UTF-16 units").isEqualTo(28);

      assertProblems(signUp(token, "Carl", "Lind", fourteen), problem(Field.PASSWORD, Code.TOO_SHORT));

      joined(signUp(token, "Carl", "Lind", fifteen));
    }

    @Test
    @DisplayName("S4: a 64-character password is allowed")
    void longPasswordsAllowed() {
      String sixtyFour = "tangerine orbit quietly folds seven paper cranes over lake 20415";
      assertThat(sixtyFour).hasSize(64);

      joined(signUp(invite(CARL), "Carl", "Lind", sixtyFour));
    }

    @ParameterizedTest(name = "S4: \"{0}\" is COMMON_PASSWORD")
    @ValueSource(strings = {"1qaz2wsx3edc4rfv", "1QAZ2WSX3EDC4RFV", "123456789987654321"})
    @DisplayName("S4: a common password is refused, whatever its case")
    void commonPasswordRefused(String common) {
      assertProblems(signUp(invite(CARL), "Carl", "Lind", common), problem(Field.PASSWORD, Code.COMMON_PASSWORD));
    }

    @Test
    @DisplayName("S4: a password containing the email's local part is refused (CONTAINS_EMAIL)")
    void containsEmailLocalPart() {
      String token = invite("carlos@acme.com");

      assertProblems(signUp(token, "Bruno", "Diaz", "my name is CARLOS and I jog"),
          problem(Field.PASSWORD, Code.CONTAINS_EMAIL));
    }

    @Test
    @DisplayName("S4: a password containing the person's first or last name is refused (CONTAINS_NAME)")
    void containsName() {
      String token = invite("kd@acme.com");

      assertProblems(signUp(token, "Bruno", "Diaz", "Bruno rides a green tandem"),
          problem(Field.PASSWORD, Code.CONTAINS_NAME));
      assertProblems(signUp(token, "Bruno", "Diaz", "a green tandem for mr diaz"),
          problem(Field.PASSWORD, Code.CONTAINS_NAME));
    }

    @Test
    @DisplayName("S4: the confirmation must match (MISMATCH on the confirmation field only)")
    void confirmationMismatch() {
      String token = invite(CARL);

      assertProblems(signUp(token, ADULT_BIRTH_DATE, "Carl", "Lind", PASSWORD, PASSWORD + "!"),
          problem(Field.PASSWORD_CONFIRMATION, Code.MISMATCH));
    }

    @Test
    @DisplayName("S4: passwords are NFKC-normalized before comparing and hashing: full-width and ASCII forms match")
    void nfkc() {
      String fullWidth = "ｐｌｕｍ－ｖｉｏｌｉｎ－７ｚｑ";

      joined(signUp(invite(CARL), ADULT_BIRTH_DATE, "Carl", "Lind", fullWidth, "plum-violin-7zq"));
    }

    @Test
    @DisplayName("S4: an app that enforces a second factor may lower the minimum to 8; without it the builder refuses")
    void secondFactorAllowsEight() {
      assertThatThrownBy(() -> new RulesFixture(b -> b.minimumPasswordLength(8)))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("secondFactorEnforced");
      assertThatThrownBy(() -> Invitekit.builder().minimumPasswordLength(7))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimum password length");

      startWith(b -> b.secondFactorEnforced(true).minimumPasswordLength(8));
      String token = invite(CARL);

      assertProblems(signUp(token, "Carl", "Lind", "kiwi-7z"), problem(Field.PASSWORD, Code.TOO_SHORT));
      joined(signUp(token, "Carl", "Lind", "kiwi-7zq"));
    }

    @Test
    @DisplayName("S4: the stored hash is an Argon2id PHC string with its parameters, never the password")
    void storedHashIsPhcArgon2id() {
      joined(signUp(invite(CARL), "Carl", "Lind", PASSWORD));

      String phc = storedUser(CARL).passwordHash().phc();

      assertThat(phc).matches("\\$argon2id\\$v=19\\$m=256,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}")
          .doesNotContain(PASSWORD);
      assertThat(storedUser(CARL).toString()).doesNotContain(phc);
    }

    @Test
    @DisplayName("S4: by default hashes use OWASP's minimum, m=19456 KiB, t=2, p=1")
    void owaspByDefault() {
      startWith(b -> b.passwordHashing(PasswordHashing.owasp()));

      joined(signUp(invite(CARL), "Carl", "Lind", PASSWORD));

      assertThat(storedUser(CARL).passwordHash().phc()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }
  }

  @Nested
  @DisplayName("S5: all problems at once")
  class AllProblemsAtOnce {

    @Test
    @DisplayName("S5: every problem of the form comes back together, field by field, and nothing is created")
    void everyProblemTogetherNothingCreated() {
      String token = invite(CARL);
      List<Membership> membersBefore = fx.kit.trusted().members(acme);
      fx.mailbox.clear();
      fx.clearEvents();

      SignupResult result = signUp(token, LocalDate.of(2030, 1, 1), "   ", "Li\u0007nd", "short", "shorter");

      assertProblems(result,
          problem(Field.BIRTH_DATE, Code.DATE_IN_FUTURE),
          problem(Field.FIRST_NAME, Code.REQUIRED),
          problem(Field.LAST_NAME, Code.CONTROL_CHARACTERS),
          problem(Field.PASSWORD, Code.TOO_SHORT),
          problem(Field.PASSWORD_CONFIRMATION, Code.MISMATCH));
      assertThat(fx.kit.trusted().members(acme)).isEqualTo(membersBefore);
      Invitation invitation = invitationOf(CARL);
      assertThat(invitation.state()).isEqualTo(InvitationState.PENDING);
      assertThat(invitation.acceptedBy()).isNull();
      assertThat(hasIdentity(CARL)).isFalse();
      assertThat(fx.mailbox.all()).isEmpty();
      assertThat(fx.events()).isEmpty();

      joined(signUp(token, "Carl", "Lind", PASSWORD));
    }
  }

  @Nested
  @DisplayName("S6: joining")
  class Joining {

    @Test
    @DisplayName("S6: a sign-up creates the user and the membership and accepts the invitation")
    void createsUserMembershipAndAccepts() {
      String token = invite(CARL);
      InvitationId invitationId = invitationIdOf(CARL);
      fx.advance(Duration.ofHours(2));
      Instant now = START.plus(Duration.ofHours(2));

      SignupResult.Joined joined = joined(signUp(token, "Carl", "Lind", PASSWORD));

      User carl = joined.user();
      assertThat(carl.email()).isEqualTo(EmailAddress.parse(CARL));
      assertThat(carl.createdAt()).isEqualTo(now);
      assertThat(joined.membership())
          .isEqualTo(new Membership(acme, carl.id(), Role.COWORKER, true, ada, null, now));
      assertThat(fx.kit.trusted().membership(acme, carl.id())).contains(joined.membership());
      assertThat(fx.kit.trusted().user(carl.id())).contains(carl);
      Invitation accepted = invitationOf(CARL);
      assertThat(accepted.state()).isEqualTo(InvitationState.ACCEPTED);
      assertThat(accepted.acceptedBy()).isEqualTo(carl.id());
      assertThat(fx.events(InvitekitEvent.MemberJoined.class)).containsExactly(
          new InvitekitEvent.MemberJoined(now, acme, carl.id(), Role.COWORKER, invitationId, null));
      assertThat(fx.mailbox.to(CARL)).extracting(MailMessage::kind).contains(MailMessage.Kind.WELCOME);
    }

    @Test
    @DisplayName("S6: user, membership and acceptance are one unit of work: when the store fails at the last step, "
        + "none of them remains, and the same token works afterwards")
    void oneUnitOfWork() {
      String token = invite(CARL);
      List<Membership> membersBefore = fx.kit.trusted().members(acme);
      FailingAcceptStore failing = new FailingAcceptStore(fx.store);
      List<InvitekitEvent> events = new CopyOnWriteArrayList<>();
      Invitekit node = fx.builder().store(failing).addListener(RulesFixture.recordingInto(events)).build();

      failing.failing = true;
      assertThatThrownBy(() -> node.signup().createAccount(RulesFixture.signupRequest(token, "Carl", "Lind")))
          .isInstanceOf(StoreException.class);
      failing.failing = false;

      assertThat(hasIdentity(CARL)).as("no user").isFalse();
      assertThat(fx.kit.trusted().members(acme)).as("no membership").isEqualTo(membersBefore);
      assertThat(invitationOf(CARL).state()).as("not accepted").isEqualTo(InvitationState.PENDING);
      assertThat(events).isEmpty();
      joined(node.signup().createAccount(RulesFixture.signupRequest(token, "Carl", "Lind")));
      assertThat(events).hasOnlyElementsOfType(InvitekitEvent.MemberJoined.class).hasSize(1);
    }

    @Test
    @DisplayName("S6: someone who already has an identity cannot create a second one (EMAIL ALREADY_TAKEN), "
        + "joins with it and no second password, and nobody else may use their invitation")
    void existingIdentityJoins() {
      FounderConfirmation.Confirmed globex =
          fx.createProAccount("Globex", "globex.com", "gina@globex.com", "Gina", "Marsh");
      User gina = globex.founder();
      String hashBefore = storedUser("gina@globex.com").passwordHash().phc();
      UserId bob = fx.inviteAndSignUp(ada, "bob@acme.com", "Bob", "Stone").user().id();
      String token = invite("gina@globex.com");

      assertProblems(signUp(token, "Gina", "Marsh", "an entirely different passphrase 42"),
          problem(Field.EMAIL, Code.ALREADY_TAKEN));
      assertThat(invitationOf("gina@globex.com").state()).isEqualTo(InvitationState.PENDING);

      assertThat(fx.kit.signup().join(Token.of(token), bob)).isInstanceOf(SignupResult.NotAllowed.class);
      assertThat(fx.kit.signup().join(Token.of(token), UserId.random())).isInstanceOf(SignupResult.NotAllowed.class);
      assertThat(fx.kit.trusted().membership(acme, bob).orElseThrow().role()).isEqualTo(Role.COWORKER);
      assertThat(invitationOf("gina@globex.com").state()).isEqualTo(InvitationState.PENDING);

      SignupResult.Joined joined = joined(fx.kit.signup().join(Token.of(token), gina.id()));

      assertThat(joined.user()).isEqualTo(gina);
      assertThat(joined.membership().role()).isEqualTo(Role.GUEST);
      assertThat(fx.kit.trusted().membership(acme, gina.id())).contains(joined.membership());
      assertThat(fx.kit.trusted().membership(globex.account().id(), gina.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
      assertThat(storedUser("gina@globex.com").passwordHash().phc()).as("no second password").isEqualTo(hashBefore);
      assertThat(invitationOf("gina@globex.com").acceptedBy()).isEqualTo(gina.id());
      assertThat(fx.kit.signup().join(Token.of(token), gina.id())).isEqualTo(new SignupResult.Unusable(TokenStatus.ALREADY_USED));
    }
  }

  /**
   * A store whose units of work fail, while {@link #failing} is set, at the step that marks an invitation
   * accepted: the last step of S6, after the user and the membership were written in the same unit.
   */
  private static final class FailingAcceptStore implements Store {
    private final Store real;
    volatile boolean failing;

    FailingAcceptStore(Store real) {
      this.real = real;
    }

    @Override
    public <T> T inTransaction(Function<StoreTransaction, T> work) {
      return real.inTransaction(tx -> work.apply(failing ? failOnAccept(tx) : tx));
    }

    private static StoreTransaction failOnAccept(StoreTransaction tx) {
      InvitationStore invitations = mock(InvitationStore.class, delegatesTo(tx.invitations()));
      doThrow(new IllegalStateException("simulated store failure"))
          .when(invitations).update(any(), eq(InvitationState.PENDING));
      StoreTransaction seam = mock(StoreTransaction.class, delegatesTo(tx));
      doReturn(invitations).when(seam).invitations();
      return seam;
    }
  }
}
