package dev.invitekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.store.Store;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * I6, L1, A3: the builder's base URL and paths make valid links, or are refused when set, naming the setting
 * (outside review 15: a path with {@code |} was accepted, and every invite then failed with its link in the message).
 */
@DisplayName("I6, L1, A3: the builder's base URL and paths")
class UrlSettingsTest {

  private static Invitekit.Builder builder() {
    return Invitekit.builder().store(mock(Store.class)).mail(m -> new DeliveryResult.Delivered(m.messageId()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/i/{token}|", "/i/{token}^", "/i/{token}%zz", "/i/{token}%4", "/i/{token}\\",
      "/i/{x}/{token}", "/i/{token} ", "/i/<{token}>", "/i/{token}\"", "/i/{token}#a#b", "i/{token}", "/i/token"})
  @DisplayName("I6, L1, A3, review 15: a path that cannot make a valid URL is refused when set, naming the setting")
  void refusesPathsThatMakeNoURL(String path) {
    assertThatThrownBy(() -> builder().paths(path, "/join/{token}", "/sign-in"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invitation path must");
    assertThatThrownBy(() -> builder().paths("/invitations/{token}", path, "/sign-in"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("link path must");
    assertThatThrownBy(() -> builder().founderConfirmationPath(path))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("founder confirmation path must");
    if (path.contains("{token}") && path.startsWith("/")) {
      String signIn = path.replace("{token}", "x");
      assertThatThrownBy(() -> builder().paths("/invitations/{token}", "/join/{token}", signIn))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("sign-in path must");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/invitations/{token}", "/i/{token}/", "/my%20app/{token}", "/accept?t={token}&x=1",
      "/x/{token}#frag", "/i/{token}/again/{token}", "/a-b_c.d~e!$&'()*+,;=:@/{token}"})
  @DisplayName("I6, L1, A3: paths with percent escapes, sub-delimiters, a query or a fragment are accepted")
  void acceptsURLPaths(String path) {
    assertThat(builder().paths(path, path, "/sign-in").founderConfirmationPath(path)).isNotNull();
  }

  @Test
  @DisplayName("I6, review 15: a base URL with user info is refused, and the message does not repeat it")
  void refusesUserInfoWithoutEchoingIt() {
    assertThatThrownBy(() -> builder().baseUrl(URI.create("https://ann:s3cret@app.example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user info")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("ann"));
    assertThatThrownBy(() -> builder().baseUrl(URI.create("https://ann:s3cret@my_host.example/")))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    assertThat(builder().baseUrl(URI.create("https://app.example.com/base/"))).isNotNull();
  }

  @Test
  @DisplayName("I6, review 15b: a base URL whose port is out of range is refused when set")
  void refusesPortsOutOfRange() {
    assertThatThrownBy(() -> builder().baseUrl(URI.create("https://app.example:99999/")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    assertThat(builder().baseUrl(URI.create("https://app.example:8443/"))).isNotNull();
  }

  @Test
  @DisplayName("I6, review 15b: a sign-in path has no token, so one with {token} is refused when set")
  void refusesATokenInTheSignInPath() {
    assertThatThrownBy(() -> builder().paths("/invitations/{token}", "/join/{token}", "/sign-in/{token}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("sign-in path must");
  }
}
