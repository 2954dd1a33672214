package dev.invitekit.examples.webapp.web;

import dev.invitekit.signup.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems of one form, by field, so that each is shown next to its field at once (S3) and tied to it
 * ({@code aria-describedby}, {@code aria-invalid}). Invitekit's {@link FieldProblem.Field}s map to the
 * form's field names; problems of no field of the form are shown at the top.
 */
public final class FormErrors {

  /** The key of problems shown above the form. */
  public static final String FORM = "form";

  private final Map<String, List<String>> byField = new LinkedHashMap<>();

  public static FormErrors none() {
    return new FormErrors();
  }

  public static FormErrors of(List<FieldProblem> problems) {
    FormErrors errors = new FormErrors();
    for (FieldProblem problem : problems) {
      errors.add(fieldName(problem.field()), problem.message());
    }
    return errors;
  }

  static String fieldName(FieldProblem.Field field) {
    return switch (field) {
      case BIRTH_DATE -> "birthDate";
      case FIRST_NAME -> "firstName";
      case LAST_NAME -> "lastName";
      case PASSWORD -> "password";
      case PASSWORD_CONFIRMATION -> "passwordConfirmation";
      case EMAIL -> "email";
      case ACCOUNT_NAME -> "accountName";
      case DOMAINS -> "domain";
      case SEATS, TOKEN -> FORM;
    };
  }

  public FormErrors add(String field, String message) {
    byField.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    return this;
  }

  /** Replaces a field's problems, e.g. "required" for a date that was typed but could not be read. */
  public FormErrors replace(String field, String message) {
    byField.put(field, new ArrayList<>(List.of(message)));
    return this;
  }

  public boolean has(String field) {
    return byField.containsKey(field);
  }

  public List<String> get(String field) {
    return byField.getOrDefault(field, List.of());
  }

  /** The id of the field's error text, for {@code aria-describedby}; null (no attribute) without errors. */
  public String describedBy(String field) {
    return has(field) ? field + "-error" : null;
  }

  public boolean isEmpty() {
    return byField.isEmpty();
  }

  public int count() {
    return byField.values().stream().mapToInt(List::size).sum();
  }

  /** Every field with problems, in the order found, for the summary at the top of the form. */
  public Map<String, List<String>> all() {
    return byField;
  }
}
