package dev.invitekit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InviteResult;
import dev.invitekit.link.InviteLink;
import dev.invitekit.link.LinkAccess;
import dev.invitekit.link.Redemption;
import dev.invitekit.secret.Token;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.spi.mail.MailMessage;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Change 3 of round 3: URLs worked out once around {token}. */
class AppUrlsReviewTest {
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://app.example.com|/invitations/{token}|https://app.example.com/invitations/T",
      "https://app.example.com/|/invitations/{token}|https://app.example.com/invitations/T",
      "https://app.example.com/base|/invitations/{token}|https://app.example.com/base/invitations/T",
      "https://app.example.com/base/|/invitations/{token}|https://app.example.com/base/invitations/T",
      "https://app.example.com:8443/a/b/|/i/{token}/|https://app.example.com:8443/a/b/i/T/",
      "https://app.example.com/base|/accept?t={token}&x=1|https://app.example.com/base/accept?t=T&x=1",
      "https://app.example.com|/i/{token}/again/{token}|https://app.example.com/i/T/again/T",
      "https://app.example.com|/{token}|https://app.example.com/T",
      "https://app.example.com/my%20app/|/i/{token}|https://app.example.com/my%20app/i/T",
      "http://localhost:8080|/x/{token}#frag|http://localhost:8080/x/T#frag",
  })
  void invitationLinkIsBaseThenPathWithTheToken(String base, String path, String expected) {
    try (ReviewKit k = new ReviewKit("Acme", "Ada", b -> b.baseUrl(URI.create(base)).paths(path, "/join/{token}", "/sign-in"),
        new dev.invitekit.store.memory.InMemoryStore(), new dev.invitekit.mail.memory.RecordingMailbox(), true)) {
      InviteResult r = k.invite("bob@acme.com");
      assertThat(((InviteResult.InviteReport) r).outcomes()).singleElement().isInstanceOf(AddressOutcome.Invited.class);
      MailMessage m = k.last("bob@acme.com");
      String link = m.actionUrl().toString();
      Matcher t = TOKEN.matcher(link);
      assertThat(t.find()).as(link).isTrue();
      String token = t.group();
      assertThat(link).isEqualTo(expected.replace("T", token).replace("Tps", "Tps"));
      assertThat(m.text()).contains(link);
      assertThat(m.html()).contains(link.replace("&", "&amp;"));
      assertThat(k.kit.signup().preview(Token.of(token))).isInstanceOf(PreviewResult.Valid.class);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://app.example.com/|/join/{token}|https://app.example.com/join/T",
      "https://app.example.com/base|/j?k={token}|https://app.example.com/base/j?k=T",
      "https://app.example.com/base/|/j/{token}/{token}|https://app.example.com/base/j/T/T",
  })
  void inviteLinkUrl(String base, String path, String expected) {
    try (ReviewKit k = new ReviewKit("Acme", "Ada", b -> b.baseUrl(URI.create(base)).paths("/invitations/{token}", path, "/sign-in"),
        new dev.invitekit.store.memory.InMemoryStore(), new dev.invitekit.mail.memory.RecordingMailbox(), true)) {
      LinkAccess a = k.kit.links().current(k.ada, k.acc);
      InviteLink link = ((LinkAccess.Available) a).link();
      String url = link.url().toString();
      Matcher t = TOKEN.matcher(url);
      assertThat(t.find()).as(url).isTrue();
      String token = t.group();
      assertThat(url).isEqualTo(expected.replace("T", token));
      assertThat(k.kit.links().redeem(Token.of(token), "zed@acme.com", null)).isInstanceOf(Redemption.CheckYourEmail.class);
    }
  }
}
