package dev.invitekit.internal.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.Period;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The age check of S2: at least 16 on today's date, 29 February handled, future and implausible dates refused. */
@DisplayName("S2: age check")
class AgeRuleTest {

  private static List<FieldProblem> problems(LocalDate birth, LocalDate today) {
    List<FieldProblem> problems = new ArrayList<>();
    boolean ok = FormRules.age(birth, today, problems);
    assertThat(ok).isEqualTo(problems.isEmpty());
    assertThat(problems).allSatisfy(p -> {
      assertThat(p.field()).isEqualTo(Field.BIRTH_DATE);
      assertThat(p.message()).isNotBlank();
    });
    return problems;
  }

  private static List<Code> codes(LocalDate birth, LocalDate today) {
    return problems(birth, today).stream().map(FieldProblem::code).toList();
  }

  @Nested
  @DisplayName("S2: the 16th birthday")
  class Birthday {

    @Test
    @DisplayName("S2: the day before the 16th birthday is refused TOO_YOUNG, the birthday itself is accepted")
    void dayBeforeAndDayOf() {
      LocalDate birth = LocalDate.of(2008, 6, 15);

      assertThat(codes(birth, LocalDate.of(2024, 6, 14))).containsExactly(Code.TOO_YOUNG);
      assertThat(codes(birth, LocalDate.of(2024, 6, 15))).isEmpty();
      assertThat(codes(birth, LocalDate.of(2024, 6, 16))).isEmpty();
    }

    @Test
    @DisplayName("S2: born on 31 December, 16 on New Year's Eve, not the day before")
    void yearEnd() {
      LocalDate birth = LocalDate.of(2007, 12, 31);

      assertThat(codes(birth, LocalDate.of(2023, 12, 30))).containsExactly(Code.TOO_YOUNG);
      assertThat(codes(birth, LocalDate.of(2023, 12, 31))).isEmpty();
    }

    @Test
    @DisplayName("S2: the TOO_YOUNG message names the minimum age")
    void messageNamesMinimum() {
      assertThat(problems(LocalDate.of(2020, 1, 1), LocalDate.of(2024, 1, 1)).get(0).message()).contains("16");
    }
  }

  @Nested
  @DisplayName("S2: 29 February")
  class LeapDay {

    @Test
    @DisplayName("S2: born 2008-02-29 is 16 on 2024-02-29 (a leap year), not on 2024-02-28")
    void leapToLeap() {
      LocalDate birth = LocalDate.of(2008, 2, 29);

      assertThat(codes(birth, LocalDate.of(2024, 2, 28))).containsExactly(Code.TOO_YOUNG);
      assertThat(codes(birth, LocalDate.of(2024, 2, 29))).isEmpty();
    }

    @Test
    @DisplayName("S2: born 2012-02-29 is not yet 16 on 2028-02-28, because 2028 has a 29 February")
    void notYetOnTheTwentyEighthOfALeapYear() {
      LocalDate birth = LocalDate.of(2012, 2, 29);

      assertThat(codes(birth, LocalDate.of(2028, 2, 28))).containsExactly(Code.TOO_YOUNG);
      assertThat(codes(birth, LocalDate.of(2028, 2, 29))).isEmpty();
    }

    @Test
    @DisplayName("S2: born 2084-02-29 is 16 on 2100-02-28, since 2100 is no leap year (the birthday falls on 28 February)")
    void centuryNonLeapYear() {
      LocalDate birth = LocalDate.of(2084, 2, 29);

      assertThat(Year.isLeap(2100)).isFalse();
      assertThat(codes(birth, LocalDate.of(2100, 2, 27))).containsExactly(Code.TOO_YOUNG);
      assertThat(codes(birth, LocalDate.of(2100, 2, 28))).isEmpty();
    }
  }

  @Nested
  @DisplayName("S2: dates that are not plausible")
  class Implausible {

    @Test
    @DisplayName("S2: a date after today is DATE_IN_FUTURE, today itself is TOO_YOUNG")
    void future() {
      LocalDate today = LocalDate.of(2025, 3, 10);

      assertThat(codes(today.plusDays(1), today)).containsExactly(Code.DATE_IN_FUTURE);
      assertThat(codes(today.plusYears(40), today)).containsExactly(Code.DATE_IN_FUTURE);
      assertThat(codes(today, today)).containsExactly(Code.TOO_YOUNG);
    }

    @Test
    @DisplayName("S2: more than 130 years ago is DATE_IMPLAUSIBLE; exactly 130 years ago is accepted")
    void tooOld() {
      LocalDate today = LocalDate.of(2025, 3, 10);

      assertThat(codes(LocalDate.of(1895, 3, 9), today)).containsExactly(Code.DATE_IMPLAUSIBLE);
      assertThat(codes(LocalDate.of(1, 1, 1), today)).containsExactly(Code.DATE_IMPLAUSIBLE);
      assertThat(codes(LocalDate.of(1895, 3, 10), today)).isEmpty();
    }
  }

