package dev.invitekit.internal.signup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** First and last names (S3): required, trimmed, NFC, no control characters, at most 100 code points. */
@DisplayName("S3: names")
class NameRuleTest {

  private final List<FieldProblem> problems = new ArrayList<>();

  private String firstName(String raw) {
    return FormRules.name(raw, Field.FIRST_NAME, problems);
  }

  private List<Code> codes() {
    return problems.stream().map(FieldProblem::code).toList();
  }

  @Test
  @DisplayName("S3: a name is trimmed")
  void trimmed() {
    assertThat(firstName("  \t Ann Marie \n")).isEqualTo("Ann Marie");
    assertThat(problems).isEmpty();
  }

  @Test
  @DisplayName("S3: a decomposed é (e + U+0301) comes back composed (NFC)")
  void nfc() {
    String decomposed = "Ren\u0065\u0301e";

    String name = firstName(decomposed);

    assertThat(name).isEqualTo("Ren\u00e9e").hasSize(5);
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t\n", "\u3000"})
  @DisplayName("S3: a missing or blank name is REQUIRED, on its own field")
  void required(String raw) {
    assertThat(FormRules.name(raw, Field.LAST_NAME, problems)).isNull();

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo(Field.LAST_NAME);
      assertThat(p.code()).isEqualTo(Code.REQUIRED);
      assertThat(p.message()).contains("Last name");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"Ann\u0000Lee", "Ann\u0007", "An\nn", "Ann\u001bLee", "Ann\u007f", "Ann\u0085Lee",
      "Ann\u2028Lee", "Ann\u2029Lee", "Ann\u202eeeL", "\u202aAnn", "Ann\u2066Lee\u2069", "Ann\u200fLee", "\ufeffAnn"})
  @DisplayName("S3: control characters, line and paragraph separators, bidi overrides (U+202E) and isolates are "
      + "refused")
  void controlCharacters(String raw) {
    assertThat(firstName(raw)).isNull();

    assertThat(codes()).containsExactly(Code.CONTROL_CHARACTERS);
  }

  // Issue 8.11 changed this case: a lone surrogate was CONTROL_CHARACTERS, it is now MALFORMED_TEXT, the code
  // passwords share, since it is broken text rather than a character someone typed.
  @ParameterizedTest
  @ValueSource(strings = {"Ann\ud800Lee", "Ann\udc00", "\udbff"})
  @DisplayName("S3: a lone surrogate is refused MALFORMED_TEXT (issue 8.11)")
  void loneSurrogatesAreMalformed_S3_issue8_11(String raw) {
    assertThat(firstName(raw)).isNull();

    assertThat(codes()).containsExactly(Code.MALFORMED_TEXT);
  }

  @Test
  @DisplayName("S3: 100 code points are accepted, 101 refused TOO_LONG, counting code points not chars (emoji)")
  void lengthInCodePoints() {
    String hundredEmoji = "😀".repeat(100);
    assertThat(hundredEmoji).hasSize(200);

    assertThat(firstName(hundredEmoji)).isEqualTo(hundredEmoji);
    assertThat(problems).isEmpty();

    assertThat(firstName(hundredEmoji + "😀")).isNull();
    assertThat(codes()).containsExactly(Code.TOO_LONG);
    assertThat(problems.get(0).message()).contains("100");
  }

  @Test
  @DisplayName("S3: 100 astral CJK ideographs (𠀀, two chars each) are accepted, 101 refused")
  void astralIdeographs() {
    assertThat(firstName("𠀀".repeat(100))).isNotNull();
    assertThat(firstName("𠀀".repeat(101))).isNull();
    assertThat(codes()).containsExactly(Code.TOO_LONG);
  }

  @Test
  @DisplayName("S3: length is counted after NFC: 100 decomposed é (200 code points) fit")
  void lengthAfterNfc() {
    assertThat(firstName("e\u0301".repeat(100))).isEqualTo("\u00e9".repeat(100));
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Анна", "Пётр Ильич", "李小龍", "山田 太郎", "فاطمة", "אביגיל", "Σωκράτης", "Nguyễn",
      "O'Brien-Łukasiewicz", "அன்பு", "क्षत्रिय", "👩‍💻 Dev"})
  @DisplayName("S3: any script is welcome, including ones that need zero-width joiners")
  void anyScript(String raw) {
    assertThat(firstName(raw)).isEqualTo(java.text.Normalizer.normalize(raw, java.text.Normalizer.Form.NFC));
    assertThat(problems).isEmpty();
  }
}
