package dev.invitekit.internal.signup;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.internal.password.CommonPasswords;
import dev.invitekit.internal.password.PasswordStrength;
import dev.invitekit.internal.text.NameRule;
import dev.invitekit.internal.text.Utf16;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The field rules every sign-up follows, founders included (A3): age (S2), names (S3) and password (S4).
 * Each check adds its problems to a list so that all come back together (S5); none throws.
 */
public final class FormRules {
  /** Minimum age on the day of sign-up (S2). */
  public static final int MINIMUM_AGE = 16;
  /** Older than this is implausible (S2). */
  public static final int MAXIMUM_AGE = 130;
  /** Longest name in code points (S3). */
  public static final int MAX_NAME = NameRule.MAX_LENGTH;
  /** Longest password in code points: far above the 64 S4 requires, and refused, never truncated, past it. */
  public static final int MAX_PASSWORD = 256;
  /** Shortest email local part or name that a password may not contain (S4); shorter ones match by chance. */
  static final int MIN_CONTAINED = 3;

  private final int minimumPasswordLength;

  /** Rules with this minimum password length (15 by default; 8 when the app enforces a second factor). */
  public FormRules(int minimumPasswordLength) {
    this.minimumPasswordLength = minimumPasswordLength;
  }

  /**
   * The name checked by the one {@link NameRule} (S3): trimmed, NFC-normalized; or null with a problem
   * added when it is malformed UTF-16, missing (nothing visible in it), too long, or has control or
   * bidi-override characters.
   */
  public static @Nullable String name(String raw, Field field, List<FieldProblem> problems) {
    NameRule.Result result = NameRule.check(raw);
    if (result instanceof NameRule.Valid valid) {
      return valid.name();
    }
    NameRule.Problem problem = ((NameRule.Invalid) result).problem();
    problems.add(switch (problem) {
      case MALFORMED -> new FieldProblem(field, Code.MALFORMED_TEXT,
          label(field) + " has a broken character (an unpaired surrogate): type it again.");
      case REQUIRED -> new FieldProblem(field, Code.REQUIRED, label(field) + " is required.");
      case CONTROL_CHARACTERS -> new FieldProblem(field, Code.CONTROL_CHARACTERS,
          label(field) + " must not contain control or invisible formatting characters.");
      case TOO_LONG -> new FieldProblem(field, Code.TOO_LONG,
          label(field) + " must be at most " + MAX_NAME + " characters.");
    });
    return null;
  }

  /** The names that passed {@link #name}, for the password's "contains your name" check (S4). */
  public static List<String> names(@Nullable String first, @Nullable String last) {
    List<String> names = new ArrayList<>(2);
    if (first != null) {
      names.add(first);
    }
    if (last != null) {
      names.add(last);
    }
    return names;
  }

  /**
   * Adds the problems of a date of birth (S2): in the future, implausibly old, or younger than 16 on
   * {@code today}. The 16th birthday of someone born on 29 February is 28 February in a common year.
   *
   * @return true when the date is plausible and the person old enough
   */
  public static boolean age(@Nullable LocalDate birthDate, LocalDate today, List<FieldProblem> problems) {
    if (birthDate == null) {
      // S5: an empty date field is a problem beside the others, never an exception; it is no failed age
      // check, so it locks nothing (S2).
      problems.add(new FieldProblem(Field.BIRTH_DATE, Code.REQUIRED, "Enter your date of birth."));
      return false;
    }
    if (birthDate.isAfter(today)) {
      problems.add(new FieldProblem(Field.BIRTH_DATE, Code.DATE_IN_FUTURE, "The date of birth is in the future."));
      return false;
    }
    if (birthDate.isBefore(today.minusYears(MAXIMUM_AGE))) {
      problems.add(new FieldProblem(Field.BIRTH_DATE, Code.DATE_IMPLAUSIBLE, "Check the date of birth: the year looks wrong."));
      return false;
    }
    if (isYoungerThanMinimum(birthDate, today)) {
      problems.add(new FieldProblem(Field.BIRTH_DATE, Code.TOO_YOUNG,
          "You must be at least " + MINIMUM_AGE + " years old to sign up."));
      return false;
    }
    return true;
  }

  /** Whether the person has not yet turned 16 on {@code today} (S2). */
  public static boolean isYoungerThanMinimum(LocalDate birthDate, LocalDate today) {
    // plusYears clamps 29 February to 28 February in common years: that day is the birthday there.
    return birthDate.plusYears(MINIMUM_AGE).isAfter(today);
  }

  /**
   * The password NFKC-normalized (S4), or null with problems added: malformed UTF-16 (an unpaired
   * surrogate), too short or too long in code points, common, containing the email's local part or a name,
   * guessable in fewer than {@link PasswordStrength#MINIMUM_GUESSES} guesses by nbvcxz's estimate
   * (repetitions, sequences, keyboard walks, dictionary words), or not matching its confirmation. No
   * composition rules. Without an {@code email} (the form's address was invalid) every check but the
   * local-part one is made, so the form learns all its problems at once (S5).
   */
  public @Nullable String password(String raw, String confirmation, @Nullable EmailAddress email, List<String> names,
      List<FieldProblem> problems) {
    int before = problems.size();
    if (!Utf16.isWellFormed(raw)) {
      // S4: never hashed. String.getBytes would turn each unpaired surrogate into '?', so two different
      // passwords would share one hash.
      problems.add(new FieldProblem(Field.PASSWORD, Code.MALFORMED_TEXT,
          "The password has a broken character (an unpaired surrogate): type it again."));
      return null;
    }
    String password = Normalizer.normalize(raw, Normalizer.Form.NFKC);
    int length = password.codePointCount(0, password.length());
    if (length < minimumPasswordLength) {
      problems.add(new FieldProblem(Field.PASSWORD, Code.TOO_SHORT,
          "Use at least " + minimumPasswordLength + " characters; a few unrelated words make a good password."));
    } else if (length > MAX_PASSWORD) {
      problems.add(new FieldProblem(Field.PASSWORD, Code.TOO_LONG, "Use at most " + MAX_PASSWORD + " characters."));
    } else if (CommonPasswords.contains(password)) {
      problems.add(new FieldProblem(Field.PASSWORD, Code.COMMON_PASSWORD,
          "This password is too common: it appears in lists attackers try first."));
    } else {
      String lower = password.toLowerCase(Locale.ROOT);
      if (email != null && email.localPart().length() >= MIN_CONTAINED && lower.contains(email.localPart())) {
        problems.add(new FieldProblem(Field.PASSWORD, Code.CONTAINS_EMAIL, "The password must not contain your email address."));
      }
      for (String name : names) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        if (n.codePointCount(0, n.length()) >= MIN_CONTAINED && lower.contains(n)) {
          problems.add(new FieldProblem(Field.PASSWORD, Code.CONTAINS_NAME, "The password must not contain your name."));
          break;
        }
      }
      if (problems.size() == before) {
        PasswordStrength.weakness(password).ifPresent(reason ->
            problems.add(new FieldProblem(Field.PASSWORD, Code.TOO_WEAK, reason)));
      }
    }
    if (!Normalizer.normalize(confirmation, Normalizer.Form.NFKC).equals(password)) {
      problems.add(new FieldProblem(Field.PASSWORD_CONFIRMATION, Code.MISMATCH, "The two passwords differ."));
    }
    return problems.size() == before ? password : null;
  }

  private static String label(Field field) {
    return switch (field) {
      case FIRST_NAME -> "First name";
      case LAST_NAME -> "Last name";
      case ACCOUNT_NAME -> "Company name";
      default -> field.name().charAt(0) + field.name().substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }
}
