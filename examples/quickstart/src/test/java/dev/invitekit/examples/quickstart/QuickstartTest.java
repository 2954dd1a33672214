package dev.invitekit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.spi.mail.MailMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The quickstart prints the walkthrough the issue asks for: each outcome, each refusal, the seats running
 * out, who sees whom; and never a password or an invitation token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The quickstart walkthrough")
class QuickstartTest {
  private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43,}");

  private String output;
  private RecordingMailbox mailbox;
  private Map<String, String> sections;

  @BeforeAll
  void runTheWalkthrough() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      Quickstart quickstart = new Quickstart(out);
      quickstart.run();
      mailbox = quickstart.mailbox();
    }
    output = bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    sections = sections(output);
  }

  /** Section title (without its number) to its text. */
  private static Map<String, String> sections(String text) {
    Matcher heading = Pattern.compile("(?m)^(\\d+)\\. (.+)\\n-+$").matcher(text);
    Map<String, String> found = new LinkedHashMap<>();
    String title = null;
    int start = 0;
    while (heading.find()) {
      if (title != null) {
        found.put(title, text.substring(start, heading.start()));
      }
      title = heading.group(2);
      start = heading.end();
    }
    if (title != null) {
      found.put(title, text.substring(start));
    }
    return found;
  }

  private String section(String titleStart) {
    return sections.entrySet().stream().filter(e -> e.getKey().startsWith(titleStart)).map(Map.Entry::getValue)
        .findFirst().orElseThrow(() -> new AssertionError("no section starting with " + titleStart + " in\n" + output));
  }

  /** Asserts a line of the form "  label   text" exists. */
  private static void assertLine(String text, String label, String content) {
    assertThat(text).containsPattern("(?m)^  " + Pattern.quote(label) + " +" + Pattern.quote(content));
  }

  @Test
  @DisplayName("reads as numbered sections, one per flow, in the product's order")
  void numberedSections() {
    assertThat(sections.keySet()).hasSize(10);
    assertThat(List.copyOf(sections.keySet())).satisfiesExactly(
        t -> assertThat(t).startsWith("Create a Pro+ account"),
        t -> assertThat(t).startsWith("Invite people by pasting a list"),
        t -> assertThat(t).startsWith("Bob signs up"),
        t -> assertThat(t).startsWith("Ann signs up"),
        t -> assertThat(t).startsWith("The sign-up form refuses"),
        t -> assertThat(t).startsWith("Share the invite link"),
        t -> assertThat(t).startsWith("Assign Pro+ licenses"),
        t -> assertThat(t).startsWith("A member whose invite permission is off"),
        t -> assertThat(t).startsWith("Who sees whom"),
        t -> assertThat(t).startsWith("Every change was an event"));
  }

  @Test
  @DisplayName("creates the Pro+ account for acme.com with 2 seats and its founder admin (A1, A3)")
  void account() {
    String text = section("Create a Pro+ account");
    assertLine(text, "account", "Acme Inc., plan PRO_PLUS, 2 Pro+ seats, company domain acme.com");
    assertLine(text, "founder", "Dana Whitfield <dana@acme.com>, ADMIN");
  }

  @Test
  @DisplayName("the founder confirms the address through the mailed link before anything is usable (A3)")
  void founderConfirmsByMail() {
    String text = section("Create a Pro+ account");
    assertLine(text, "created", "confirmation mailed to dana@acme.com, link valid until ");
    assertLine(text, "sign-in", "Confirm your email address first");
    assertThat(text).containsPattern("mail to dana@acme.com +\\(confirm founder\\) +\"Confirm your email to create Acme Inc\\.?\"");
    assertThat(mailbox.to("dana@acme.com").stream().filter(m -> m.kind() == MailMessage.Kind.FOUNDER_CONFIRMATION))
        .hasSize(1);
  }

  @Nested
  @DisplayName("the pasted list")
  class PastedList {

    @Test
    @DisplayName("gets one outcome per distinct entry, of every kind the list holds (I1, I3, I4, U3)")
    void outcomes() {
      String text = section("Invite people by pasting a list");
      assertLine(text, "bob@acme.com", "invited as COWORKER, mail sent");
      assertLine(text, "carol@acme.com", "invited as COWORKER, mail sent");
      assertLine(text, "sam@acme.com", "invited as COWORKER, mail sent");
      assertLine(text, "\"Lee, Ann\" <ann@example.org>", "invited as GUEST, mail sent");
      assertLine(text, "dana@acme.com", "already a member (ADMIN), nothing sent");
      assertLine(text, "frank.acme.com", "invalid: an email address needs exactly one @");
      assertLine(text, "duplicate", "Bob@ACME.com is bob@acme.com again: invited once");
      assertThat(text).doesNotContainPattern("(?m)^  Bob@ACME\\.com ");
    }

    @Test
    @DisplayName("re-sends a pending invitation with a fresh link and kills the old one (I7)")
    void resend() {
      String text = section("Invite people by pasting a list");
      assertLine(text, "carol@acme.com", "re-sent with a fresh link, mail sent");
      assertThat(text).contains("The link from the first mail now answers: SUPERSEDED");
      assertThat(mailbox.to("carol@acme.com").stream().filter(m -> m.kind() == MailMessage.Kind.INVITATION))
          .hasSize(2);
    }
  }

  @Test
  @DisplayName("signs up a co-worker and the guest through the links in their mail (S1, S6, U3)")
  void signUps() {
    String bob = section("Bob signs up");
    assertThat(bob).contains("Subject:    Dana Whitfield invited you to join Acme Inc. on Invitekit");
    assertLine(bob, "preview", "Acme Inc., invited by Dana Whitfield <dana@acme.com> as COWORKER, for bob@acme.com");
    assertLine(bob, "joined", "Bob Stone <bob@acme.com> is now a COWORKER of the account");
    assertLine(section("Ann signs up"), "joined", "Ann Lee <ann@example.org> is now a GUEST of the account");
  }

  @Test
  @DisplayName("shows an under-16 sign-up and a weak password refused with field-level reasons (S2, S4, S5)")
  void refusedSignUps() {
    String text = section("The sign-up form refuses");
    assertThat(text).containsPattern("BIRTH_DATE +TOO_YOUNG +You must be at least 16 years old");
    assertLine(text, "preview", "LOCKED: ");
    assertThat(text).containsPattern("PASSWORD +CONTAINS_EMAIL ");
    assertThat(text).containsPattern("PASSWORD +CONTAINS_NAME ");
    assertThat(text).containsPattern("PASSWORD_CONFIRMATION +MISMATCH ");
    assertLine(text, "joined", "Carol Jones <carol@acme.com> is now a COWORKER of the account");
    assertLine(text, "refused", "ALREADY_USED: ");
  }

  @Test
  @DisplayName("shares the invite link as a URL and a mailto: URI, and redeems it (L1-L3, U5)")
  void inviteLink() {
    String text = section("Share the invite link");
    assertThat(text).containsPattern("(?m)^  copy this +https://app\\.example\\.com/join/[A-Za-z0-9_-]{43}$");
    assertThat(text).containsPattern("(?m)^  mailto +mailto:erin@acme\\.com\\?subject=Join%20Acme%20Inc\\.");
    assertLine(text, "erin@acme.com", "Check your inbox");
    assertLine(text, "pat@gmail.com", "refused (NOT_A_COMPANY_ADDRESS)");
    assertLine(text, "joined", "Erin Walsh <erin@acme.com> is now a COWORKER of the account");
    assertLine(text, "link", "1 use so far; joined through it: Erin Walsh");
  }

  @Test
  @DisplayName("assigns Pro+ licenses until the seats run out (P1-P4)")
  void seatsRunOut() {
    String text = section("Assign Pro+ licenses");
    assertLine(text, "Bob Stone", "Pro+ assigned, 1 seat left");
    assertLine(text, "Ann Lee", "not allowed: Guests cannot hold Pro+ licenses");
    assertLine(text, "Carol Jones", "Pro+ assigned, 0 seats left");
    assertLine(text, "Erin Walsh", "no seats left: All 2 Pro+ seats are assigned.");
    assertThat(text.lines().filter(l -> l.startsWith("  seat "))).hasSize(2);
  }

  @Test
  @DisplayName("refuses a member whose invite permission is off, naming the admins, sending nothing (U6)")
  void permissionOff() {
    String text = section("A member whose invite permission is off");
    assertLine(text, "refused", "INVITE_PERMISSION_DISABLED: ");
    assertLine(text, "contact", "Dana Whitfield <dana@acme.com>");
    assertThat(text).contains("(no mail sent)");
    assertThat(mailbox.to("frank@acme.com")).isEmpty();
  }

  @Test
  @DisplayName("prints each person's contacts: one directory, guests seen only by their inviter (C1, C2)")
  void contacts() {
    String text = section("Who sees whom");
    Map<String, String> seen = new LinkedHashMap<>();
    Matcher person = Pattern.compile("(?m)^(\\S.+) \\((\\w+)\\) sees:\\n((?: {6}.+\\n?)*)").matcher(text);
    while (person.find()) {
      seen.put(person.group(1), person.group(3));
    }
    assertThat(seen).containsOnlyKeys("Dana Whitfield", "Bob Stone", "Carol Jones", "Erin Walsh", "Ann Lee");
    assertThat(seen.get("Ann Lee").strip()).matches("Dana Whitfield +dana@acme\\.com +ADMIN +invited you");
    assertThat(seen.get("Dana Whitfield")).containsPattern("Ann Lee +ann@example\\.org +GUEST +your guest")
        .containsPattern("Erin Walsh +erin@acme\\.com +COWORKER +company directory");
    assertThat(seen.get("Bob Stone")).doesNotContain("Ann Lee").contains("Dana Whitfield", "Carol Jones", "Erin Walsh");
    seen.forEach((name, contacts) -> assertThat(contacts).as("%s does not see themself", name).doesNotContain(name));
  }

  @Test
  @DisplayName("counts the events and shows one as JSON (E1)")
  void events() {
    String text = section("Every change was an event");
    assertLine(text, "member-joined", "4 events");
    assertLine(text, "license-assigned", "2 events");
    assertThat(text).contains("{\"type\":\"license-assigned\"");
  }

  @Nested
  @DisplayName("never prints a secret")
  class Secrets {

    @Test
    @DisplayName("no password typed in the walkthrough, accepted or refused, and no hash (S4, SPEC §5)")
    void noPassword() {
      assertThat(Quickstart.PASSWORDS).hasSize(8);
      Quickstart.PASSWORDS.forEach(password -> assertThat(output).doesNotContain(password));
      assertThat(output).doesNotContain("$argon2");
    }

    @Test
    @DisplayName("no invitation token, though each mail shown carried one (I5)")
    void noInvitationToken() {
      List<String> tokens = mailbox.all().stream().map(MailMessage::actionUrl).filter(Objects::nonNull)
          .map(URI::toString).filter(u -> u.contains("/invitations/"))
          .map(u -> RecordingMailbox.tokenOf(URI.create(u))).toList();
      assertThat(tokens).hasSizeGreaterThanOrEqualTo(6);
      tokens.forEach(token -> assertThat(output).doesNotContain(token));
      assertThat(output).contains("https://app.example.com/invitations/[redacted]");
    }
  }

  @Test
  @DisplayName("prints the same text on every run but for ids and tokens (fixed clock)")
  void deterministic() {
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(again, true, StandardCharsets.UTF_8)) {
      new Quickstart(out).run();
    }
    String second = again.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    assertThat(masked(second)).isEqualTo(masked(output));
  }

  private static String masked(String text) {
    return TOKEN.matcher(UUID.matcher(text).replaceAll("<id>")).replaceAll("<token>");
  }
}
