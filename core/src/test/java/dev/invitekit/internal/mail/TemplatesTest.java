package dev.invitekit.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.internal.text.Sentences;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * The render as first written, one character at a time with each name cut out and looked up where it stands:
   * the definition the parsed render (issue 12, benchmark 1) must answer like.
   */
  private static String renderByDefinition(String template, Map<String, String> values, Templates.Escape escape) {
    StringBuilder out = new StringBuilder();
    boolean afterSentenceEnd = false;
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{') {
        int close = template.indexOf('}', i + 1);
        if (close > i) {
          String value = values.get(template.substring(i + 1, close));
          if (value != null) {
            out.append(switch (escape) {
              case NONE -> value;
              case SUBJECT -> oneLineByDefinition(value);
              case HTML -> htmlByDefinition(value);
            });
            afterSentenceEnd = Sentences.endsSentence(value);
            i = close + 1;
            continue;
          }
        }
      }
      if (afterSentenceEnd && c == '<' && template.startsWith("</", i) && template.indexOf('>', i) > i) {
        int end = template.indexOf('>', i) + 1;
        out.append(template, i, end);
        i = end;
        continue;
      }
      if (afterSentenceEnd && c == '.') {
        afterSentenceEnd = false;
        i++;
        continue;
      }
      afterSentenceEnd = false;
      out.append(c);
      i++;
    }
    return escape == Templates.Escape.SUBJECT ? oneLineByDefinition(out.toString()) : out.toString();
  }

  @Test
  @DisplayName("I6: a template renders as the one-pass definition does: known, unknown, nested and unclosed "
      + "placeholders, values that end a sentence before '.', '</b>.' and '{x}', every escape")
  void renderAsDefined_I6() {
    String[] pieces = {"{a}", "{b}", "{name}", "{unknown}", "{", "}", "{a", "b}", "{{a}}", "{a {b}", ".", "..",
        "</b>", "</p>.", "</", ">", "<b>", "x", " ", "Hello", "\n", "\u00e9", "{a}.", "{b}</strong>."};
    String[] valuesSeen = {"Acme", "Acme Inc.", "Yahoo!", "Why?", "", "{b}", "<i>x</i>", "line\nbreak", "a.b",
        "O'Brien & Sons", "end.\u2028"};
    Random random = new Random(20261202);
    int rendered = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder template = new StringBuilder();
      int length = random.nextInt(14);
      for (int i = 0; i < length; i++) {
        template.append(pieces[random.nextInt(pieces.length)]);
      }
      Map<String, String> values = new HashMap<>();
      for (String name : List.of("a", "b", "name", "a {b")) {
        if (random.nextInt(3) > 0) {
          values.put(name, valuesSeen[random.nextInt(valuesSeen.length)]);
        }
      }
      for (Templates.Escape escape : Templates.Escape.values()) {
        String text = template.toString();
        assertThat(Templates.render(text, values, escape))
            .as("render(%s, %s, %s)", text, values, escape)
            .isEqualTo(renderByDefinition(text, values, escape));
        rendered++;
      }
    }
    assertThat(rendered).isEqualTo(60_000);
    // A template is parsed once, whatever the values of each render.
    String shipped = "<p>Hello{greetingName},</p><p>{inviterName} invited you to {accountName}.</p>";
    assertThat(Templates.render(shipped, Map.of("greetingName", " Ana", "inviterName", "Dana", "accountName",
        "Acme Inc."), Templates.Escape.HTML))
        .isEqualTo("<p>Hello Ana,</p><p>Dana invited you to Acme Inc.</p>");
    assertThat(Templates.render(shipped, Map.of("accountName", "A&B"), Templates.Escape.HTML))
        .isEqualTo("<p>Hello{greetingName},</p><p>{inviterName} invited you to A&amp;B.</p>");
  }
}
