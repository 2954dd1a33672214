package dev.invitekit.examples.webapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The date of birth is read from ASCII digits only (S2): other scripts' digits are unreadable, not a date. */
class BirthDateInputTest {
  @Test
  void asciiDigitsMakeADate() {
    assertThat(BirthDateInput.of(" 14", "3 ", "1990")).isEqualTo(new BirthDateInput(LocalDate.of(1990, 3, 14), false));
  }

  @Test
  void fullWidthAndArabicIndicDigitsAreUnreadable() {
    assertThat(BirthDateInput.of("１", "٢", "1990").unreadable()).isTrue();
    assertThat(BirthDateInput.of("1", "2", "１９９０").unreadable()).isTrue();
  }

  @Test
  void blankIsNotGivenAndNonsenseIsUnreadable() {
    assertThat(BirthDateInput.of("", " ", "")).isEqualTo(new BirthDateInput(null, false));
    assertThat(BirthDateInput.of("31", "2", "1990").unreadable()).isTrue();
    assertThat(BirthDateInput.of("1", "1", "+990").unreadable()).isTrue();
  }
}
