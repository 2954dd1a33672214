package dev.invitekit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.spi.mail.MailMessage;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Change 1 of round 3: placeholders found once per template, text between them copied. */
class TemplateRenderReviewTest {

  private static void invited(InviteResult r) {
    assertThat(((InviteResult.InviteReport) r).outcomes()).singleElement().isInstanceOf(AddressOutcome.Invited.class);
  }

  @Test
  void oddBracesAroundKnownPlaceholders() {
    try (ReviewKit k = new ReviewKit()) {
      k.templates.put("invitation.subject", "{ {{accountName}} } {a {accountName} x");
      invited(k.invite("bob@acme.com"));
      assertThat(k.last("bob@acme.com").subject()).isEqualTo("{ {Acme} } {a Acme x");
    }
  }

  @Test
  void unclosedAndStrayBracesStayLiteral() {
    try (ReviewKit k = new ReviewKit()) {
      k.templates.put("invitation.subject", "}{accountName} {accountName {}{");
      invited(k.invite("bob@acme.com"));
      assertThat(k.last("bob@acme.com").subject()).isEqualTo("}Acme {accountName {}{");
    }
  }

  @Test
  void unknownPlaceholderStaysLiteralAndNeighboursAreFilled() {
    try (ReviewKit k = new ReviewKit()) {
      k.templates.put("invitation.subject", "{nope}{accountName}{nope2}{productName}");
      invited(k.invite("bob@acme.com"));
      assertThat(k.last("bob@acme.com").subject()).isEqualTo("{nope}Acme{nope2}Invitekit");
    }
  }

  @Test
  void templateChangedBetweenMailsIsUsed() {
    try (ReviewKit k = new ReviewKit()) {
      k.templates.put("invitation.subject", "One {accountName}");
      invited(k.invite("bob@acme.com"));
      k.templates.put("invitation.subject", "Two {productName} and {accountName}!");
      invited(k.invite("carl@acme.com"));
      assertThat(k.last("bob@acme.com").subject()).isEqualTo("One Acme");
      assertThat(k.last("carl@acme.com").subject()).isEqualTo("Two Invitekit and Acme!");
    }
  }

  @Test
  void templatesWithTheSameHashCodeAreNotConfused() {
    // "Aa" and "BB" have the same String.hashCode, so do these two templates
    assertThat("Aa {accountName}".hashCode()).isEqualTo("BB {accountName}".hashCode());
    try (ReviewKit k = new ReviewKit()) {
      k.templates.put("invitation.subject", "Aa {accountName}");
      invited(k.invite("bob@acme.com"));
      k.templates.put("invitation.subject", "BB {accountName}");
      invited(k.invite("carl@acme.com"));
      assertThat(k.last("bob@acme.com").subject()).isEqualTo("Aa Acme");
      assertThat(k.last("carl@acme.com").subject()).isEqualTo("BB Acme");
    }
  }

  @Test
  void sameHashSamePlaceholderLayoutDifferentPlaceholder() {
    // same length, same hash, placeholders at the same places but different names
    String a = "Aa{accountName}";
    String b = "BB{accountName}";
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    try (ReviewKit k = new ReviewKit()) {
      k.templates.put("invitation.text", a + " {link}");
      invited(k.invite("bob@acme.com"));
      k.templates.put("invitation.text", b + " {link}");
      invited(k.invite("carl@acme.com"));
      assertThat(k.last("bob@acme.com").text()).startsWith("AaAcme https://");
      assertThat(k.last("carl@acme.com").text()).startsWith("BBAcme https://");
    }
  }

  @Test
  void aNewStringEveryTimeStillRenders() {
    try (ReviewKit k = new ReviewKit()) {
      ReviewKit k2 = k;
      k.templates.clear();
      for (int i = 0; i < 30; i++) {
        String t = new String("Mail " + i + " for {email} from {accountName}");
        k2.templates.put("invitation.subject", t);
        invited(k.invite("u" + i + "@acme.com"));
        assertThat(k.last("u" + i + "@acme.com").subject()).isEqualTo("Mail " + i + " for u" + i + "@acme.com from Acme");
      }
    }
  }

  @Test
  void valueLookingLikeAPlaceholderIsNotExpanded() {
    try (ReviewKit k = new ReviewKit("{link} {productName}", UnaryOperator.identity())) {
      k.templates.put("invitation.subject", "Join {accountName} now");
      invited(k.invite("bob@acme.com"));
      MailMessage m = k.last("bob@acme.com");
      assertThat(m.subject()).isEqualTo("Join {link} {productName} now");
      assertThat(m.text()).contains("{link} {productName}");
      assertThat(m.html()).contains("{link} {productName}");
    }
  }

