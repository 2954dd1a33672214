package dev.invitekit.examples.webapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The counts in the admin and invite notices ("1 seat left", "try again in 1 minute"). */
class CountsTest {

  @Test
  void oneIsSingularAndEveryOtherCountPlural() {
    assertThat(AdminController.count(1, "minute", "minutes")).isEqualTo("1 minute");
    assertThat(AdminController.count(2, "minute", "minutes")).isEqualTo("2 minutes");
    assertThat(AdminController.count(0, "seat", "seats")).isEqualTo("0 seats");
    assertThat(AdminController.count(1, "seat", "seats")).isEqualTo("1 seat");
  }
}