  /** An age calculation written without plusYears: the birthday in a year is 28 February for leap-day births in common years. */
  private static boolean youngerThan16ByHand(LocalDate birth, LocalDate today) {
    return ageByHand(birth, today) < 16;
  }

  /** Completed years, counted without java.time's period arithmetic. */
  private static int ageByHand(LocalDate birth, LocalDate today) {
    int years = today.getYear() - birth.getYear();
    MonthDay birthday = MonthDay.from(birth);
    if (birthday.equals(MonthDay.of(Month.FEBRUARY, 29)) && !Year.isLeap(today.getYear())) {
      birthday = MonthDay.of(Month.FEBRUARY, 28);
    }
    if (MonthDay.from(today).isBefore(birthday)) {
      years--;
    }
    return years;
  }

  private static Gen<LocalDate> dates(int fromYear, int toYear) {
    long from = LocalDate.of(fromYear, 1, 1).toEpochDay();
    long to = LocalDate.of(toYear, 12, 31).toEpochDay();
    Gen<LocalDate> any = integers().between((int) from, (int) to).map(LocalDate::ofEpochDay);
    Gen<LocalDate> leapDays = integers().between(fromYear / 4, toYear / 4)
        .map(q -> q * 4).map(y -> Year.isLeap(y) ? LocalDate.of(y, 2, 29) : LocalDate.of(y, 2, 28));
    Gen<LocalDate> endOfFebruary = integers().between(fromYear, toYear).zip(integers().between(27, 29),
        (y, d) -> LocalDate.of(y, 3, 1).minusDays(30 - d));
    return Generate.frequency(List.of(
        org.quicktheories.api.Pair.of(3, any),
        org.quicktheories.api.Pair.of(2, leapDays),
        org.quicktheories.api.Pair.of(1, endOfFebruary)));
  }

  /** Pairs (birth, today) where today is usually close to the 16th birthday, where mistakes show. */
  private static Gen<LocalDate[]> birthAndToday() {
    Gen<LocalDate[]> nearBirthday = dates(1900, 2150).zip(integers().between(-3, 3),
        (b, offset) -> new LocalDate[] {b, b.plusYears(16).plusDays(offset)});
    Gen<LocalDate[]> near130 = dates(1850, 2000).zip(integers().between(-3, 3),
        (b, offset) -> new LocalDate[] {b, b.plusYears(130).plusDays(offset)});
    Gen<LocalDate[]> nearLeapDay = dates(1900, 2150).zip(dates(1916, 2200),
        (b, t) -> new LocalDate[] {b, LocalDate.of(b.getYear() + 16, 2, 27).plusDays(Math.floorMod(t.getDayOfMonth(), 4))});
    Gen<LocalDate[]> anyPair = dates(1850, 2200).zip(dates(1850, 2200), (b, t) -> new LocalDate[] {b, t});
    return Generate.oneOf(nearBirthday, nearLeapDay, near130, anyPair);
  }

  @Test
  @DisplayName("S2: property: younger than 16 exactly when birth.plusYears(16) is after today, and a hand calculation agrees")
  void youngerThanMinimumAgreesWithIndependentCalculations() {
    qt().withExamples(5000).forAll(birthAndToday()).checkAssert(pair -> {
      LocalDate birth = pair[0];
      LocalDate today = pair[1];
      boolean young = FormRules.isYoungerThanMinimum(birth, today);

      assertThat(young).as("plusYears, %s on %s", birth, today).isEqualTo(birth.plusYears(16).isAfter(today));
      assertThat(young).as("by hand, %s on %s", birth, today).isEqualTo(youngerThan16ByHand(birth, today));
      if (!MonthDay.from(birth).equals(MonthDay.of(2, 29)) && !birth.isAfter(today)) {
        assertThat(young).as("Period, %s on %s", birth, today).isEqualTo(Period.between(birth, today).getYears() < 16);
      }
    });
  }

  @Test
  @DisplayName("S2: property: age() reports one problem, the right one, or none")
  void ageReportsTheRightProblem() {
    qt().withExamples(3000).forAll(birthAndToday()).checkAssert(pair -> {
      LocalDate birth = pair[0];
      LocalDate today = pair[1];

      List<Code> codes = codes(birth, today);

      assertThat(codes).as("%s on %s", birth, today).hasSizeLessThanOrEqualTo(1);
      if (birth.isAfter(today)) {
        assertThat(codes).containsExactly(Code.DATE_IN_FUTURE);
        return;
      }
      int age = ageByHand(birth, today);
      if (age > 130) {
        assertThat(codes).as("%s on %s", birth, today).containsExactly(Code.DATE_IMPLAUSIBLE);
      } else if (age < 130) {
        assertThat(codes).as("%s on %s", birth, today)
            .isEqualTo(youngerThan16ByHand(birth, today) ? List.of(Code.TOO_YOUNG) : List.of());
      } else {
        // 130 years old: accepted on the birthday itself, implausible a day later; never too young.
        assertThat(codes).as("%s on %s", birth, today).isSubsetOf(Code.DATE_IMPLAUSIBLE);
      }
    });
  }
}
