package dev.invitekit.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * I6: the escaping of values in mail (subject on one line, HTML escaped) answers as it did before its fast
 * paths (issue 12, benchmark 1): compared with the plain definitions over generated text, and without a copy
 * when there is nothing to change.
 */
@DisplayName("I6: escaping values for the subject and the HTML part")
class TemplatesTest {
  private static final String ALPHABET = "ab Z9&<>\"'.\t\r\n\u0085\u2028\u2029\u0000\u007f\u00e9\u00a0 ";

  private static String oneLineByDefinition(String value) {
    StringBuilder out = new StringBuilder();
    value.codePoints().forEach(cp -> out.appendCodePoint(
        Character.getType(cp) == Character.CONTROL || cp == 0x2028 || cp == 0x2029 || cp == 0x85 ? ' ' : cp));
    return out.toString().strip();
  }

  private static String htmlByDefinition(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static List<String> generated() {
    Random random = new Random(12);
    List<String> values = new ArrayList<>(List.of("", " ", "Acme", " Acme Inc. ", "Yahoo!", "O'Brien & Sons",
        "<b>x</b>", "line\nbreak", "\uD83D\uDE42 smile", "tab\tbed", "\u2028", "end\u0085"));
    for (int n = 0; n < 5_000; n++) {
      StringBuilder value = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        value.append(random.nextInt(8) == 0 ? "\uD83D\uDE42" : String.valueOf(ALPHABET.charAt(random.nextInt(ALPHABET.length()))));
      }
      values.add(value.toString());
    }
    return values;
  }

  @Test
  @DisplayName("I6: a subject value has control characters and line separators as spaces, trimmed, as defined")
  void oneLineAsDefined_I6() {
    for (String value : generated()) {
      assertThat(Templates.oneLine(value)).as("oneLine(%s)", value).isEqualTo(oneLineByDefinition(value));
    }
    String clean = "Dana invited you to join Acme";
    assertThat(Templates.oneLine(clean)).isSameAs(clean);
  }

  @Test
  @DisplayName("I6: an HTML value has & < > \" ' escaped, as defined; one with none is used as it is")
  void htmlAsDefined_I6() {
    for (String value : generated()) {
      assertThat(Templates.html(value)).as("html(%s)", value).isEqualTo(htmlByDefinition(value));
    }
    String clean = "Dana Whitfield (dana@acme.com)";
    assertThat(Templates.html(clean)).isSameAs(clean);
  }
}
