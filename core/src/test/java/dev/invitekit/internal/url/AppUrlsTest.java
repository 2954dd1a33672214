package dev.invitekit.internal.url;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** I6, L1: the app's links are the base URL joined to the path, with the token wherever the path says. */
@DisplayName("I6, L1: invitation and invite-link URLs")
class AppUrlsTest {

  /** The URL by its definition: the token put in the path, then one slash between base and path. */
  private static URI byDefinition(String base, String pathTemplate, String token) {
    String path = pathTemplate.replace("{token}", token);
    return URI.create(base.endsWith("/") && path.startsWith("/") ? base + path.substring(1) : base + path);
  }

  @Test
  @DisplayName("I6, L1: with or without slashes on either side, the token once, twice, first, last or in a query")
  void urlsAsDefined_I6_L1() {
    List<String> bases = List.of("https://app.example.com", "https://app.example.com/", "https://x.example/app/",
        "http://localhost:8080/base");
    List<String> paths = List.of("/invitations/{token}", "invitations/{token}", "{token}", "/i/{token}/accept",
        "/i?t={token}&again={token}", "/{token}");
    for (String token : List.of("abcDEF123_-xyz", "A")) {
      for (String base : bases) {
        for (String path : paths) {
          AppUrls urls = new AppUrls(URI.create(base), path, "/join/{token}");
          assertThat(urls.invitation(token)).as("%s + %s", base, path).isEqualTo(byDefinition(base, path, token));
          assertThat(urls.link(token)).isEqualTo(byDefinition(base, "/join/{token}", token));
        }
      }
    }
    assertThat(new AppUrls(URI.create("https://app.example.com/"), "/invitations/{token}", "/l/{token}")
        .invitation("tok")).hasToString("https://app.example.com/invitations/tok");
  }
}
