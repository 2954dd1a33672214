package dev.invitekit.signup;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.member.Membership;
import dev.invitekit.member.User;
import java.util.List;

/** The outcome of signing up or joining with an invitation (S1–S6, I8). */
public sealed interface SignupResult {

  /** The user exists, is a member, and the invitation is accepted, in one unit of work (S6). */
  record Joined(User user, Membership membership) implements SignupResult {}

  /**
   * The form has problems; nothing was created (S5). When the age check failed the invitation is now
   * locked against retries (S2).
   */
  record Invalid(List<FieldProblem> problems) implements SignupResult {
    /** Copies the problems. */
    public Invalid {
      problems = List.copyOf(problems);
    }
  }

  /** The token cannot be used; {@code status} says why and what to do (S1). */
  record Unusable(TokenStatus status) implements SignupResult {}

  /**
   * The invitation no longer grants what it offered (I8: the inviter lost the right, or the policy
   * changed), or the signed-in user is not the invited address (S6). Nothing was created.
   */
  record NotAllowed(Refusal refusal) implements SignupResult {}
}