  @Test
  void inviterNameLookingLikeAPlaceholderIsNotExpanded() {
    try (ReviewKit k = new ReviewKit("Acme", "{link}", UnaryOperator.identity(), new dev.invitekit.store.memory.InMemoryStore(),
        new dev.invitekit.mail.memory.RecordingMailbox(), true)) {
      invited(k.invite("bob@acme.com"));
      MailMessage m = k.last("bob@acme.com");
      assertThat(m.subject()).startsWith("{link} Founder invited you");
      assertThat(m.text()).doesNotContain("https://app.example.com/invitations/" + "x").contains("{link} Founder (ada@acme.com)");
    }
  }

  @Test
  void fullStopAbsorbedPastClosingTags() {
    try (ReviewKit k = new ReviewKit("Acme Inc.", UnaryOperator.identity())) {
      k.templates.put("invitation.html", "<p>joined <strong>{accountName}</strong>.</p><p>{link}</p>");
      k.templates.put("invitation.text", "joined {accountName}. Link: {link}");
      invited(k.invite("bob@acme.com"));
      MailMessage m = k.last("bob@acme.com");
      assertThat(m.html()).contains("<p>joined <strong>Acme Inc.</strong></p><p>");
      assertThat(m.text()).startsWith("joined Acme Inc. Link: https://");
    }
  }

  @Test
  void adjacentPlaceholdersKeepTheFullStopOfTheSecond() {
    try (ReviewKit k = new ReviewKit("Acme Inc.", UnaryOperator.identity())) {
      k.templates.put("invitation.subject", "{accountName}{productName}.");
      invited(k.invite("bob@acme.com"));
      assertThat(k.last("bob@acme.com").subject()).isEqualTo("Acme Inc.Invitekit.");
    }
  }

  @Test
  void adjacentSameValueTwice() {
    try (ReviewKit k = new ReviewKit("Acme Inc.", UnaryOperator.identity())) {
      k.templates.put("invitation.subject", "{accountName}{accountName}.");
      invited(k.invite("bob@acme.com"));
      assertThat(k.last("bob@acme.com").subject()).isEqualTo("Acme Inc.Acme Inc.");
    }
  }

  @Test
  void placeholderAtTheVeryStartAndEnd() {
    try (ReviewKit k = new ReviewKit("Acme Inc.", UnaryOperator.identity())) {
      k.templates.put("invitation.subject", "{accountName}");
      invited(k.invite("bob@acme.com"));
      assertThat(k.last("bob@acme.com").subject()).isEqualTo("Acme Inc.");
    }
  }

  @Test
  void questionMarkAfterAStopStays() {
    try (ReviewKit k = new ReviewKit("Acme Inc.", UnaryOperator.identity())) {
      k.templates.put("invitation.subject", "Join {accountName}? Yes.");
      invited(k.invite("bob@acme.com"));
      assertThat(k.last("bob@acme.com").subject()).isEqualTo("Join Acme Inc.? Yes.");
    }
  }

  @Test
  void emptyGreetingDoesNotEatTheStop() {
    try (ReviewKit k = new ReviewKit()) {
      k.templates.put("invitation.text", "Hi.{greetingName}. {link}");
      invited(k.invite("bob@acme.com"));
      assertThat(k.last("bob@acme.com").text()).startsWith("Hi.. https://");
    }
  }

  @Test
  void htmlAttributeQuotesAreEscaped() {
    try (ReviewKit k = new ReviewKit("Acme \"Q\" O'Brien <i>", UnaryOperator.identity())) {
      k.templates.put("invitation.html", "<a title=\"{accountName}\" data-x='{accountName}' href=\"{link}\">{accountName}</a>");
      invited(k.invite("bob@acme.com"));
      String html = k.last("bob@acme.com").html();
      assertThat(html).doesNotContain("\"Q\"").doesNotContain("O'Brien").doesNotContain("<i>");
    }
  }

  @Test
  void bigTemplateAndManyPlaceholders() {
    try (ReviewKit k = new ReviewKit()) {
      StringBuilder t = new StringBuilder();
      StringBuilder expected = new StringBuilder();
      for (int i = 0; i < 20_000; i++) {
        t.append("é").append(i).append("{accountName}{");
        expected.append("é").append(i).append("Acme{");
      }
      k.templates.put("invitation.text", t + "{link}");
      invited(k.invite("bob@acme.com"));
      String text = k.last("bob@acme.com").text();
      assertThat(text).startsWith(expected.toString() + "https://app.example.com/invitations/");
    }
  }
}
