package dev.invitekit.internal.signup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Password rules of S4 (NIST SP 800-63B rev. 4) and S5's "all problems together". */
@DisplayName("S4: passwords")
class PasswordRuleTest {

  private static final EmailAddress EMAIL = EmailAddress.parse("maximilian@example.com");
  private static final List<String> NAMES = List.of("Bartholomew", "Okonkwo");
  /** Fifteen lower-case letters, in no dictionary: passes with no composition rules. */
  private static final String GOOD = "lanternmeadowpebble";

  private final FormRules rules = new FormRules(15);
  private final List<FieldProblem> problems = new ArrayList<>();

  private String check(FormRules withRules, String password) {
    return withRules.password(password, password, EMAIL, NAMES, problems);
  }

  private String check(String password) {
    return check(rules, password);
  }

  private List<Code> codes() {
    return problems.stream().map(FieldProblem::code).toList();
  }

  @Nested
  @DisplayName("S4: length")
  class Length {

    @Test
    @DisplayName("S4: 14 CJK characters are refused TOO_SHORT, 15 accepted")
    void cjk() {
      assertThat(check("漢字仮名交じり文の例です本")).isNull();
      assertThat("漢字仮名交じり文の例です本").hasSize(13);
      problems.clear();
      assertThat(check("漢字仮名交じり文の例です本日")).isNull();
      assertThat(codes()).containsExactly(Code.TOO_SHORT);
      problems.clear();

      String fifteen = "漢字仮名交じり文の例です本日晴";
      assertThat(check(fifteen)).isEqualTo(fifteen);
      assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("S4: 14 emoji (28 chars) are refused TOO_SHORT, 15 emoji accepted: each code point counts as one")
    void emoji() {
      String fourteen = "🐱🐶🦊🐻🐼🐨🐯🦁🐮🐷🐸🐵🐔🐧";
      assertThat(fourteen).hasSize(28);

      assertThat(check(fourteen)).isNull();
      assertThat(codes()).containsExactly(Code.TOO_SHORT);
      assertThat(problems.get(0).field()).isEqualTo(Field.PASSWORD);
      assertThat(problems.get(0).message()).contains("15");
      problems.clear();

      assertThat(check(fourteen + "🐦")).isEqualTo(fourteen + "🐦");
      assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("S4: 15 ASCII characters are accepted, 14 refused")
    void ascii() {
      assertThat(check("lanternmeadowp")).isNull();
      assertThat(codes()).containsExactly(Code.TOO_SHORT);
      problems.clear();
      assertThat(check("lanternmeadowpe")).isEqualTo("lanternmeadowpe");
      assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("S4: 64 characters are allowed, and a 256-character password comes back whole, never truncated")
    void longPasswordsAllowed() {
      String sixtyFour = "the quiet lantern by the meadow counts pebbles until dawn again.";
      assertThat(sixtyFour).hasSize(64);
      String max = (GOOD + " ").repeat(13).substring(0, 255) + "!";
      assertThat(max.codePointCount(0, max.length())).isEqualTo(FormRules.MAX_PASSWORD);

      assertThat(check(sixtyFour)).isEqualTo(sixtyFour);
      assertThat(check(max)).isEqualTo(max);
      assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("S4: over 256 code points is refused TOO_LONG, not silently truncated")
    void overMaximumRefused() {
      String tooLong = "🐱".repeat(257);

      assertThat(check(tooLong)).isNull();
      assertThat(codes()).containsExactly(Code.TOO_LONG);
      assertThat(problems.get(0).message()).contains("256");
      problems.clear();
      // Issue 8.12: 256 identical cats are now refused as a repetition (TOO_WEAK), so the length boundary
      // is shown with a passphrase start followed by cats: 256 code points in all, accepted.
      String twoFiftySix = "quiet harbor lantern 47 kiwis " + "🐱".repeat(226);
      assertThat(twoFiftySix.codePointCount(0, twoFiftySix.length())).isEqualTo(256);
      assertThat(check(twoFiftySix)).isEqualTo(twoFiftySix);
    }

    @Test
    @DisplayName("S4: an app enforcing a second factor may lower the minimum to 8: 8 accepted, 7 refused")
    void eightWithSecondFactor() {
      FormRules eight = new FormRules(8);

      assertThat(check(eight, "zq8#mvLp")).isEqualTo("zq8#mvLp");
      assertThat(problems).isEmpty();
      assertThat(check(eight, "zq8#mvL")).isNull();
      assertThat(codes()).containsExactly(Code.TOO_SHORT);
      assertThat(problems.get(0).message()).contains("8");
    }

    @Test
    @DisplayName("S4: no composition rules: a 15-letter all-lower-case phrase passes")
    void noCompositionRules() {
      assertThat(check("lanternmeadowpe")).isNotNull();
      assertThat(check("quietriverstone")).isNotNull();
      assertThat(problems).isEmpty();
    }
  }

  @Nested
  @DisplayName("S4: NFKC")
  class Normalization {

    @Test
    @DisplayName("S4: fullwidth letters are NFKC-normalized: they equal their ASCII confirmation and come back as ASCII")
    void fullwidthEqualsAscii() {
      String fullwidth = "ｌａｎｔｅｒｎｍｅａｄｏｗｐｅｂｂｌｅ";

      String normalized = rules.password(fullwidth, GOOD, EMAIL, NAMES, problems);

      assertThat(problems).isEmpty();
      assertThat(normalized).isEqualTo(GOOD);
    }

    @Test
    @DisplayName("S4: a decomposed accent and its composed form are the same password")
    void composedAndDecomposed() {
      String composed = "caf\u00e9 lantern meadow";
      String decomposed = "cafe\u0301 lantern meadow";

      assertThat(rules.password(decomposed, composed, EMAIL, NAMES, problems)).isEqualTo(composed);
      assertThat(problems).isEmpty();
    }
  }

  @Nested
  @DisplayName("S4: refused passwords")
  class Refused {

    @ParameterizedTest
    @ValueSource(strings = {"passwordpassword", "qwertyuiopasdfgh", "correcthorsebatterystaple", "QwertyUiopAsdfgh",
        "ｐａｓｓｗｏｒｄｐａｓｓｗｏｒｄ"})
    @DisplayName("S4: a password on nbvcxz's common-password list is refused COMMON_PASSWORD, in any case or width")
    void common(String password) {
      assertThat(check(password)).isNull();

      assertThat(codes()).containsExactly(Code.COMMON_PASSWORD);
    }

    @Test
    @DisplayName("S4: with a minimum of 8, short common passwords such as 12345678 and password are refused")
    void commonShort() {
      FormRules eight = new FormRules(8);

      assertThat(check(eight, "12345678")).isNull();
      assertThat(check(eight, "Password")).isNull();
      assertThat(codes()).containsExactly(Code.COMMON_PASSWORD, Code.COMMON_PASSWORD);
    }

    @Test
    @DisplayName("S4: a password containing the email's local part is refused CONTAINS_EMAIL, in any case")
    void containsEmail() {
      assertThat(check("my name is MAXIMILIAN really")).isNull();

      assertThat(codes()).containsExactly(Code.CONTAINS_EMAIL);
    }

    @Test
    @DisplayName("S4: a password containing the first or last name is refused CONTAINS_NAME")
    void containsName() {
      assertThat(check("greetings bartholomew the great")).isNull();
      assertThat(check("lantern OKONKWO meadow pebble")).isNull();

      assertThat(codes()).containsExactly(Code.CONTAINS_NAME, Code.CONTAINS_NAME);
    }

    @Test
    @DisplayName("S4: a different confirmation is refused MISMATCH on the confirmation field")
    void mismatch() {
      assertThat(rules.password(GOOD, GOOD + "x", EMAIL, NAMES, problems)).isNull();

      assertThat(problems).singleElement().satisfies(p -> {
        assertThat(p.field()).isEqualTo(Field.PASSWORD_CONFIRMATION);
        assertThat(p.code()).isEqualTo(Code.MISMATCH);
      });
    }
  }

  @Test
  @DisplayName("S5: all problems come back together, field by field: age, both names, password and confirmation")
  void allProblemsTogether() {
    FormRules.age(LocalDate.of(2020, 1, 1), LocalDate.of(2025, 1, 1), problems);
    FormRules.name("  ", Field.FIRST_NAME, problems);
    FormRules.name("Lee\u202e", Field.LAST_NAME, problems);
    rules.password("maximilian bartholomew", "something else", EMAIL, NAMES, problems);

    assertThat(problems).extracting(FieldProblem::field, FieldProblem::code).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Field.BIRTH_DATE, Code.TOO_YOUNG),
        org.assertj.core.groups.Tuple.tuple(Field.FIRST_NAME, Code.REQUIRED),
        org.assertj.core.groups.Tuple.tuple(Field.LAST_NAME, Code.CONTROL_CHARACTERS),
        org.assertj.core.groups.Tuple.tuple(Field.PASSWORD, Code.CONTAINS_EMAIL),
        org.assertj.core.groups.Tuple.tuple(Field.PASSWORD, Code.CONTAINS_NAME),
        org.assertj.core.groups.Tuple.tuple(Field.PASSWORD_CONFIRMATION, Code.MISMATCH));
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).isNotBlank());
  }

  @Test
  @DisplayName("S5: a too-short password and a mismatching confirmation are both reported")
  void shortAndMismatch() {
    assertThat(rules.password("short", "shorter", EMAIL, NAMES, problems)).isNull();

    assertThat(codes()).containsExactly(Code.TOO_SHORT, Code.MISMATCH);
  }
}
