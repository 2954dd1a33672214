package dev.invitekit.account;

import dev.invitekit.member.User;
import dev.invitekit.signup.FieldProblem;
import java.util.List;

/** The outcome of {@link Accounts#create(NewAccount)} (A1–A4). */
public sealed interface AccountCreation {

  /** The account exists with its founder as its first admin (A3). */
  record Created(Account account, User founder) implements AccountCreation {}

  /** Nothing was created; every problem, field by field (S5). */
  record Rejected(List<FieldProblem> problems) implements AccountCreation {
    /** Copies the problems. */
    public Rejected {
      problems = List.copyOf(problems);
    }
  }
}
