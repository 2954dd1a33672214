package dev.invitekit.examples.webapp.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * A date of birth typed as three numbers (day, month, year), with no hint of the age asked for (S2): the
 * form neither pre-fills nor suggests a year. Blank means "not given" (Invitekit then says it is required);
 * a date that does not exist is unreadable, and the form says so next to the field.
 */
record BirthDateInput(LocalDate date, boolean unreadable) {

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,4}");

  static final String UNREADABLE = "Enter a real date of birth: day, month and year as numbers, for example 14 3 1990.";

  static BirthDateInput of(String day, String month, String year) {
    if (day.isBlank() && month.isBlank() && year.isBlank()) {
      return new BirthDateInput(null, false);
    }
    // ASCII digits only: Integer.parseInt also reads full-width and other scripts' digits
    if (!DIGITS.matcher(year.strip()).matches() || !DIGITS.matcher(month.strip()).matches()
        || !DIGITS.matcher(day.strip()).matches()) {
      return new BirthDateInput(null, true);
    }
    try {
      int y = Integer.parseInt(year.strip());
      if (y < 1000 || y > 9999) {
        return new BirthDateInput(null, true);
      }
      return new BirthDateInput(LocalDate.of(y, Integer.parseInt(month.strip()), Integer.parseInt(day.strip())), false);
    } catch (NumberFormatException | DateTimeException e) {
      return new BirthDateInput(null, true);
    }
  }
}
