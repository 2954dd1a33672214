package dev.invitekit.account;

import dev.invitekit.secret.Password;
import dev.invitekit.secret.Token;
import dev.invitekit.member.User;
import java.util.Objects;

/**
 * The outcome of {@link Accounts#confirmFounder(Token, Password)}: the founder proving the address by mail
 * (A3, U1).
 */
public sealed interface FounderConfirmation {

  /**
   * The founder proved the address: the identity can sign in, and the account is usable with the founder
   * as its first admin (A3). When the address already had an identity (its owner joined another account, or
   * signed up from an invitation), {@code founder} is that identity, which keeps its own password; the
   * password given with the sign-up is then discarded.
   */
  record Confirmed(Account account, User founder) implements FounderConfirmation {
    /** Requires both. */
    public Confirmed {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(founder, "founder");
    }
  }

  /**
   * The password is not the one chosen when the account was created (nor, when the address already has an
   * identity, that identity's): nothing changed, and the link can be used again with the right one (A3).
   */
  record WrongPassword() implements FounderConfirmation {
    /** A sentence for the person who followed the link. */
    public String message() {
      return "Enter the password you chose when you created the account (or, if you already had an account "
          + "with this address, its password). If you did not create this account, ignore the email.";
    }
  }

  /** The token cannot be used; nothing changed. */
  record Unusable(Status status) implements FounderConfirmation {
    /** Requires the status. */
    public Unusable {
      Objects.requireNonNull(status, "status");
    }
  }

  /** Why a confirmation token cannot be used, each with what to do next. Codes are stable. */
  enum Status {
    /** No founder sign-up has this token (mistyped, or its sign-up was discarded long after it expired). */
    UNKNOWN("This confirmation link is not valid. Create the account again to get a new one."),
    /** The sign-up was not confirmed in time and was discarded. */
    EXPIRED("This confirmation link has expired. Create the account again to get a new one."),
    /** The sign-up was already confirmed. */
    ALREADY_USED("This address is already confirmed. Sign in."),
    /** Too many unknown or malformed tokens were tried (SPEC §5); the token was not looked up. */
    TOO_MANY_ATTEMPTS("Too many links were tried. Wait a while and try again.");

    private final String whatToDo;

    Status(String whatToDo) {
      this.whatToDo = whatToDo;
    }

    /** A sentence for the founder saying what happened and what to do next. */
    public String whatToDo() {
      return whatToDo;
    }
  }
}
