package dev.invitekit.examples.webapp.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The start-up banner names the app's URL with the demo users, and says when the mailed links point elsewhere. */
class DemoBannerTest {

  @Test
  void theBannerPrintsTheAppsUrlAndTheDemoUsers() {
    String banner = DemoData.banner("8080", "http://localhost:8080");
    assertThat(banner).contains("open http://localhost:8080").doesNotContain("Mailed links start with");
    for (DemoData.DemoUser user : DemoData.USERS) {
      assertThat(banner).contains(user.email()).contains(user.password());
    }
  }

  @Test
  void aBaseUrlOnAnotherPortIsPointedOut() {
    String banner = DemoData.banner("9090", "http://localhost:8080");
    assertThat(banner).contains("open http://localhost:9090")
        .contains("Mailed links start with http://localhost:8080: set --invitekit.base-url=http://localhost:9090");
  }

  @Test
  void withoutAServerOnlyTheUsersArePrinted() {
    assertThat(DemoData.banner(null, "http://localhost:8080")).doesNotContain("open http").contains("sign in as");
  }
}
